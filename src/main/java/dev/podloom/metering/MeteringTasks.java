package dev.podloom.metering;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/** The hourly purge of idempotency records past their retention. */
@Factory
final class MeteringTasks {

    static final TaskDescriptor<Void> PURGE_IDEMPOTENCY_KEYS = TaskDescriptor.of("purge-idempotency-keys");

    @Singleton
    @Named("purge-idempotency-keys")
    Task<Void> purgeIdempotencyKeys(IdempotencyRecords records) {
        return Tasks.recurring(PURGE_IDEMPOTENCY_KEYS, FixedDelay.ofHours(1))
                .execute((instance, context) -> records.purgeExpired());
    }
}
