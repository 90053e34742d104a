package dev.podloom.metering;

import dev.podloom.credits.CreditLedger;
import dev.podloom.pipeline.PodcastRenderer;
import dev.podloom.storage.ObjectStore;
import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts are charged by the same module as podcasts: exact under concurrency, replayed under one key. And the
 * failure model through the real job queue: an unexpected exception in the renderer is an INTERNAL_ERROR that
 * names no class and refunds once; a transient storage failure is retried and the podcast completes, charged once,
 * never refunded. The renderer and the store are the real ones, wrapped so a test can make them fail.
 */
abstract class MoneyPathContract {

    /** Properties every database variant adds: the wrappers on, quick retries. */
    static Map<String, String> moneyPathApp(Map<String, String> database) {
        Map<String, String> p = new java.util.HashMap<>(ArticlePages.renderingApp(database));
        p.put("test.failure-model", "true");
        p.put("podloom.jobs.retry-backoff", "200ms");
        p.put("podloom.pricing-rules", dev.podloom.testsupport.TestRules.unlimited());
        return p;
    }

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    CreditLedger ledger;
    @Inject
    Faults faults;

    TestApi api;
    MockWebServer receiver;

    @BeforeEach
    void connect() throws Exception {
        api = new TestApi(server, json);
        faults.reset();
        receiver = new MockWebServer();
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private String article(int minutes) {
        return "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],\"target_duration_minutes\":" + minutes
                + ",\"callback_url\":\"" + receiver.url("/hook") + "\"}";
    }

    @Test
    void aRendererThatThrowsANullPointerExceptionFailsThePodcastAsInternalErrorNamingNoClassAndRefundsOnce()
            throws Exception {
        faults.rendererThrows.set(1);
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "prod");
        receiver.enqueue(new MockResponse.Builder().code(200).build());

        Response created = api.post("/v1/podcasts", article(1), key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).containsEntry("status", "failed");
        Map<?, ?> error = (Map<?, ?>) status.get("error");
        assertThat(error.get("code")).isEqualTo("INTERNAL_ERROR");
        assertThat((String) error.get("message")).contains(id)
                .doesNotContain("NullPointer", "dev.podloom", "java.", "Cannot invoke");
        long charged = ((Number) status.get("credits_charged")).longValue();
        assertThat(status.get("credits_refunded")).isEqualTo((int) charged);
        UUID accountId = UUID.fromString(account);
        assertThat(ledger.balance(accountId)).isEqualTo(500).isEqualTo(ledger.ledgerSum(accountId));
        assertThat(ledger.recentEntries(accountId, 20)).filteredOn(e -> e.kind().equals("refund")).hasSize(1);

        RecordedRequest hook = receiver.takeRequest(20, TimeUnit.SECONDS);
        assertThat(hook).isNotNull();
        String delivered = hook.getBody().utf8();
        assertThat(delivered).contains("podcast.failed", "INTERNAL_ERROR")
                .doesNotContain("NullPointer", "dev.podloom", "Cannot invoke");
    }

    @Test
    void aStorageFailureOnTheFirstAttemptIsRetriedAndThePodcastCompletesChargedOnceNeverRefunded() throws Exception {
        faults.storePutsFailing.set(1);
        String account = api.createAccount("acme", 500);
        String apiKey = api.createKey(account, "prod");
        receiver.enqueue(new MockResponse.Builder().code(200).build());

        Response created = api.post("/v1/podcasts", article(1), key(apiKey));
        String id = (String) created.data().get("podcast_id");
        Map<String, Object> status = api.awaitFinished(id, apiKey);

        assertThat(status).as("%s", status).containsEntry("status", "completed").containsEntry("credits_refunded", 0);
        assertThat(faults.storePutsFailing.get()).as("the injected failure happened").isZero();
        assertThat(faults.renders.get()).as("renders: the first attempt and its retry").isEqualTo(2);
        UUID accountId = UUID.fromString(account);
        long charged = ((Number) status.get("credits_charged")).longValue();
        assertThat(ledger.balance(accountId)).isEqualTo(500 - charged).isEqualTo(ledger.ledgerSum(accountId));
        assertThat(ledger.recentEntries(accountId, 20)).noneMatch(e -> e.kind().equals("refund"));
        RecordedRequest hook = receiver.takeRequest(20, TimeUnit.SECONDS);
        assertThat(hook.getBody().utf8()).contains("podcast.completed");
    }

    private static final String SCRIPT = "{\"text_content\":\"" + "Rust has ownership rules that the compiler "
            + "checks. Each value has an owner. When the owner goes out of scope, the value is dropped. Borrowing lets "
            + "code use a value without taking ownership. References must always be valid. ".repeat(4)
            + "\",\"target_duration_minutes\":1}";

    private long scriptCost(String apiKey) {
        return ((Number) api.get("/v1/estimate-cost?kind=script&duration_minutes=1&source_count=1&voice_count=2",
                key(apiKey)).data().get("final_credits")).longValue();
    }

    @Test
    void fortyConcurrentScriptsFromAnAccountThatCanPayForThreeChargeExactlyThree() throws Exception {
        String account = api.createAccount("acme", 0);
        String apiKey = api.createKey(account, "prod");
        long cost = scriptCost(apiKey);
        UUID accountId = UUID.fromString(account);
        ledger.grant(accountId, cost * 3 + cost - 1, "test", "grant:test");

        java.util.List<Response> responses = concurrently(40, i -> api.post("/v1/scripts", SCRIPT, key(apiKey)));

        assertThat(responses).extracting(Response::status).containsOnly(200, 402);
        assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(3);
        assertThat(ledger.balance(accountId)).isEqualTo(cost - 1).isEqualTo(ledger.ledgerSum(accountId));
        assertThat(ledger.recentEntries(accountId, 100)).filteredOn(e -> e.kind().equals("charge")).hasSize(3);
    }

    @Test
    void aScriptRetriedUnderOneIdempotencyKeyReplaysTheFirstScriptAndChargesOnce() throws Exception {
        String account = api.createAccount("acme", 1000);
        String apiKey = api.createKey(account, "prod");
        long cost = scriptCost(apiKey);

        Response first = api.post("/v1/scripts", SCRIPT, "X-Api-Key", apiKey, "Idempotency-Key", "script-7");
        java.util.List<Response> retries = concurrently(10, i -> api.post("/v1/scripts", SCRIPT,
                "X-Api-Key", apiKey, "Idempotency-Key", "script-7"));
        Response other = api.post("/v1/scripts", SCRIPT.replace("\"target_duration_minutes\":1",
                "\"target_duration_minutes\":2"), "X-Api-Key", apiKey, "Idempotency-Key", "script-7");

        assertThat(first.status()).as(first.raw()).isEqualTo(200);
        assertThat(retries).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Idempotent-Replayed")).isEqualTo("true");
            assertThat(r.raw()).isEqualTo(first.raw());
        });
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.errorCode()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        UUID accountId = UUID.fromString(account);
        assertThat(ledger.balance(accountId)).isEqualTo(1000 - cost).isEqualTo(ledger.ledgerSum(accountId));
    }

    @Test
    void aScriptRefusedForCreditsDoesNotUseUpItsIdempotencyKey() {
        String account = api.createAccount("acme", 0);
        String apiKey = api.createKey(account, "prod");

        Response poor = api.post("/v1/scripts", SCRIPT, "X-Api-Key", apiKey, "Idempotency-Key", "script-8");
        ledger.grant(UUID.fromString(account), 1000, "top-up", "grant:top-up");
        Response retried = api.post("/v1/scripts", SCRIPT, "X-Api-Key", apiKey, "Idempotency-Key", "script-8");

        assertThat(poor.status()).isEqualTo(402);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
    }

    private static <T> java.util.List<T> concurrently(int n, java.util.function.IntFunction<T> call) throws Exception {
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<T>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.apply(index);
                }));
            }
            start.countDown();
            java.util.List<T> results = new java.util.ArrayList<>();
            for (var f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        }
    }

    /** Switches for the wrappers below, set per test. */
    @Singleton
    @Requires(property = "test.failure-model", value = "true")
    static class Faults {
        final AtomicInteger rendererThrows = new AtomicInteger();
        final AtomicInteger storePutsFailing = new AtomicInteger();
        final AtomicInteger renders = new AtomicInteger();

        void reset() {
            rendererThrows.set(0);
            storePutsFailing.set(0);
            renders.set(0);
        }
    }

    /** Wraps the real renderer: throws a JDK NullPointerException (with its helpful message) when told to. */
    @Singleton
    @Requires(property = "test.failure-model", value = "true")
    static class FaultyRenderer implements BeanCreatedEventListener<PodcastRenderer> {
        private final Faults faults;

        FaultyRenderer(Faults faults) {
            this.faults = faults;
        }

        @Override
        public PodcastRenderer onCreated(BeanCreatedEvent<PodcastRenderer> event) {
            PodcastRenderer real = event.getBean();
            return (request, workDir, progress) -> {
                faults.renders.incrementAndGet();
                if (faults.rendererThrows.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    Object draft = null;
                    draft.hashCode(); // a real NPE, message naming a local variable and a class
                }
                return real.render(request, workDir, progress);
            };
        }
    }

    /** Wraps the real object store: the next N puts fail as a momentary outage would. */
    @Singleton
    @Requires(property = "test.failure-model", value = "true")
    static class FlakyStore implements BeanCreatedEventListener<ObjectStore> {
        private final Faults faults;

        FlakyStore(Faults faults) {
            this.faults = faults;
        }

        @Override
        public ObjectStore onCreated(BeanCreatedEvent<ObjectStore> event) {
            ObjectStore real = event.getBean();
            return new ObjectStore() {
                @Override
                public void put(String key, Path file, String contentType) {
                    if (faults.storePutsFailing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new java.io.UncheckedIOException(new java.io.IOException("503 Slow Down"));
                    }
                    real.put(key, file, contentType);
                }

                @Override
                public Optional<dev.podloom.storage.StoredObject> stat(String key) {
                    return real.stat(key);
                }

                @Override
                public InputStream open(String key, long offset, long length) {
                    return real.open(key, offset, length);
                }

                @Override
                public void delete(String key) {
                    real.delete(key);
                }

                @Override
                public URI downloadUrl(String key, Duration ttl, String downloadFileName) {
                    return real.downloadUrl(key, ttl, downloadFileName);
                }
            };
        }
    }
}
