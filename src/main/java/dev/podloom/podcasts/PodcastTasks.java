package dev.podloom.podcasts;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.podloom.idempotency.IdempotencyKeys;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/** The db-scheduler tasks behind podcasts: rendering, and the hourly purge of old idempotency records. */
@Factory
final class PodcastTasks {

    @Singleton
    @Named(RenderPodcastJob.TASK)
    Task<Void> renderPodcast(RenderPodcastJob job) {
        return Tasks.oneTime(RenderPodcastJob.TASK)
                // Only infrastructure failures escape run() (e.g. the database is down): try again later;
                // the podcast's attempt counter still bounds how often it is really rendered.
                // RetryLater (a transient failure) names its own delay.
                .onFailure((complete, operations) -> {
                    Duration delay = complete.getCause()
                            .filter(RenderPodcastJob.RetryLater.class::isInstance)
                            .map(c -> ((RenderPodcastJob.RetryLater) c).delay())
                            .orElse(Duration.ofSeconds(30));
                    operations.reschedule(complete, complete.getTimeDone().plus(delay));
                })
                .execute((instance, context) -> job.run(UUID.fromString(instance.getId())));
    }

    @Singleton
    @Named("purge-idempotency-keys")
    Task<Void> purgeIdempotencyKeys(IdempotencyKeys keys) {
        return Tasks.recurring("purge-idempotency-keys", FixedDelay.ofHours(1))
                .execute((instance, context) -> keys.purgeExpired());
    }
}
