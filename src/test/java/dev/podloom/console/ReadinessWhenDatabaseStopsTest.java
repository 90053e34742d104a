package dev.podloom.console;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A PostgreSQL server of its own, stopped under the running service: readiness turns 503, liveness stays 200. */
class ReadinessWhenDatabaseStopsTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessAnswers503OnceTheDatabaseIsStopped() throws Exception {
        Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Map<String, Object> properties = Map.of(
                "podloom.data-dir", Files.createTempDirectory("podloom-ready-").toString(),
                "datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.connection-timeout", "2000");
        try (EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties)) {
            assertThat(get(server, "/health/readiness").statusCode()).isEqualTo(200);

            postgres.close();

            HttpResponse<String> ready = get(server, "/health/readiness");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"jdbc\"").contains("DOWN");
            assertThat(get(server, "/health/liveness").statusCode()).isEqualTo(200);
        } finally {
            postgres.close();
        }
    }

    private HttpResponse<String> get(EmbeddedServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
