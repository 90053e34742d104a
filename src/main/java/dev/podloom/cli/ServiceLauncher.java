package dev.podloom.cli;

import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.runtime.Micronaut;
import org.slf4j.LoggerFactory;

/**
 * How the service's application context is built, for {@code java -jar podloom.jar} and for the build's AOT
 * training run alike (so the training exercises the start it trains for). Each choice here saves startup time;
 * bench/README.md ("Startup") has the measurements.
 */
public final class ServiceLauncher {

    private static final String NETTY_NO_NATIVE = "io.netty.transport.noNative";
    /**
     * Netty's platform probe: its static initializer links a buffer cleaner through the foreign-function API on
     * Java 24+ (~70 ms on the main thread, which needs it only once it builds the HTTP server's event loops).
     */
    private static final String NETTY_PLATFORM = "io.netty.util.internal.PlatformDependent";

    private ServiceLauncher() {
    }

    /** A Micronaut builder for the service: no banner, no bootstrap context, jar resources read entry by entry. */
    public static Micronaut builder(Class<?> mainClass, String... args) {
        // The jar ships no native Netty transport (Netty runs on NIO): without this, Netty tries to load its epoll
        // library from the jar and from the system at every start, fails, and only then falls back.
        if (System.getProperty(NETTY_NO_NATIVE) == null) {
            System.setProperty(NETTY_NO_NATIVE, "true");
        }
        // Logging first, on this thread: Netty's probe logs, and a logger used on another thread while SLF4J is
        // still initializing makes SLF4J print a warning about replayed calls.
        LoggerFactory.getILoggerFactory();
        initializeBeside(NETTY_PLATFORM);
        Micronaut micronaut = new PodloomMicronaut();
        // No bootstrap context (no distributed configuration client is used): without this, Micronaut scans the
        // whole jar for bootstrap property-source locators at every start, ~20 % of startup.
        micronaut.bootstrapEnvironment(false);
        return micronaut.args(args).banner(false).mainClass(mainClass);
    }

    /**
     * Initializes a class on a thread of its own while the main thread reads the configuration and builds the
     * context; the main thread, once it needs the class, waits for that initialization (the JVM's class
     * initialization lock) instead of doing it. A class that is missing or fails here fails again, with its
     * reason, where it is used.
     */
    private static void initializeBeside(String className) {
        ClassLoader loader = ServiceLauncher.class.getClassLoader();
        Thread.ofPlatform().daemon().name("class-init").start(() -> {
            try {
                Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // reported where the class is used
            }
        });
    }

    /** Micronaut's builder with {@link JarEntryResourceLoader} as the class-path resource loader. */
    private static final class PodloomMicronaut extends Micronaut {

        private ClassPathResourceLoader resourceLoader;

        @Override
        public ClassPathResourceLoader getResourceLoader() {
            if (resourceLoader == null) {
                resourceLoader = new JarEntryResourceLoader(getClassLoader());
            }
            return resourceLoader;
        }
    }
}
