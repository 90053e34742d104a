package dev.podloom.metrics;

import dev.podloom.shared.Sql;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures read from the database when Prometheus scrapes (at most once every 5 s per node):
 * {@code podloom.podcasts{status}} (all podcasts by status), {@code podloom.credits{kind=charged|refunded|granted}}
 * (ledger totals), {@code podloom.jobs.queued} (due, not yet
 * picked), {@code podloom.jobs.running} (picked by a node) and {@code podloom.jobs.oldest.queued.age}
 * (seconds the longest-waiting due job has waited), the last three with a {@code task} tag.
 */
@Singleton
public class QueueGauges implements MeterBinder {

    static final List<String> STATUSES = List.of("requested", "processing", "completed", "failed");
    static final List<String> TASKS = List.of("render-podcast", "deliver-webhook");
    private static final Duration FRESH = Duration.ofSeconds(5);

    private final Provider<Reader> reader; // a provider: the DataSource itself binds to the meter registry
    private final Clock clock;
    private volatile Snapshot snapshot;

    public record Snapshot(Instant at, Map<String, Long> podcasts, Map<String, long[]> jobs, Map<String, Long> credits) {
    }

    public QueueGauges(Provider<Reader> reader, Clock clock) {
        this.reader = reader;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String status : STATUSES) {
            Gauge.builder("podloom.podcasts", () -> current().podcasts().getOrDefault(status, 0L))
                    .description("Podcasts by status").tag("status", status).register(registry);
        }
        for (String[] kind : new String[][] {{"charge", "charged"}, {"refund", "refunded"}, {"grant", "granted"}}) {
            Gauge.builder("podloom.credits", () -> current().credits().getOrDefault(kind[0], 0L)).baseUnit("credits")
                    .description("Credits moved through the ledger since the start (all nodes)")
                    .tag("kind", kind[1]).register(registry);
        }
        for (String task : TASKS) {
            Gauge.builder("podloom.jobs.queued", () -> job(task)[0]).description("Due jobs not yet picked")
                    .tag("task", task).register(registry);
            Gauge.builder("podloom.jobs.running", () -> job(task)[1]).description("Jobs a node is running")
                    .tag("task", task).register(registry);
            Gauge.builder("podloom.jobs.oldest.queued.age", () -> job(task)[2]).baseUnit("seconds")
                    .description("How long the oldest due job has waited").tag("task", task).register(registry);
        }
    }

    private long[] job(String task) {
        return current().jobs().getOrDefault(task, new long[3]);
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        Instant now = Instant.now(clock);
        if (s == null || s.at().plus(FRESH).isBefore(now)) {
            try {
                s = reader.get().read(now);
            } catch (RuntimeException e) {
                // database down: the readiness check says so; keep the last figures rather than fail the scrape
                return s == null ? new Snapshot(now, Map.of(), Map.of(), Map.of()) : s;
            }
            snapshot = s;
        }
        return s;
    }

    /** The figures' SQL, in a transaction of its own. */
    @Singleton
    static class Reader {
        private final Sql sql;

        Reader(Sql sql) {
            this.sql = sql;
        }

        @Transactional
        public Snapshot read(Instant now) {
            Map<String, Long> podcasts = new HashMap<>();
            sql.list("SELECT status, COUNT(*) AS n FROM podcasts GROUP BY status",
                    rs -> podcasts.put(rs.getString("status"), rs.getLong("n")));
            Map<String, long[]> jobs = new HashMap<>();
            sql.list("SELECT task_name, "
                            + "SUM(CASE WHEN picked THEN 0 WHEN execution_time <= ? THEN 1 ELSE 0 END) AS queued, "
                            + "SUM(CASE WHEN picked THEN 1 ELSE 0 END) AS running, "
                            + "MIN(CASE WHEN picked THEN NULL WHEN execution_time <= ? THEN execution_time END) AS oldest "
                            + "FROM scheduled_tasks GROUP BY task_name",
                    rs -> {
                        Instant oldest = Sql.instant(rs, "oldest");
                        long age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, now).toSeconds());
                        return jobs.put(rs.getString("task_name"), new long[] {rs.getLong("queued"), rs.getLong("running"), age});
                    }, now, now);
            Map<String, Long> credits = new HashMap<>();
            sql.list("SELECT kind, SUM(ABS(amount)) AS total FROM ledger_entries GROUP BY kind",
                    rs -> credits.put(rs.getString("kind"), rs.getLong("total")));
            return new Snapshot(now, podcasts, jobs, credits);
        }
    }
}
