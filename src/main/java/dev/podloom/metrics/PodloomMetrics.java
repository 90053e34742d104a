package dev.podloom.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.Map;

/**
 * The figures the code reports itself (ledger, podcast and job figures come from the database: {@link QueueGauges}). Names are dotted here and appear in Prometheus with
 * underscores and the unit suffix (e.g. {@code podloom.credits} → {@code podloom_credits_total}).
 * <ul>
 *   <li>{@code podloom.render.stage{stage,engine}}: time per pipeline stage of a finished render</li>
 *   <li>{@code podloom.podcasts.finished{outcome=completed|failed, code}}: renders that ended</li>
 *   <li>{@code podloom.webhooks.attempts{outcome=delivered|failed}}: webhook delivery attempts</li>
 * </ul>
 */
@Singleton
public class PodloomMetrics {

    private final MeterRegistry registry;

    public PodloomMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A finished render's time per stage (fetch, script, speech, master, encode …) for its speech engine. */
    public void renderStages(Map<String, Long> stageMillis, String engine) {
        stageMillis.forEach((stage, millis) -> Timer.builder("podloom.render.stage")
                .description("Time spent in each stage of a render").tag("stage", stage).tag("engine", engine)
                .register(registry).record(Duration.ofMillis(millis)));
    }

    public void podcastFinished(boolean completed, String code) {
        Counter.builder("podloom.podcasts.finished").description("Renders that ended, by outcome")
                .tag("outcome", completed ? "completed" : "failed").tag("code", code == null ? "" : code)
                .register(registry).increment();
    }

    public void webhookAttempt(boolean delivered) {
        Counter.builder("podloom.webhooks.attempts").description("Webhook delivery attempts, by outcome")
                .tag("outcome", delivered ? "delivered" : "failed").register(registry).increment();
    }
}
