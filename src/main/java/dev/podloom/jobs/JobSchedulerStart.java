package dev.podloom.jobs;

import io.micronaut.context.annotation.Parallel;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Singleton;

/**
 * Builds and starts the job scheduler while the application starts, beside the main thread rather than on it
 * ({@link Parallel}): the scheduler, its tasks and the data access behind them are a seventh of startup, and
 * the HTTP server does not need them to bind. Readiness ({@code /health}) stays 503 until the scheduler runs, and
 * if it cannot be built the application stops, as a failure on the main thread would stop it. A node with
 * {@code podloom.jobs.enabled=false} builds it too (it enqueues jobs for the others) but does not start it.
 */
@Singleton
@Parallel // eager, beside the main thread (@Context would make it eager on the main thread)
final class JobSchedulerStart {

    private final JobScheduler scheduler;

    JobSchedulerStart(JobScheduler scheduler) {
        this.scheduler = scheduler;
    }

    @PostConstruct
    void start() {
        scheduler.start();
    }
}
