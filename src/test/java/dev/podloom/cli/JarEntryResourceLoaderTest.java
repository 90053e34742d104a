package dev.podloom.cli;

import io.micronaut.core.io.ResourceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

class JarEntryResourceLoaderTest {

    @TempDir
    Path dir;

    @Test
    void readsAFileOfAJarThroughItsEntry() throws IOException {
        try (URLClassLoader classLoader = jarClassLoader()) {
            JarEntryResourceLoader loader = new JarEntryResourceLoader(classLoader);

            assertThat(read(loader.getResourceAsStream("conf/app.yml"))).isEqualTo("name: test");
            assertThat(read(loader.getResourceAsStream("classpath:conf/app.yml"))).isEqualTo("name: test");
            assertThat(loader.getResource("conf/app.yml")).get().asString().startsWith("jar:file:")
                    .endsWith("!/conf/app.yml");
        }
    }

    @Test
    void answersNothingForADirectoryOrAMissingEntryOfAJar() throws IOException {
        try (URLClassLoader classLoader = jarClassLoader()) {
            JarEntryResourceLoader loader = new JarEntryResourceLoader(classLoader);

            assertThat(loader.getResourceAsStream("conf")).isEmpty();
            assertThat(loader.getResourceAsStream("conf/")).isEmpty();
            assertThat(loader.getResource("conf/")).isEmpty();
            assertThat(loader.getResourceAsStream("conf/missing.yml")).isEmpty();
            assertThat(loader.getResource("conf/missing.yml")).isEmpty();
        }
    }

    @Test
    void readsUnderABasePathAsMicronautsLoaderDoes() throws IOException {
        try (URLClassLoader classLoader = jarClassLoader()) {
            ResourceLoader loader = new JarEntryResourceLoader(classLoader).forBase("classpath:conf");

            assertThat(read(loader.getResourceAsStream("app.yml"))).isEqualTo("name: test");
            assertThat(loader.getResourceAsStream("other.yml")).isEmpty();
        }
    }

    @Test
    void readsAFileOfADirectoryOnTheClassPathAsMicronautsLoaderDoes() throws IOException {
        Path classes = Files.createDirectories(dir.resolve("classes/conf"));
        Files.writeString(classes.resolve("app.yml"), "name: dir");
        try (URLClassLoader classLoader = new URLClassLoader(new URL[]{dir.resolve("classes").toUri().toURL()},
                null)) {
            JarEntryResourceLoader loader = new JarEntryResourceLoader(classLoader);

            assertThat(read(loader.getResourceAsStream("conf/app.yml"))).isEqualTo("name: dir");
            assertThat(loader.getResourceAsStream("conf")).isEmpty();
        }
    }

    private static String read(Optional<InputStream> stream) throws IOException {
        assertThat(stream).isPresent();
        try (InputStream input = stream.get()) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private URLClassLoader jarClassLoader() throws IOException {
        Path jar = dir.resolve("resources.jar");
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String directory : List.of("META-INF/", "conf/")) {
                zip.putNextEntry(new ZipEntry(directory));
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("conf/app.yml"));
            zip.write("name: test".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("other.yml"));
            zip.write("name: other".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return new URLClassLoader(new URL[]{jar.toUri().toURL()}, null);
    }
}
