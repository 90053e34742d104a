package dev.podloom.podcasts;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/** The db-scheduler tasks behind podcasts: rendering. */
@Factory
final class PodcastTasks {

    @Singleton
    @Named("render-podcast")
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
}
