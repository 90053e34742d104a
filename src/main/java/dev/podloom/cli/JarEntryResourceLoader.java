package dev.podloom.cli;

import io.micronaut.core.io.ResourceLoader;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.core.io.scan.DefaultClassPathResourceLoader;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.stream.Stream;

/**
 * The class-path resource loader the service starts with: Micronaut's own, except that a resource inside a jar
 * (the service's {@code application.yml} in {@code podloom.jar}) is read through the jar's entry, not through a
 * zip file system. Micronaut's loader opens a zip file system over the whole jar for each such read, to tell a
 * directory from a file, and closes it again: in the 40,000-entry jar that is a tenth of the main thread's work
 * at startup. Here the entry itself says whether it is a directory. Anything that is not a plain jar entry
 * (a directory on disk in tests and development, a nested jar) goes to Micronaut's loader unchanged.
 */
final class JarEntryResourceLoader implements ClassPathResourceLoader {

    private final ClassLoader classLoader;
    private final String basePath;
    private final DefaultClassPathResourceLoader micronaut;

    JarEntryResourceLoader(ClassLoader classLoader) {
        this(classLoader, null);
    }

    private JarEntryResourceLoader(ClassLoader classLoader, String basePath) {
        this.classLoader = classLoader;
        this.basePath = basePath;
        this.micronaut = new DefaultClassPathResourceLoader(classLoader, basePath);
    }

    @Override
    public Optional<InputStream> getResourceAsStream(String path) {
        Lookup lookup = lookup(path);
        if (lookup.state() == JarEntryState.DIRECTORY) {
            return Optional.empty();
        }
        if (lookup.state() == JarEntryState.FILE) {
            try {
                return Optional.of(lookup.url().openStream());
            } catch (IOException e) {
                // unreadable here: let Micronaut's loader try
            }
        }
        return micronaut.getResourceAsStream(path);
    }

    @Override
    public Optional<URL> getResource(String path) {
        Lookup lookup = lookup(path);
        return switch (lookup.state()) {
            case FILE -> Optional.of(lookup.url());
            case DIRECTORY -> Optional.empty();
            case NOT_A_JAR_ENTRY -> micronaut.getResource(path);
        };
    }

    @Override
    public Stream<URL> getResources(String path) {
        return micronaut.getResources(path);
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    /** A loader under a base path (views, static resources) keeps Micronaut's checks that a resource lies under it. */
    @Override
    public ResourceLoader forBase(String basePath) {
        return new JarEntryResourceLoader(classLoader, basePath);
    }

    private enum JarEntryState { FILE, DIRECTORY, NOT_A_JAR_ENTRY }

    private record Lookup(JarEntryState state, URL url) {
    }

    /** Under a base path, Micronaut's loader answers (it checks that the resource lies under the base). */
    private Lookup lookup(String path) {
        if (basePath != null) {
            return new Lookup(JarEntryState.NOT_A_JAR_ENTRY, null);
        }
        URL url = classLoader.getResource(stripPrefix(path));
        return new Lookup(jarEntry(url), url);
    }

    private static JarEntryState jarEntry(URL url) {
        if (url == null || !"jar".equals(url.getProtocol())) {
            return JarEntryState.NOT_A_JAR_ENTRY;
        }
        try {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return JarEntryState.NOT_A_JAR_ENTRY;
            }
            JarEntry entry = jar.getJarEntry();
            if (entry == null) {
                return JarEntryState.NOT_A_JAR_ENTRY;
            }
            return entry.isDirectory() ? JarEntryState.DIRECTORY : JarEntryState.FILE;
        } catch (IOException e) {
            return JarEntryState.NOT_A_JAR_ENTRY;
        }
    }

    /** As Micronaut's loader: a {@code classpath:} prefix is dropped, a leading slash is not (no resource has one). */
    private static String stripPrefix(String path) {
        return path.startsWith("classpath:") ? path.substring("classpath:".length()) : path;
    }
}
