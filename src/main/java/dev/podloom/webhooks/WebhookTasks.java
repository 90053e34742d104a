package dev.podloom.webhooks;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/** The db-scheduler task behind webhooks: one execution per delivery, rescheduled by the job itself for retries. */
@Factory
final class WebhookTasks {

    @Singleton
    @Named("deliver-webhook")
    Task<Void> deliverWebhook(DeliverWebhookJob job) {
        return Tasks.custom(DeliverWebhookJob.TASK)
                // Only infrastructure failures escape run() (e.g. the database is down): try again later.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(30)))
                .execute((instance, context) -> switch (job.run(UUID.fromString(instance.getId()))) {
                    case DeliverWebhookJob.Outcome.Finished finished -> new CompletionHandler.OnCompleteRemove<>();
                    case DeliverWebhookJob.Outcome.RetryAt retry ->
                            (complete, operations) -> operations.reschedule(complete, retry.when());
                });
    }
}
