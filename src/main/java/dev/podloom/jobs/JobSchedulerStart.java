package dev.podloom.jobs;

import io.micronaut.context.BeanContext;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds and starts the job scheduler beside the main thread while the HTTP server is built: the scheduler, its
 * tasks and the data access behind them were a seventh of the main thread's startup work, and the server does not
 * need them to be built. The build begins once the application context has started (every eager bean, the
 * database among them, exists by then, so the two threads never build the same beans in opposite orders) and the
 * server's startup waits for it before it announces itself: when startup completes the scheduler runs, and a
 * scheduler that cannot be built fails the startup, exactly as when it was built on the main thread. A node with
 * {@code podloom.jobs.enabled=false} builds it too (it enqueues jobs for the others) but does not start it.
 */
@Singleton
final class JobSchedulerStart {

    private static final Logger LOG = LoggerFactory.getLogger(JobSchedulerStart.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private final BeanProvider<JobScheduler> scheduler;
    private final BeanContext context;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean stopping;

    JobSchedulerStart(BeanProvider<JobScheduler> scheduler, BeanContext context) {
        this.scheduler = scheduler;
        this.context = context;
    }

    @EventListener
    void build(StartupEvent event) {
        Thread.ofPlatform().name("job-scheduler-start").daemon().start(() -> {
            try {
                scheduler.get().start();
                started.complete(null);
            } catch (RuntimeException | Error e) {
                started.completeExceptionally(e);
                if (!stopping && context.isRunning()) {
                    LOG.error("The job scheduler could not be started", e);
                } // else: the application stopped while it started (tests); nothing to report
            }
        });
    }

    /**
     * A context closed right after it started (a test, a failed start) waits for the build to end before its
     * beans are destroyed, so nothing is built into a context being torn down.
     */
    @EventListener
    void awaitBuildBeforeShutdown(ShutdownEvent event) {
        stopping = true;
        try {
            started.get(SHUTDOWN_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            // the build failed; the context is stopping anyway
        } catch (TimeoutException e) {
            LOG.warn("The job scheduler was still being built after {} s; stopping anyway", SHUTDOWN_WAIT.toSeconds());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Startup completes with the scheduler running, or fails with the reason it could not start. */
    @EventListener
    void awaitStarted(ServerStartupEvent event) {
        try {
            started.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }
}
