package dev.podloom.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextConfiguration;
import io.micronaut.context.DefaultApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.io.scan.ClassPathResourceLoader;
import io.micronaut.runtime.Micronaut;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * How the service's application context is built, for {@code java -jar podloom.jar} and for the build's AOT
 * training run alike (so the training exercises the start it trains for). Each choice here saves startup time;
 * bench/README.md ("Startup") has the measurements.
 */
public final class ServiceLauncher {

    private static final String NETTY_NO_NATIVE = "io.netty.transport.noNative";
    private static final String NETTY_JFR = "io.netty.jfr.enabled";
    /**
     * Netty's platform probe: its static initializer links a buffer cleaner through the foreign-function API on
     * Java 24+ (~70 ms on the main thread, which needs it only once it builds the HTTP server's event loops).
     */
    private static final String NETTY_PLATFORM = "io.netty.util.internal.PlatformDependent";
    /**
     * Micronaut's Flight Recorder event for HTTP requests: its static initializer registers the event type, which
     * sets up the JVM's whole recorder metadata (~60 ms), on the event loop while the first request waits.
     */
    private static final String HTTP_REQUEST_EVENT = "io.micronaut.http.server.netty.handler.Http1RequestEvent";
    /**
     * Java's own classes with a costly static initializer, which log nothing, in the order the main thread needs
     * them: the time-zone rules and date formats (the log pattern's timestamp, set up with logging), {@code
     * BigDecimal} (Java 25 computes large powers of ten in it, 60-80 ms interpreted; H2 needs it for its first
     * session) and the {@code SecureRandom} behind {@code UUID.randomUUID} (the connection pool names each
     * connection with one).
     */
    private static final List<String> JDK_CLASSES = List.of("java.time.zone.ZoneRulesProvider",
            "sun.util.calendar.ZoneInfoFile", "java.time.format.DateTimeFormatter", "java.math.BigDecimal",
            "java.util.UUID$Holder");
    /**
     * Library classes with a costly static initializer, which log, in the order they are needed: the connection
     * pool's closed-connection proxy (generated on the first close), Netty's platform probe and Micronaut's request
     * event.
     */
    private static final List<String> LIBRARY_CLASSES = List.of(
            "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", NETTY_PLATFORM, HTTP_REQUEST_EVENT);

    private ServiceLauncher() {
    }

    /** A Micronaut builder for the service: no banner, no bootstrap context, jar resources read entry by entry. */
    public static Micronaut builder(Class<?> mainClass, String... args) {
        // The jar ships no native Netty transport (Netty runs on NIO): without this, Netty tries to load its epoll
        // library from the jar and from the system at every start, fails, and only then falls back.
        if (System.getProperty(NETTY_NO_NATIVE) == null) {
            System.setProperty(NETTY_NO_NATIVE, "true");
        }
        // Netty's buffer allocator registers its Flight Recorder event types with the JVM's recorder on the first
        // read of the first connection (150-200 ms on the event loop while the first request waits), whether or
        // not a recording runs. Its events are for profiling Netty itself: -Dio.netty.jfr.enabled=true turns
        // them back on.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        // Logging is set up on this thread while the JDK's classes are initialized beside it; the library classes,
        // which log, wait for it: a logger used on another thread while SLF4J is still initializing makes SLF4J
        // print a warning about replayed calls.
        CountDownLatch logging = new CountDownLatch(1);
        initializeBeside(JDK_CLASSES, logging, LIBRARY_CLASSES);
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            logging.countDown();
        }
        Micronaut micronaut = new PodloomMicronaut();
        // No bootstrap context (no distributed configuration client is used): without this, Micronaut scans the
        // whole jar for bootstrap property-source locators at every start, ~20 % of startup.
        micronaut.bootstrapEnvironment(false);
        return micronaut.args(args).banner(false).mainClass(mainClass);
    }

    /**
     * Initializes classes, one after the other, on a thread of its own while the main thread sets up logging, reads
     * the configuration and builds the context: first {@code before}, then, once {@code between} is open, {@code
     * after}. The main thread, once it needs one of them, waits for that initialization (the JVM's class
     * initialization lock) instead of doing it. A class that is missing or fails here fails again, with its reason,
     * where it is used.
     */
    private static void initializeBeside(List<String> before, CountDownLatch between, List<String> after) {
        ClassLoader loader = ServiceLauncher.class.getClassLoader();
        Thread.ofPlatform().daemon().name("class-init").start(() -> {
            initialize(before, loader);
            try {
                between.await();
            } catch (InterruptedException e) {
                return;
            }
            initialize(after, loader);
        });
    }

    private static void initialize(List<String> classNames, ClassLoader loader) {
        for (String className : classNames) {
            try {
                Class.forName(className, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // reported where the class is used
            }
        }
    }

    /**
     * Micronaut's builder with {@link JarEntryResourceLoader} as the class-path resource loader, building a context
     * that opens the embedded database early.
     */
    private static final class PodloomMicronaut extends Micronaut {

        private ClassPathResourceLoader resourceLoader;

        @Override
        public ClassPathResourceLoader getResourceLoader() {
            if (resourceLoader == null) {
                resourceLoader = new JarEntryResourceLoader(getClassLoader());
            }
            return resourceLoader;
        }

        @Override
        protected ApplicationContext newApplicationContext() {
            return new PodloomApplicationContext(this);
        }
    }

    /**
     * Micronaut's application context, which starts opening the embedded database ({@link EmbeddedDatabaseOpener})
     * once its environment (the configuration) is read, and lets go of that early connection once it has started.
     */
    private static final class PodloomApplicationContext extends DefaultApplicationContext {

        private static final String DATASOURCE = "datasources.default.";

        private EmbeddedDatabaseOpener databaseOpener;

        PodloomApplicationContext(ApplicationContextConfiguration configuration) {
            super(configuration);
        }

        @Override
        protected void startEnvironment() {
            super.startEnvironment();
            Environment environment = getEnvironment();
            databaseOpener = EmbeddedDatabaseOpener.start(
                    environment.getProperty(DATASOURCE + "url", String.class).orElse(null),
                    environment.getProperty(DATASOURCE + "username", String.class).orElse(null),
                    environment.getProperty(DATASOURCE + "password", String.class).orElse(null)).orElse(null);
        }

        @Override
        public synchronized ApplicationContext start() {
            try {
                return super.start();
            } finally {
                if (databaseOpener != null) {
                    databaseOpener.close();
                    databaseOpener = null;
                }
            }
        }
    }
}
