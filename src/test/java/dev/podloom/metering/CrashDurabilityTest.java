package dev.podloom.metering;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestRules;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 202 survives {@code kill -9}: the service runs in its own JVM, 20 keyed submissions race, the process is killed
 * (SIGKILL) the moment the third 202 arrives, and after a restart every key is retried. Every key ends with exactly
 * one podcast and one charge, no key answers 409, every podcast acknowledged before the kill is replayed with the
 * same id, and the money adds up. On the embedded default (H2 file) and on PostgreSQL.
 */
class CrashDurabilityTest {

    private static final String ADMIN = "crash-admin-token";
    private static final int KEYS = 20;
    private static final Pattern PODCAST_ID = Pattern.compile("\"podcast_id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern NUMBER = Pattern.compile("\"%s\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyPodcastAcknowledgedBeforeAKillMinus9OnTheEmbeddedDefaultIsThereAfterTheRestart() throws Exception {
        Map<String, String> db = Databases.h2();
        survivesKills(db, 2);
    }

    @Test
    void everyPodcastAcknowledgedBeforeAKillMinus9OnPostgresIsThereAfterTheRestart() throws Exception {
        survivesKills(Databases.postgres(), 1);
    }

    private void survivesKills(Map<String, String> database, int rounds) throws Exception {
        Map<String, String> properties = new HashMap<>(database);
        properties.put("podloom.admin-token", ADMIN);
        properties.put("podloom.pricing-rules", TestRules.unlimited());
        properties.put("podloom.jobs.enabled", "false"); // only what the 202 promised is checked, not rendering
        properties.put("micronaut.server.port", String.valueOf(freePort()));
        String base = "http://localhost:" + properties.get("micronaut.server.port");

        Process service = start(properties);
        String account;
        String apiKey;
        final long initial = 1_000_000;
        try {
            awaitReady(base, service);
            account = field(post(base + "/admin/v1/accounts", "{\"name\":\"crash\",\"tier\":\"pro\",\"credits\":"
                    + initial + "}", "Authorization", "Bearer " + ADMIN).body(), "account_id");
            apiKey = field(post(base + "/admin/v1/accounts/" + account + "/api-keys", "{\"type\":\"prod\"}",
                    "Authorization", "Bearer " + ADMIN).body(), "api_key");
        } catch (Exception | AssertionError e) {
            service.destroyForcibly();
            throw e;
        }

        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            String prefix = "round-" + round + "-key-";
            // 20 keyed submissions race; SIGKILL the moment the third 202 is read. Not the first: an embedded
            // database that delays writes often stores the first commit after a pause at once, and loses the
            // ones that follow it within the delay.
            CountDownLatch firstAck = new CountDownLatch(3);
            List<String> others = java.util.Collections.synchronizedList(new ArrayList<>());
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < KEYS; i++) {
                    String key = prefix + i;
                    calls.add(pool.submit(() -> {
                        try {
                            HttpResponse<String> r = post(base + "/v1/podcasts", body(key), "X-Api-Key", apiKey,
                                    "Idempotency-Key", key);
                            others.add(r.statusCode() + " " + r.body());
                            if (r.statusCode() == 202) {
                                acknowledged.put(key, podcastId(r.body()));
                                firstAck.countDown();
                            }
                        } catch (IOException e) {
                            // the connection died with the process: this request was never acknowledged
                        }
                        return null;
                    }));
                }
                assertThat(firstAck.await(60, TimeUnit.SECONDS)).as("three 202s before the kill; answers: %s", others).isTrue();
                service.destroyForcibly(); // SIGKILL, right after the third acknowledgement
                service.waitFor(30, TimeUnit.SECONDS);
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
            }

            service = start(properties);
            try {
                awaitReady(base, service);
                Map<String, String> after = new LinkedHashMap<>();
                for (int i = 0; i < KEYS; i++) {
                    String key = prefix + i;
                    HttpResponse<String> r = post(base + "/v1/podcasts", body(key), "X-Api-Key", apiKey,
                            "Idempotency-Key", key);
                    assertThat(r.statusCode()).as("retry of %s after the restart: %s", key, r.body()).isEqualTo(202);
                    after.put(key, podcastId(r.body()));
                    if (acknowledged.containsKey(key)) {
                        assertThat(after.get(key)).as("%s was acknowledged before the kill", key)
                                .isEqualTo(acknowledged.get(key));
                        assertThat(r.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                    }
                }
                // A second retry replays exactly what the first retry answered.
                for (int i = 0; i < KEYS; i++) {
                    String key = prefix + i;
                    assertThat(podcastId(post(base + "/v1/podcasts", body(key), "X-Api-Key", apiKey,
                            "Idempotency-Key", key).body())).isEqualTo(after.get(key));
                }
                assertThat(after.values()).doesNotHaveDuplicates();

                int expected = KEYS * round;
                String list = get(base + "/v1/podcasts?per_page=100", "X-Api-Key", apiKey).body();
                assertThat(number(list, "total")).as("podcasts for %d keys", expected).isEqualTo(expected);
                String credits = get(base + "/v1/account/credits", "X-Api-Key", apiKey).body();
                long cost = number(get(base + "/v1/estimate-cost?duration_minutes=1&source_count=1&voice_count=2",
                        "X-Api-Key", apiKey).body(), "final_credits");
                assertThat(initial - number(credits, "credits")).as("one charge per key").isEqualTo(cost * expected);
                String ledger = get(base + "/admin/v1/accounts/" + account, "Authorization", "Bearer " + ADMIN).body();
                assertThat(ledger).doesNotContain("\"refund\"");
                acknowledged.clear();
            } catch (Exception | AssertionError e) {
                service.destroyForcibly();
                throw e;
            }
            if (round == rounds) {
                service.destroyForcibly();
                service.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String body(String key) {
        return "{\"text_content\":\"Crash test " + key + ". " + ("The ledger must hold when the process dies. Every "
                + "acknowledged podcast must survive a restart of the service. Nothing may be charged twice, and no "
                + "key may stay stuck. ").repeat(6) + "\",\"target_duration_minutes\":1}";
    }

    private Process start(Map<String, String> properties) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-XX:TieredStopAtLevel=1"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.podloom.Application"));
        Path log = Files.createTempFile("crash-service-", ".log");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void awaitReady(String base, Process service) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(service.isAlive()).as("the service process is running").isTrue();
            try {
                if (get(base + "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the service did not become ready within 60 s");
    }

    private HttpResponse<String> post(String url, String body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String podcastId(String body) {
        Matcher m = PODCAST_ID.matcher(body);
        assertThat(m.find()).as("a podcast id in %s", body).isTrue();
        return m.group(1);
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as("%s in %s", name, body).isTrue();
        return m.group(1);
    }

    private static long number(String body, String name) {
        Matcher m = Pattern.compile(String.format(NUMBER.pattern(), name)).matcher(body);
        assertThat(m.find()).as("%s in %s", name, body).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
