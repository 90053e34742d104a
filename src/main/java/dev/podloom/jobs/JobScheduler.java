package dev.podloom.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs this node's db-scheduler with every {@link Task} bean, and offers {@link #schedule} to
 * enqueue work <em>inside the caller's transaction</em>: the client writes through the
 * transaction-aware DataSource, so a job row commits or rolls back with what it belongs to.
 */
@Singleton
public class JobScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(JobScheduler.class);

    private final SchedulerClient transactionalClient;
    private final Scheduler scheduler;
    private final JobSettings settings;
    private final Clock clock;

    public JobScheduler(DataSource dataSource, DataSourceResolver resolver, List<Task<?>> tasks, JobSettings settings,
                        Clock clock) {
        DataSource raw = resolver.resolve(dataSource);
        // Detected once on the raw pool: the transactional DataSource only hands out connections inside
        // a transaction, and the client is built outside one.
        JdbcCustomization jdbc = new AutodetectJdbcCustomization(raw);
        this.transactionalClient = SchedulerClient.Builder.create(dataSource, tasks).jdbcCustomization(jdbc).build();
        // Recurring tasks are registered through startTasks (which schedules them), the others directly.
        List<RecurringTask<?>> recurring = new ArrayList<>();
        List<Task<?>> others = new ArrayList<>();
        for (Task<?> task : tasks) {
            if (task instanceof RecurringTask<?> r) {
                recurring.add(r);
            } else {
                others.add(task);
            }
        }
        var builder = Scheduler.create(raw, others)
                .jdbcCustomization(jdbc)
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeatsLimit())
                .startTasks(recurring)
                // On shutdown, running jobs get a moment to finish; the rest are revived after the restart.
                .shutdownMaxWait(Duration.ofSeconds(10))
                .enableImmediateExecution();
        if (settings.nodeName() != null) {
            builder.schedulerName(new SchedulerName.Fixed(settings.nodeName()));
        }
        if (isPostgres(raw)) {
            // SELECT … FOR UPDATE SKIP LOCKED: nodes never pick the same job and never wait on each other.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        this.scheduler = builder.build();
        this.settings = settings;
        this.clock = clock;
    }

    /** Starts picking jobs (when this node picks jobs at all); {@link JobSchedulerStart} calls it at startup. */
    public void start() {
        if (settings.enabled()) {
            scheduler.start();
            LOG.info("Job scheduler started with {} threads{}", settings.threads(),
                    settings.nodeName() == null ? "" : " as node '" + settings.nodeName() + "'");
        }
    }

    /** Enqueues a run of the task now; must be called inside a transaction (the job commits with its cause). */
    public void schedule(TaskDescriptor<Void> task, String instanceId) {
        transactionalClient.scheduleIfNotExists(task.instance(instanceId).scheduledTo(clock.instant()));
    }

    /** For the readiness check: false when this node should pick jobs but its scheduler is not running. */
    public boolean healthy() {
        if (!settings.enabled()) {
            return true;
        }
        var state = scheduler.getSchedulerState();
        return state.isStarted() && !state.isShuttingDown();
    }

    public boolean enabled() {
        return settings.enabled();
    }

    @PreDestroy
    void stop() {
        scheduler.stop();
    }

    private static boolean isPostgres(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the database", e);
        }
    }
}
