package dev.podloom.metrics;

import dev.podloom.jobs.JobScheduler;
import dev.podloom.storage.ObjectStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Readiness beyond the database (which Micronaut's JDBC indicator checks): the object store answers,
 * and this node's job scheduler runs. Either one down makes {@code /health/readiness} answer 503.
 */
final class ReadinessChecks {

    private ReadinessChecks() {
    }

    @Singleton
    @Readiness
    static final class ObjectStoreHealth implements HealthIndicator {
        private final ObjectStore store;
        private final ExecutorService blocking;

        ObjectStoreHealth(ObjectStore store, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
            this.store = store;
            this.blocking = blocking;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(() -> {
                try {
                    store.stat("health/readiness-probe"); // a missing object is fine: the store answered
                    return HealthResult.builder("objectStore", HealthStatus.UP).build();
                } catch (RuntimeException e) {
                    return HealthResult.builder("objectStore", HealthStatus.DOWN)
                            .details(Map.of("error", e.getClass().getSimpleName())).build();
                }
            }, blocking));
        }
    }

    @Singleton
    @Readiness
    static final class SchedulerHealth implements HealthIndicator {
        private final JobScheduler scheduler;

        SchedulerHealth(JobScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public Publisher<HealthResult> getResult() {
            HealthStatus status = scheduler.healthy() ? HealthStatus.UP : HealthStatus.DOWN;
            return Publishers.just(HealthResult.builder("jobScheduler", status)
                    .details(Map.of("enabled", scheduler.enabled())).build());
        }
    }
}
