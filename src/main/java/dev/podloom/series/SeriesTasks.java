package dev.podloom.series;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.UUID;

/**
 * The db-scheduler tasks behind series: {@code advance-series} (instance {@code <series id>/<episode number>}) moves
 * one series on; {@code check-series} periodically wakes series whose run may have been missed (credits added by a
 * refund, a lost wake-up), every {@code podloom.series.check-interval} (default 60 s).
 */
@Factory
final class SeriesTasks {

    static final TaskDescriptor<Void> CHECK = TaskDescriptor.of("check-series");

    @Singleton
    @Named(SeriesRunner.TASK_NAME)
    Task<Void> advanceSeries(SeriesRunner runner) {
        return Tasks.oneTime(SeriesRunner.TASK)
                // RetryLater (the key's limits) names its delay; anything else (e.g. the database is down): 30 s.
                .onFailure((complete, operations) -> {
                    Duration delay = complete.getCause()
                            .filter(SeriesRunner.RetryLater.class::isInstance)
                            .map(c -> ((SeriesRunner.RetryLater) c).delay())
                            .orElse(Duration.ofSeconds(30));
                    operations.reschedule(complete, complete.getTimeDone().plus(delay));
                })
                .execute((instance, context) -> runner.advance(UUID.fromString(
                        instance.getId().substring(0, instance.getId().indexOf('/')))));
    }

    @Singleton
    @Named("check-series")
    Task<Void> checkSeries(SeriesWakeUps wakeUps,
                           @Value("${podloom.series.check-interval:60s}") Duration interval) {
        return Tasks.recurring(CHECK, FixedDelay.of(interval)).execute((instance, context) -> wakeUps.check());
    }
}
