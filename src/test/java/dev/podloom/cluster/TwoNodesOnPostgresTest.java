package dev.podloom.cluster;

import dev.podloom.testsupport.CuttableProxy;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.io.socket.SocketUtils;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service instances on one PostgreSQL and one S3 store (s3proxy), as two nodes of one deployment: money is
 * exact under concurrent submissions split across both, each podcast is rendered once, a node that dies mid-render
 * has its job finished by the other, a revocation on one node reaches the other, per-key rate limits are shared,
 * and a download link asked from either node serves the same bytes.
 * <p>
 * Node 1 reaches the database through a {@link CuttableProxy}: cutting it is node 1's death as the database sees a
 * {@code kill -9} (no commit, no heartbeat), after which its server is stopped and its context closed.
 * Figures are printed, never asserted beyond the brief's bounds (bench/two-nodes.sh measures the real jar).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesOnPostgresTest {

    private S3Proxy s3;
    private CuttableProxy node1Database;
    private ApplicationContext node1Context;
    private EmbeddedServer node1;
    private EmbeddedServer node2;
    private TestApi api1;
    private TestApi api2;
    private MockWebServer receiver;
    private final Map<String, List<String>> completions = new ConcurrentHashMap<>();
    private String jdbcUrl;
    private JsonMapper json;

    @BeforeAll
    void startTwoNodes() throws Exception {
        int s3Port = SocketUtils.findAvailableTcpPort();
        s3 = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "access", "secret")
                .endpoint(URI.create("http://127.0.0.1:" + s3Port)).build();
        s3.start();
        while (!s3.getState().equals("STARTED")) {
            Thread.sleep(10);
        }
        receiver = new MockWebServer();
        receiver.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (request.getUrl().encodedPath().startsWith("/slow-page")) {
                    // A short page that takes 3 s to answer: a run is caught in its first stage.
                    return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                            .body("<html><head><title>Harbour</title></head><body><article><p>" + text(0)
                                    + "</p></article></body></html>")
                            .headersDelay(3, TimeUnit.SECONDS).build();
                }
                String body = request.getBody().utf8();
                int at = body.indexOf("\"podcast_id\":\"");
                if (at >= 0) {
                    String id = body.substring(at + 14, at + 14 + 36);
                    completions.computeIfAbsent(id, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                            .add(body.contains("podcast.completed") ? "completed" : "other");
                }
                return new MockResponse.Builder().code(204).build();
            }
        });
        receiver.start();

        Map<String, String> database = Databases.postgres();
        jdbcUrl = database.get("datasources.default.url");
        URI pg = URI.create(jdbcUrl.substring("jdbc:".length()));
        node1Database = new CuttableProxy(pg.getHost(), pg.getPort());
        String rules = TestRules.withChanges(Map.ofEntries(
                // prod keys: only money decides; test keys keep their shipped 10 requests a minute
                Map.entry("requests_per_minute: 30", "requests_per_minute: 100000"),
                Map.entry("requests_per_hour: 300", "requests_per_hour: 1000000"),
                Map.entry("generations_per_minute: 30", "generations_per_minute: 100000"),
                Map.entry("generations_per_hour: 300", "generations_per_hour: 1000000"),
                Map.entry("concurrent_generations: 5", "concurrent_generations: 100000")));

        Map<String, String> common = new HashMap<>(database);
        common.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        common.put("micronaut.server.port", "-1");
        common.put("podloom.pricing-rules", rules);
        common.put("podloom.fetch.allow-private-networks", "true");
        common.put("podloom.rate-limits.backend", "postgres");
        common.put("podloom.jobs.heartbeat-interval", "1s");
        common.put("podloom.jobs.missed-heartbeats-limit", "4");
        common.put("podloom.jobs.polling-interval", "250ms");
        common.put("podloom.jobs.threads", "3");
        common.put("podloom.storage.type", "s3");
        common.put("podloom.storage.s3.bucket", "cluster");
        common.put("podloom.storage.s3.endpoint", "http://127.0.0.1:" + s3Port);
        common.put("podloom.storage.s3.path-style", "true");
        common.put("podloom.storage.s3.access-key", "access");
        common.put("podloom.storage.s3.secret-key", "secret");
        common.put("podloom.storage.s3.create-bucket", "true");

        Map<String, String> first = new HashMap<>(common);
        first.put("podloom.data-dir", Files.createTempDirectory("podloom-node1-").toString());
        first.put("podloom.jobs.node-name", "node-1");
        first.put("datasources.default.url", jdbcUrl.replace(pg.getHost() + ":" + pg.getPort(),
                "127.0.0.1:" + node1Database.port()));
        first.put("datasources.default.connection-timeout", "2000");
        node1 = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(first));
        node1Context = node1.getApplicationContext();

        Map<String, String> second = new HashMap<>(common);
        second.put("podloom.data-dir", Files.createTempDirectory("podloom-node2-").toString());
        second.put("podloom.jobs.node-name", "node-2");
        node2 = ApplicationContext.run(EmbeddedServer.class, new HashMap<String, Object>(second));

        json = node2.getApplicationContext().getBean(JsonMapper.class);
        api1 = new TestApi(node1, json);
        api2 = new TestApi(node2, json);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[]{node2, node1Context, node1Database, receiver}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // node 1 may be half gone already
            }
        }
        if (s3 != null) {
            s3.stop();
        }
    }

    @Test
    @Order(1)
    void concurrentSubmissionsSplitAcrossBothNodesChargeExactlyAndEachPodcastIsRenderedOnce() throws Exception {
        String account = api1.createAccount("split", 0);
        String prodKey = keyFor(account, "prod");
        long price = ((Number) api2.get("/v1/estimate-cost?duration_minutes=1&source_count=1&voice_count=2",
                key(prodKey)).data().get("final_credits")).longValue();
        int affordable = 3;
        long initial = affordable * price + price / 2;
        assertThat(api2.post("/admin/v1/accounts/" + account + "/credits",
                "{\"amount\":" + initial + ",\"reason\":\"top-up\"}", api2.admin()).status()).isEqualTo(200);

        List<Response> answers = new ArrayList<>();
        int requests = 16;
        try (ExecutorService clients = Executors.newFixedThreadPool(requests)) {
            List<Future<Response>> sent = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                TestApi node = i % 2 == 0 ? api1 : api2;
                String body = "{\"text_content\":\"" + text(i) + "\",\"target_duration_minutes\":1,"
                        + "\"callback_url\":\"" + receiver.url("/hook") + "\"}";
                sent.add(clients.submit(() -> node.post("/v1/podcasts", body, key(prodKey))));
            }
            for (Future<Response> f : sent) {
                answers.add(f.get());
            }
        }

        Map<Integer, Long> byStatus = answers.stream().collect(Collectors.groupingBy(Response::status,
                Collectors.counting()));
        assertThat(byStatus).as("%s", answers.stream().map(Response::raw).toList())
                .containsEntry(202, (long) affordable).containsEntry(402, (long) requests - affordable);
        List<String> ids = answers.stream().filter(r -> r.status() == 202)
                .map(r -> (String) r.data().get("podcast_id")).toList();
        assertThat(balance(account)).isEqualTo(initial - affordable * price).isEqualTo(ledgerSum(account));

        for (int i = 0; i < ids.size(); i++) {
            Map<String, Object> status = (i % 2 == 0 ? api2 : api1).awaitFinished(ids.get(i), prodKey);
            assertThat(status).as("%s", status).containsEntry("status", "completed");
        }
        for (String id : ids) {
            // One run; a second only when the first hit a transient failure and was rescheduled (seen here: the
            // in-process S3 server dropping a connection under load). Never two runs at once: one completion,
            // one charge and one webhook per podcast, checked below.
            assertThat(attempts(id)).as("runs of %s", id).isBetween(1, 2);
        }
        awaitCompletions(ids);
        for (String id : ids) {
            assertThat(completions.get(id)).as("webhooks for %s", id).containsExactly("completed");
        }
        assertThat(balance(account)).isEqualTo(initial - affordable * price).isEqualTo(ledgerSum(account));

        // A link asked from either node downloads the same bytes, from either node's answer.
        for (String id : ids) {
            byte[] fromNode1 = api1.download((String) api1.get("/v1/podcasts/" + id + "/download", key(prodKey))
                    .data().get("download_url"));
            byte[] fromNode2 = api2.download((String) api2.get("/v1/podcasts/" + id + "/download", key(prodKey))
                    .data().get("download_url"));
            assertThat(new String(fromNode1, 0, 3, StandardCharsets.ISO_8859_1)).isEqualTo("ID3");
            assertThat(fromNode2).isEqualTo(fromNode1);
        }
    }

    @Test
    @Order(2)
    void aKeyRevokedOnOneNodeIsRefusedByTheOtherWithinFiveSeconds() throws Exception {
        String account = api1.createAccount("revoked", 100);
        Response issued = api1.post("/admin/v1/accounts/" + account + "/api-keys", "{\"type\":\"prod\"}",
                api1.admin());
        String apiKey = (String) issued.data().get("api_key");
        String keyId = (String) issued.data().get("key_id");
        // Both nodes have the key in their caches.
        assertThat(api1.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(200);
        assertThat(api2.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(200);

        assertThat(api1.send("DELETE", "/admin/v1/api-keys/" + keyId, null, null, api1.admin()).status())
                .isEqualTo(200);
        long revokedAt = System.nanoTime();
        assertThat(api1.get("/v1/account/credits", key(apiKey)).status()).isEqualTo(401);
        int status = 200;
        while (status != 401 && System.nanoTime() - revokedAt < TimeUnit.SECONDS.toNanos(10)) {
            status = api2.get("/v1/account/credits", key(apiKey)).status();
            if (status != 401) {
                Thread.sleep(50);
            }
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - revokedAt);
        System.out.printf("two nodes: a key revoked on node 1 was refused by node 2 after %d ms%n", millis);
        assertThat(status).isEqualTo(401);
        assertThat(millis).isLessThan(5000);
    }

    @Test
    @Order(3)
    void aKeysRateLimitHoldsAcrossBothNodes() {
        String testKey = keyFor(api2.createAccount("limited", 100), "test");
        int perMinute = ((Number) ((Map<?, ?>) api1.get("/v1/account", key(testKey)).data().get("rate_limits"))
                .get("requests_per_minute")).intValue();

        int ok = 1; // the request above
        int limited = 0;
        for (int i = 0; i < 2 * perMinute; i++) {
            int status = (i % 2 == 0 ? api2 : api1).get("/v1/account/credits", key(testKey)).status();
            if (status == 200) {
                ok++;
            } else if (status == 429) {
                limited++;
            }
        }

        assertThat(ok).isEqualTo(perMinute);
        assertThat(limited).isEqualTo(perMinute + 1);
    }

    @Test
    @Order(4)
    void aNodeThatDiesMidRenderHasItsJobFinishedByTheOtherNode() throws Exception {
        String account = api1.createAccount("survivor", 10_000);
        String prodKey = keyFor(account, "prod");
        long before = balance(account);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Slow pages (3 s before the answer) keep every run in its first stage long enough to be caught.
            Response created = (i % 2 == 0 ? api1 : api2).post("/v1/podcasts", "{\"urls\":[\""
                    + receiver.url("/slow-page?n=" + i) + "\"],\"target_duration_minutes\":1,"
                    + "\"callback_url\":\"" + receiver.url("/hook") + "\"}", key(prodKey));
            assertThat(created.status()).as(created.raw()).isEqualTo(202);
            ids.add((String) created.data().get("podcast_id"));
        }
        long charged = before - balance(account);

        Set<String> onNode1 = Set.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (onNode1.isEmpty() && System.nanoTime() < deadline) {
            // Picked by node 1 and started there (its attempt recorded): a pick alone may die before the run begins.
            Set<String> started = new java.util.HashSet<>();
            for (String id : picked("node-1", ids)) {
                if (attempts(id) >= 1) {
                    started.add(id);
                }
            }
            onNode1 = started;
            Thread.sleep(20);
        }
        assertThat(onNode1).as("node 1 picked one of the podcasts").isNotEmpty();

        // Node 1 dies: its database connections drop (nothing more commits, no heartbeat), its server stops.
        node1Database.cut();
        long killedAt = System.nanoTime();
        node1.stop();
        AtomicBoolean closed = new AtomicBoolean();
        Thread.ofVirtual().start(() -> {
            node1Context.close();
            closed.set(true);
        });

        long detected = -1;
        while (detected < 0 && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(60)) {
            if (picked("node-1", ids).isEmpty()) {
                detected = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            } else {
                Thread.sleep(50);
            }
        }
        long revived = -1;
        while (revived < 0 && System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(60)) {
            boolean all = true;
            for (String id : onNode1) {
                all &= attempts(id) >= 2;
            }
            if (all) {
                revived = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            } else {
                Thread.sleep(50);
            }
        }
        for (String id : ids) {
            Map<String, Object> status = api2.awaitFinished(id, prodKey);
            assertThat(status).as("%s", status).containsEntry("status", "completed");
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.printf("two nodes: node 1 died with %d of %d podcasts in its hands; node 2 found its runs dead "
                + "%d ms later, started them again after %d ms (when one of its 3 threads was free) and had finished "
                + "every podcast %d ms after the death (heartbeat 1 s x 4)%n", onNode1.size(), ids.size(), detected,
                revived, millis);
        assertThat(revived).as("revived").isPositive();

        // Seen on node 1 when it died: run twice; the others once (twice if node 1 took them in the same moment).
        for (String id : ids) {
            int runs = attempts(id);
            if (onNode1.contains(id)) {
                assertThat(runs).as("runs of %s", id).isEqualTo(2);
            } else {
                assertThat(runs).as("runs of %s", id).isBetween(1, 2);
            }
        }
        awaitCompletions(ids);
        for (String id : ids) {
            assertThat(completions.get(id)).as("webhooks for %s", id).containsExactly("completed");
        }
        assertThat(balance(account)).isEqualTo(before - charged).isEqualTo(ledgerSum(account));
        assertThat(refunds(account)).isZero();
    }

    // --- helpers ---

    private String keyFor(String accountId, String type) {
        return api1.createKey(accountId, type);
    }

    private static String text(int i) {
        return ("Harbour note " + i + ". The tide came in slowly over the mud flats while the gulls argued over "
                + "scraps. Fishing boats waited for the water to lift them off the sand. ").repeat(12);
    }

    private void awaitCompletions(List<String> ids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && !ids.stream().allMatch(completions::containsKey)) {
            Thread.sleep(100);
        }
        Thread.sleep(1000); // a duplicate would arrive right after the first
    }

    private long balance(String account) throws SQLException {
        return query("SELECT balance FROM accounts WHERE id = CAST(? AS UUID)", rs -> rs.getLong(1), account)
                .getFirst();
    }

    private long ledgerSum(String account) throws SQLException {
        return query("SELECT COALESCE(SUM(amount), 0) FROM ledger_entries WHERE account_id = CAST(? AS UUID)",
                rs -> rs.getLong(1), account).getFirst();
    }

    private long refunds(String account) throws SQLException {
        return query("SELECT COUNT(*) FROM ledger_entries WHERE account_id = CAST(? AS UUID) AND kind = 'refund'",
                rs -> rs.getLong(1), account).getFirst();
    }

    private int attempts(String podcast) throws SQLException {
        return query("SELECT attempts FROM podcasts WHERE id = CAST(? AS UUID)", rs -> rs.getInt(1), podcast)
                .getFirst();
    }

    /** The podcasts whose render job is running on {@code node} right now. */
    private Set<String> picked(String node, List<String> podcasts) throws SQLException {
        return query("SELECT task_instance FROM scheduled_tasks WHERE picked AND picked_by = ?",
                rs -> rs.getString(1), node).stream().filter(podcasts::contains).collect(Collectors.toSet());
    }

    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.map(rs));
                }
            }
            return rows;
        }
    }
}
