package dev.podloom.series;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.FakeChatServer;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import dev.podloom.testsupport.TestRules;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A series from one prompt, through real HTTP against a language model that speaks the OpenAI chat-completions wire
 * format (a fake): planned in one call and charged as a script, each episode a podcast charged when it starts,
 * rendered and published in order; a short balance leaves the rest pending until a top-up.
 */
abstract class SeriesContract {

    static final FakeChatServer MODEL = new FakeChatServer();
    static final String TEA = "the history of tea";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    SeriesRunner runner;

    TestApi api;

    /** The rendering app with {@link #MODEL} as its language model. */
    static Map<String, String> withModel(Map<String, String> app) {
        Map<String, String> p = new HashMap<>(app);
        p.put("podloom.llm.provider", "openai");
        p.put("podloom.llm.base-url", MODEL.baseUrl());
        p.put("podloom.llm.model", "fake-model");
        p.put("podloom.llm.api-key", "sk-test");
        p.put("podloom.llm.timeout", "20s");
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    private String show(String apiKey) {
        return (String) api.post("/v1/shows", "{\"title\":\"Tea talk\"}", key(apiKey)).data().get("show_id");
    }

    private Map<String, Object> quote(String apiKey, int episodes) {
        Response r = api.get("/v1/estimate-cost?kind=series&episodes=" + episodes + "&duration_minutes=1&source_count=1"
                + "&voice_count=2", key(apiKey));
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        return r.data();
    }

    private static long credits(Map<String, Object> map, String field) {
        return ((Number) map.get(field)).longValue();
    }

    private long balance(String apiKey) {
        return credits(api.get("/v1/account/credits", key(apiKey)).data(), "credits");
    }

    /** Polls the series until {@code done} holds (3 minutes at most). */
    private Map<String, Object> awaitSeries(String path, String apiKey, Predicate<Map<String, Object>> done) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Map<String, Object> last = null;
        while (System.nanoTime() < deadline) {
            last = api.get(path, key(apiKey)).data();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("series did not get there in 3 minutes; last seen " + last);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> episodes(Map<String, Object> series) {
        return (List<Map<String, Object>>) series.get("episodes");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aThreeEpisodeSeriesIsPlannedChargedExactlyAsQuotedAndPublishedInOrderToTheShowsFeed() {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String showId = show(apiKey);
        Map<String, Object> quote = quote(apiKey, 3);
        long plan = credits((Map<String, Object>) quote.get("plan"), "final_credits");
        long episode = credits((Map<String, Object>) quote.get("episode"), "final_credits");
        assertThat(credits(quote, "final_credits")).isEqualTo(plan + 3 * episode);
        String body = "{\"prompt\":\"" + TEA + "\",\"episodes\":3,\"episode_minutes\":1,\"style\":\"conversational\"}";

        Response created = api.post("/v1/shows/" + showId + "/series", body, key(apiKey)[0], apiKey,
                "Idempotency-Key", "series-1");
        Response replayed = api.post("/v1/shows/" + showId + "/series", body, key(apiKey)[0], apiKey,
                "Idempotency-Key", "series-1");

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String seriesId = (String) created.data().get("series_id");
        String path = "/v1/shows/" + showId + "/series/" + seriesId;
        assertThat(created.header("Location")).isEqualTo(path);
        assertThat(created.data()).containsEntry("episode_count", 3).containsEntry("grounding", "none")
                .containsEntry("credits_quoted", (int) credits(quote, "final_credits"))
                .containsEntry("plan_credits", (int) plan);
        assertThat(episodes(created.data())).extracting(e -> e.get("title"))
                .containsExactly("Part 1 of " + TEA, "Part 2 of " + TEA, "Part 3 of " + TEA);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.raw()).isEqualTo(created.raw());
        assertThat(MODEL.requests("series_plan").getLast().path("messages").get(1).path("content").asText())
                .contains("exactly 3 episodes about: " + TEA);

        Map<String, Object> done = awaitSeries(path, apiKey, s -> "completed".equals(s.get("status")));

        List<Map<String, Object>> eps = episodes(done);
        assertThat(eps).extracting(e -> e.get("status")).containsExactly("completed", "completed", "completed");
        for (int i = 1; i < eps.size(); i++) { // strictly in order: each starts once the one before is done
            assertThat(Instant.parse((String) eps.get(i).get("started_at")))
                    .isAfterOrEqualTo(Instant.parse((String) eps.get(i - 1).get("completed_at")));
        }
        assertThat(credits(done, "credits_charged")).isEqualTo(credits(quote, "final_credits"));
        assertThat(balance(apiKey)).isEqualTo(2000 - credits(quote, "final_credits"));
        for (Map<String, Object> e : eps) {
            Map<String, Object> podcast = api.get("/v1/podcasts/" + e.get("podcast_id"), key(apiKey)).data();
            assertThat(podcast).containsEntry("status", "completed").containsEntry("credits_charged", (int) episode)
                    .containsEntry("grounding", "none");
            assertThat((String) podcast.get("topic")).contains((String) e.get("title")).contains(TEA);
        }

        List<Map<String, Object>> published = (List<Map<String, Object>>) api.get("/v1/shows/" + showId
                + "/episodes", key(apiKey)).data().get("episodes");
        assertThat(published).extracting(p -> p.get("podcast_id"))
                .containsExactlyInAnyOrderElementsOf(eps.stream().map(e -> e.get("podcast_id")).toList());
        published = new ArrayList<>(published);
        published.sort((a, b) -> Integer.compare(((Number) a.get("episode_number")).intValue(),
                ((Number) b.get("episode_number")).intValue()));
        assertThat(published).extracting(p -> p.get("podcast_id"))
                .containsExactlyElementsOf(eps.stream().map(e -> e.get("podcast_id")).toList());
        assertThat(published).extracting(p -> p.get("title"))
                .containsExactly("Part 1 of " + TEA, "Part 2 of " + TEA, "Part 3 of " + TEA);
        String feedUrl = (String) api.get("/v1/shows/" + showId, key(apiKey)).data().get("feed_url");
        String feed = new String(api.download(feedUrl), StandardCharsets.UTF_8);
        assertThat(feed).contains("Part 1 of " + TEA, "Part 2 of " + TEA, "Part 3 of " + TEA);

        Map<String, Object> list = api.get("/v1/shows/" + showId + "/series", key(apiKey)).data();
        assertThat((List<Map<String, Object>>) list.get("series")).extracting(s -> s.get("series_id"))
                .containsExactly(seriesId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void withCreditsForTwoEpisodesTheThirdWaitsPendingAndCompletesAfterATopUp() {
        String probe = api.createKey(api.createAccount("probe", 100), "prod");
        Map<String, Object> quote = quote(probe, 3);
        long plan = credits((Map<String, Object>) quote.get("plan"), "final_credits");
        long episode = credits((Map<String, Object>) quote.get("episode"), "final_credits");
        String account = api.createAccount("acme", plan + 2 * episode);
        String apiKey = api.createKey(account, "prod");
        String showId = show(apiKey);

        Response created = api.post("/v1/shows/" + showId + "/series", "{\"prompt\":\"" + TEA + "\",\"episodes\":3,"
                + "\"episode_minutes\":1}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String path = "/v1/shows/" + showId + "/series/" + created.data().get("series_id");

        Map<String, Object> waiting = awaitSeries(path, apiKey, s -> "waiting_for_credits".equals(s.get("status")));
        assertThat(waiting).containsEntry("status_reason", "insufficient_credits");
        assertThat(episodes(waiting)).extracting(e -> e.get("status"))
                .containsExactly("completed", "completed", "pending");
        assertThat(episodes(waiting).get(2)).containsEntry("podcast_id", null);
        assertThat(balance(apiKey)).isZero();
        assertThat((List<?>) api.get("/v1/shows/" + showId + "/episodes", key(apiKey)).data().get("episodes"))
                .hasSize(2);

        Response topUp = api.post("/admin/v1/accounts/" + account + "/credits", "{\"amount\":" + episode
                + ",\"reason\":\"top-up\"}", api.admin());
        assertThat(topUp.status()).as(topUp.raw()).isEqualTo(200);

        Map<String, Object> done = awaitSeries(path, apiKey, s -> "completed".equals(s.get("status")));
        assertThat(episodes(done)).extracting(e -> e.get("status"))
                .containsExactly("completed", "completed", "completed");
        assertThat(credits(done, "credits_charged")).isEqualTo(credits(quote, "final_credits"));
        assertThat(balance(apiKey)).isZero();
        assertThat((List<?>) api.get("/v1/shows/" + showId + "/episodes", key(apiKey)).data().get("episodes"))
                .hasSize(3);
    }

    @Test
    void aFailedEpisodeIsRefundedAndStopsTheSeriesWhichResumeMakesAgain() {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String showId = show(apiKey);
        // The plan as the model writes it, then the episode's first model call refused for good (401: not
        // retried): the podcast fails and is refunded.
        MODEL.enqueue(FakeChatServer.completion("{\"title\":\"Green tea\",\"description\":\"All about green tea.\","
                + "\"episodes\":[{\"title\":\"Part 1 of green tea\",\"outline\":\"Where green tea comes from.\"}]}", 0));
        MODEL.enqueue(new MockResponse.Builder().code(401).addHeader("Content-Type", "application/json")
                .body("{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\","
                        + "\"param\":null,\"code\":\"invalid_api_key\"}}").build());
        Response created = api.post("/v1/shows/" + showId + "/series", "{\"prompt\":\"green tea\",\"episodes\":1,"
                + "\"episode_minutes\":1}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String path = "/v1/shows/" + showId + "/series/" + created.data().get("series_id");
        long afterPlan = 2000 - credits(created.data(), "plan_credits");

        Map<String, Object> stopped = awaitSeries(path, apiKey, s -> "stopped".equals(s.get("status")));
        assertThat(stopped).containsEntry("status_reason", "episode_failed");
        Map<String, Object> failed = episodes(stopped).getFirst();
        assertThat(failed).containsEntry("status", "failed");
        assertThat(failed.toString()).contains("LLM_UNAUTHORIZED");
        assertThat(balance(apiKey)).isEqualTo(afterPlan);

        Response resumed = api.post(path + "/resume", null, key(apiKey));
        assertThat(resumed.status()).as(resumed.raw()).isEqualTo(202);
        Map<String, Object> done = awaitSeries(path, apiKey, s -> "completed".equals(s.get("status")));
        Map<String, Object> again = episodes(done).getFirst();
        assertThat(again).containsEntry("status", "completed").containsEntry("failed_podcast_id",
                failed.get("podcast_id"));
        assertThat(again.get("podcast_id")).isNotEqualTo(failed.get("podcast_id"));
        assertThat(balance(apiKey)).isEqualTo(afterPlan - credits(again, "credits_charged"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void withSourcesEachEpisodeIsWrittenFromThemFocusedOnItsOutlineAndCitesThem() {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String showId = show(apiKey);
        String page = ArticlePages.url("/article");

        Response created = api.post("/v1/shows/" + showId + "/series", "{\"prompt\":\"what the article says\","
                + "\"episodes\":1,\"episode_minutes\":1,\"sources\":[\"" + page + "\"]}", key(apiKey));

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        assertThat(created.data()).containsEntry("grounding", "sources");
        assertThat(MODEL.requests("series_plan").getLast().path("messages").get(1).path("content").asText())
                .contains(page);
        String path = "/v1/shows/" + showId + "/series/" + created.data().get("series_id");
        Map<String, Object> done = awaitSeries(path, apiKey, s -> "completed".equals(s.get("status")));
        String podcastId = (String) episodes(done).getFirst().get("podcast_id");
        Map<String, Object> podcast = api.get("/v1/podcasts/" + podcastId, key(apiKey)).data();
        assertThat(podcast).containsEntry("grounding", "sources").containsEntry("sources", List.of(page))
                .containsEntry("topic", null);
        List<Map<String, Object>> turns = (List<Map<String, Object>>) api.get("/v1/podcasts/" + podcastId
                + "/script", key(apiKey)).data().get("turns");
        assertThat(turns).anySatisfy(t -> assertThat((List<?>) t.get("cites")).isNotEmpty());
        assertThat(MODEL.requests("podcast_outline").stream().map(r -> r.path("messages").get(1).path("content")
                .asText())).anySatisfy(text -> assertThat(text).contains("Focus the episode on: Part 1 of what the "
                + "article says"));
    }

    @Test
    void manyRunsOfOneSeriesAtOnceStartEachEpisodeOnceAndChargeItOnce() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 2000), "prod");
        String showId = show(apiKey);
        long quoted = credits(quote(apiKey, 2), "final_credits");
        Response created = api.post("/v1/shows/" + showId + "/series", "{\"prompt\":\"oolong\",\"episodes\":2,"
                + "\"episode_minutes\":1}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        java.util.UUID id = java.util.UUID.fromString((String) created.data().get("series_id"));
        String path = "/v1/shows/" + showId + "/series/" + id;

        // Beside the scheduler's own runs, as several nodes would: every run takes the row lock and the guard.
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                runs.add(pool.submit(() -> runner.advance(id)));
            }
            for (var run : runs) {
                run.get();
            }
            Map<String, Object> done = awaitSeries(path, apiKey, s -> "completed".equals(s.get("status")));
            for (int i = 0; i < 6; i++) {
                runs.add(pool.submit(() -> runner.advance(id)));
            }
            for (var run : runs) {
                run.get();
            }
            assertThat(credits(done, "credits_charged")).isEqualTo(quoted);
        } finally {
            pool.shutdown();
        }
        assertThat(balance(apiKey)).isEqualTo(2000 - quoted);
        assertThat(api.get("/v1/podcasts", key(apiKey)).data()).containsEntry("total", 2);
        assertThat((List<?>) api.get("/v1/shows/" + showId + "/episodes", key(apiKey)).data().get("episodes"))
                .hasSize(2);
        assertThat(api.get(path, key(apiKey)).data()).containsEntry("status", "completed");
    }

    @Test
    @SuppressWarnings("unchecked")
    void invalidSeriesRequestsAreRefusedNamingEachBadFieldAndChargeNothing() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "prod");
        String showId = show(apiKey);
        String series = "/v1/shows/" + showId + "/series";

        Response bad = api.post(series, "{\"prompt\":\"\",\"episodes\":0,\"episode_minutes\":1.5,"
                + "\"sources\":[\"ftp://example.com/x\"],\"colour\":\"red\"}", key(apiKey));
        Response tooMany = api.post(series, "{\"prompt\":\"tea\",\"episodes\":21}", key(apiKey));
        Response missing = api.post(series, "{\"prompt\":\"tea\"}", key(apiKey));
        Response tooLong = api.post(series, "{\"prompt\":\"tea\",\"episodes\":2,\"episode_minutes\":500}",
                key(apiKey));
        Response badStyle = api.post(series, "{\"prompt\":\"tea\",\"episodes\":2,\"style\":\"opera\"}", key(apiKey));
        Response notJson = api.post(series, "{prompt", key(apiKey));
        String otherKey = api.createKey(api.createAccount("other", 500), "prod");
        Response foreign = api.post(series, "{\"prompt\":\"tea\",\"episodes\":2}", key(otherKey));
        String testKey = api.createKey(api.createAccount("tester", 500), "test");
        Response test = api.post("/v1/shows/" + show(testKey) + "/series", "{\"prompt\":\"tea\",\"episodes\":2,"
                + "\"episode_minutes\":1}", key(testKey));

        assertThat(bad.status()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat((Map<String, Object>) ((Map<String, Object>) bad.error().get("details")).get("fields"))
                .containsKeys("prompt", "episodes", "episode_minutes", "sources[0]", "colour");
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.error().get("details").toString()).contains("episodes");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.error().get("details").toString()).contains("episodes");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.errorCode()).isEqualTo("INVALID_DURATION");
        assertThat(badStyle.status()).isEqualTo(400);
        assertThat(badStyle.error().get("details").toString()).contains("style");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("SHOW_NOT_FOUND");
        assertThat(test.status()).as(test.raw()).isEqualTo(400);
        assertThat(test.errorCode()).isEqualTo("TEST_TOKEN_RESTRICTED");
        assertThat(api.get(series + "/00000000-0000-0000-0000-000000000000", key(apiKey)).errorCode())
                .isEqualTo("SERIES_NOT_FOUND");
        assertThat(api.get("/v1/estimate-cost?kind=series", key(apiKey)).status()).isEqualTo(400);
        assertThat(api.get("/v1/estimate-cost?kind=series&episodes=21", key(apiKey)).status()).isEqualTo(400);
        assertThat(balance(apiKey)).isEqualTo(500);
        assertThat(balance(testKey)).isEqualTo(500);
        assertThat((List<?>) api.get(series, key(apiKey)).data().get("series")).isEmpty();
    }
}
