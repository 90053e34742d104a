package dev.podloom.console;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics and the health probes, through real HTTP, around one real podcast. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @Override
    public Map<String, String> getProperties() {
        return ArticlePages.renderingApp(Databases.h2());
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @Test
    void metricsMoveAfterOnePodcast() {
        String before = api.get("/metrics").raw();
        String account = api.createAccount("metrics", 1000);
        String key = api.createKey(account, "test");
        TestApi.Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article")
                + "\"],\"target_duration_minutes\":1,\"tts_model\":\"freetts\"}", TestApi.key(key));
        assertThat(created.status()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, key).get("status")).isEqualTo("completed");

        // Database figures are read at most every 5 s: scrape until the cached value has been refreshed.
        TestApi.Response scrape = api.get("/metrics");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (value(scrape.raw(), "podloom_podcasts{status=\"completed\"}")
                <= value(before, "podloom_podcasts{status=\"completed\"}") && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            scrape = api.get("/metrics");
        }
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        String after = scrape.raw();
        assertThat(value(after, "podloom_podcasts{status=\"completed\"}"))
                .isGreaterThan(value(before, "podloom_podcasts{status=\"completed\"}"));
        assertThat(value(after, "podloom_credits{kind=\"charged\"}"))
                .isGreaterThan(value(before, "podloom_credits{kind=\"charged\"}"));
        assertThat(value(after, "podloom_credits{kind=\"granted\"}")).isGreaterThanOrEqualTo(1000);
        assertThat(after).contains("podloom_render_stage_seconds_count{engine=\"freetts\",stage=\"synthesize\"}",
                "podloom_podcasts_finished_total{code=\"\",outcome=\"completed\"}",
                "podloom_jobs_queued{task=\"render-podcast\"}", "podloom_jobs_running{task=\"render-podcast\"}",
                "podloom_jobs_oldest_queued_age_seconds{task=\"render-podcast\"}");
        assertThat(after).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"200\",uri=\"/v1/podcasts/\\{id}/status\"}");
        assertThat(after).containsPattern(
                "http_server_requests_seconds_count\\{[^}]*status=\"202\",uri=\"/v1/podcasts\"}");
    }

    @Test
    void livenessAndReadinessAreUpWithTheirChecksNamed() {
        TestApi.Response live = api.get("/health/liveness");
        assertThat(live.status()).isEqualTo(200);
        TestApi.Response ready = api.get("/health/readiness");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.raw()).contains("\"jdbc\"", "\"objectStore\"", "\"jobScheduler\"");
        assertThat(ready.body().get("status")).isEqualTo("UP");
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
