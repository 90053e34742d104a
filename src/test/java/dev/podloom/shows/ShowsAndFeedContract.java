package dev.podloom.shows;

import com.rometools.modules.itunes.AbstractITunesObject;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.jdom2.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shows, covers, episodes and the public feed as a client and a podcast app meet them. Subclasses run it on H2 and
 * on PostgreSQL; render jobs are off, podcasts finish through {@link FinishedPodcasts}.
 */
abstract class ShowsAndFeedContract {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    ApplicationContext context;

    TestApi api;
    FinishedPodcasts finished;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
        finished = new FinishedPodcasts(context);
    }

    private record Client(String accountId, String apiKey) {
    }

    private Client client() {
        String account = api.createAccount("acme", 1000);
        return new Client(account, api.createKey(account, "prod"));
    }

    private Map<String, Object> createShow(Client c, String body) {
        Response r = api.post("/v1/shows", body, key(c.apiKey()));
        assertThat(r.status()).as(r.raw()).isEqualTo(201);
        return r.data();
    }

    @Test
    void aNewShowHasDefaultsAndAnUnguessablePublicFeedUrl() {
        Map<String, Object> show = createShow(client(), "{\"title\":\"Daily Tech\"}");

        assertThat(show).containsEntry("title", "Daily Tech").containsEntry("language", "en")
                .containsEntry("description", "").containsEntry("explicit", false).containsEntry("episode_count", 0)
                .containsKeys("show_id", "created_at", "updated_at");
        assertThat((String) show.get("cover_url")).isEqualTo(server.getURI() + "/feeds/" + publicId(show) + "/cover.png");
        assertThat((String) show.get("feed_url")).matches(server.getURI() + "/feeds/[A-Za-z0-9_-]{22}\\.xml");
    }

    @Test
    void everyInvalidFieldOfAShowIsListed() {
        Response r = api.post("/v1/shows", "{\"description\":5,\"category\":\"Cooking\",\"owner_email\":\"nope\","
                + "\"language\":\"english please\",\"explicit\":\"yes\",\"colour\":\"red\"}", key(client().apiKey()));

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("INVALID_REQUEST");
        assertThat((Map<String, Object>) ((Map<String, Object>) r.error().get("details")).get("fields"))
                .containsKeys("title", "description", "category", "owner_email", "language", "explicit", "colour");
    }

    @Test
    void patchChangesOnlyTheFieldsSentAndNullClearsOne() {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Old\",\"author\":\"Ada\",\"category\":\"technology\"}");
        assertThat(show).containsEntry("category", "Technology");

        Response r = api.send("PATCH", "/v1/shows/" + show.get("show_id"), "{\"title\":\"New\",\"author\":null}",
                "application/json", key(c.apiKey()));

        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.data()).containsEntry("title", "New").containsEntry("author", null)
                .containsEntry("category", "Technology").containsEntry("feed_url", show.get("feed_url"));
        assertThat(api.send("PATCH", "/v1/shows/" + show.get("show_id"), "{\"category\":\"Cooking\"}",
                "application/json", key(c.apiKey())).status()).isEqualTo(400);
    }

    @Test
    void showsArePagedPrivateToTheirAccountAndDeletable() throws Exception {
        Client c = client();
        createShow(c, "{\"title\":\"One\"}");
        Map<String, Object> two = createShow(c, "{\"title\":\"Two\"}");
        String path = "/v1/shows/" + two.get("show_id");

        Response page = api.get("/v1/shows?per_page=1", key(c.apiKey()));
        assertThat(page.data()).containsEntry("total", 1 + 1).containsEntry("has_more", true);
        assertThat((List<?>) page.data().get("shows")).hasSize(1);

        Response foreign = api.get(path, key(client().apiKey()));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.errorCode()).isEqualTo("SHOW_NOT_FOUND");
        assertThat(api.get("/v1/shows/not-an-id", key(c.apiKey())).errorCode()).isEqualTo("SHOW_NOT_FOUND");

        Response deleted = api.send("DELETE", path, null, null, key(c.apiKey()));
        assertThat(deleted.data()).containsEntry("deleted", true);
        assertThat(api.get(path, key(c.apiKey())).status()).isEqualTo(404);
        assertThat(get(URI.create((String) two.get("feed_url")), null).statusCode()).isEqualTo(404);
    }

    @Test
    void aSquareCoverIsStoredAndServedAtAStableUrl() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Art\"}");
        byte[] png = CoverImageTest.image("png", 1400, 1400);

        HttpResponse<byte[]> put = put(show, png, "image/png", c);

        assertThat(put.statusCode()).as(new String(put.body())).isEqualTo(200);
        Map<?, ?> data = (Map<?, ?>) json.readValue(put.body(), Map.class).get("data");
        String coverUrl = (String) data.get("cover_url");
        assertThat(coverUrl).endsWith("/cover.png");
        HttpResponse<byte[]> served = get(URI.create(coverUrl), null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        assertThat(served.body()).isEqualTo(png);
    }

    @Test
    void aCoverOfTheWrongTypeSizeOrShapeIsRefusedWithTheMeasuredSize() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Art\"}");

        assertThat(put(show, CoverImageTest.image("png", 10, 10), "image/gif", c).statusCode()).isEqualTo(415);
        HttpResponse<byte[]> oblong = put(show, CoverImageTest.image("png", 1500, 1400), "image/png", c);
        assertThat(oblong.statusCode()).isEqualTo(400);
        Map<?, ?> error = (Map<?, ?>) json.readValue(oblong.body(), Map.class).get("error");
        Map<?, ?> details = (Map<?, ?>) error.get("details");
        assertThat(details.get("width")).isEqualTo(1500);
        assertThat(details.get("height")).isEqualTo(1400);
        assertThat(put(show, CoverImageTest.image("jpg", 1000, 1000), "image/jpeg", c).statusCode()).isEqualTo(400);
        assertThat(put(show, "not an image".getBytes(), "image/png", c).statusCode()).isEqualTo(400);
        HttpResponse<byte[]> huge = put(show, new byte[(int) CoverImage.MAX_BYTES + 1], "image/png", c);
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(new String(huge.body())).contains("PAYLOAD_TOO_LARGE");
    }

    @Test
    void onlyTheCallersCompletedPodcastsBecomeEpisodesOnceAndNumbersAreNotReused() throws Exception {
        Client c = client();
        String showPath = "/v1/shows/" + createShow(c, "{\"title\":\"Numbers\"}").get("show_id") + "/episodes";
        UUID waiting = finished.requested(c.accountId(), FinishedPodcasts.spec(null, false, null));
        UUID first = finished.completed(c.accountId(), "First", 2000, FinishedPodcasts.spec(null, false, null)).id();
        UUID second = finished.completed(c.accountId(), "Second", 3000, FinishedPodcasts.spec(null, false, null)).id();
        Client other = client();
        UUID foreign = finished.completed(other.accountId(), "Theirs", 1000, FinishedPodcasts.spec(null, false, null)).id();

        assertThat(addEpisode(c, showPath, UUID.randomUUID()).errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        assertThat(addEpisode(c, showPath, foreign).errorCode()).isEqualTo("PODCAST_NOT_FOUND");
        Response notReady = addEpisode(c, showPath, waiting);
        assertThat(notReady.status()).isEqualTo(409);
        assertThat(notReady.errorCode()).isEqualTo("PODCAST_NOT_READY");

        Response one = addEpisode(c, showPath, first);
        assertThat(one.status()).as(one.raw()).isEqualTo(201);
        assertThat(one.data()).containsEntry("episode_number", 1).containsEntry("title", "First")
                .containsEntry("size_bytes", 2000).containsEntry("duration_seconds", 61);
        Response twice = addEpisode(c, showPath, first);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.errorCode()).isEqualTo("EPISODE_ALREADY_EXISTS");

        assertThat(api.send("DELETE", showPath + "/" + one.data().get("episode_id"), null, null, key(c.apiKey()))
                .data()).containsEntry("deleted", true);
        assertThat(addEpisode(c, showPath, second).data()).containsEntry("episode_number", 2);
        assertThat(addEpisode(c, showPath, first).data()).containsEntry("episode_number", 3);
        assertThat((List<?>) api.get(showPath, key(c.apiKey())).data().get("episodes")).hasSize(2);
        assertThat(api.send("DELETE", showPath + "/" + UUID.randomUUID(), null, null, key(c.apiKey())).errorCode())
                .isEqualTo("EPISODE_NOT_FOUND");
    }

    @Test
    void aShowOfThreeEpisodesIsAFeedAStandardParserReadsWithEveryTag() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Tea & Code\",\"description\":\"Brewing software.\","
                + "\"language\":\"en-GB\",\"author\":\"Ada Lovelace\",\"category\":\"Technology\","
                + "\"owner_email\":\"ada@example.org\"}");
        String showId = (String) show.get("show_id");
        assertThat(put(show, CoverImageTest.image("png", 1400, 1400), "image/png", c).statusCode()).isEqualTo(200);
        FinishedPodcasts.Completed e1 = finished.completed(c.accountId(), "Kettles", 31_000,
                FinishedPodcasts.spec(null, false, null));
        FinishedPodcasts.Completed e2 = finished.completed(c.accountId(), "Teapots", 47_500,
                FinishedPodcasts.spec(null, false, null));
        assertThat(addEpisode(c, "/v1/shows/" + showId + "/episodes", e1.id()).status()).isEqualTo(201);
        assertThat(api.post("/v1/shows/" + showId + "/episodes", "{\"podcast_id\":\"" + e2.id()
                + "\",\"title\":\"Teapots & <tannins>\",\"description\":\"Part two.\"}", key(c.apiKey())).status())
                .isEqualTo(201);
        // The third arrives the way auto_publish delivers it: published as the podcast completes.
        FinishedPodcasts.Completed e3 = finished.completed(c.accountId(), "Cups", 52_250,
                FinishedPodcasts.spec(UUID.fromString(showId), true, null));

        HttpResponse<byte[]> served = get(URI.create((String) show.get("feed_url")), null);

        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/rss+xml");
        SyndFeed feed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(served.body())));
        assertThat(feed.getFeedType()).isEqualTo("rss_2.0");
        assertThat(feed.getTitle()).isEqualTo("Tea & Code");
        assertThat(feed.getLink()).isEqualTo(show.get("feed_url"));
        assertThat(feed.getDescription()).isEqualTo("Brewing software.");
        assertThat(feed.getLanguage()).isEqualTo("en-GB");
        FeedInformation itunes = (FeedInformation) feed.getModule(AbstractITunesObject.URI);
        assertThat(itunes.getImage().toString()).isEqualTo(server.getURI() + "/feeds/"
                + publicId(show) + "/cover.png");
        assertThat(itunes.getCategories()).extracting(cat -> cat.getName()).containsExactly("Technology");
        assertThat(itunes.getExplicitNullable()).isFalse();
        assertThat(itunes.getAuthor()).isEqualTo("Ada Lovelace");
        assertThat(itunes.getOwnerName()).isEqualTo("Ada Lovelace");
        assertThat(itunes.getOwnerEmailAddress()).isEqualTo("ada@example.org");
        assertThat(itunes.getType()).isEqualTo("episodic");
        Element txt = foreign(feed.getForeignMarkup(), "txt");
        assertThat(txt.getAttributeValue("purpose")).isEqualTo("ai-content");
        assertThat(txt.getTextTrim()).contains("AI");
        assertThat(foreign(feed.getForeignMarkup(), "guid").getTextTrim()).matches("[0-9a-f-]{36}");

        List<SyndEntry> entries = feed.getEntries();
        assertThat(entries).extracting(SyndEntry::getTitle).containsExactly("Cups", "Teapots & <tannins>", "Kettles");
        List<FinishedPodcasts.Completed> newestFirst = List.of(e3, e2, e1);
        for (int i = 0; i < 3; i++) {
            SyndEntry entry = entries.get(i);
            byte[] audio = newestFirst.get(i).audio();
            assertThat(entry.getDescription().getValue()).isNotBlank();
            assertThat(entry.getUri()).startsWith("podloom:episode:");
            assertThat(entry.getPublishedDate()).isNotNull();
            SyndEnclosure enclosure = entry.getEnclosures().getFirst();
            assertThat(enclosure.getType()).isEqualTo("audio/mpeg");
            assertThat(enclosure.getLength()).isEqualTo(audio.length);
            EntryInformation item = (EntryInformation) entry.getModule(AbstractITunesObject.URI);
            assertThat(item.getEpisode()).isEqualTo(3 - i);
            assertThat(item.getEpisodeType()).isEqualTo("full");
            assertThat(item.getDuration().getMilliseconds()).isEqualTo(61_000L);
            assertThat(item.getExplicitNullable()).isFalse();
            Element transcript = foreign(entry.getForeignMarkup(), "transcript");
            assertThat(transcript.getAttributeValue("type")).isEqualTo("text/vtt");
            Element chapters = foreign(entry.getForeignMarkup(), "chapters");
            assertThat(chapters.getAttributeValue("type")).isEqualTo("application/json+chapters");

            HttpResponse<byte[]> whole = get(URI.create(enclosure.getUrl()), null);
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(audio);
            assertThat(get(URI.create(transcript.getAttributeValue("url")), null).body()).startsWith("WEBVTT".getBytes());
            assertThat(get(URI.create(chapters.getAttributeValue("url")), null).statusCode()).isEqualTo(200);
        }

        URI enclosure = URI.create(entries.get(1).getEnclosures().getFirst().getUrl());
        HttpResponse<byte[]> range = get(enclosure, "bytes=1000-1999");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 1000-1999/" + e2.audio().length);
        assertThat(range.headers().firstValue("Accept-Ranges")).contains("bytes");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(e2.audio(), 1000, 2000));
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(enclosure)
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(e2.audio().length);
        assertThat(get(enclosure, "bytes=99999999-").statusCode()).isEqualTo(416);
        assertThat(api.get("/v1/shows/" + showId, key(c.apiKey())).data()).containsEntry("episode_count", 3);
    }

    @Test
    void signedDownloadLinksStillAnswerRangesAndRefuseTampering() throws Exception {
        Client c = client();
        FinishedPodcasts.Completed podcast = finished.completed(c.accountId(), "Linked", 9000,
                FinishedPodcasts.spec(null, false, null));
        String minted = (String) api.get("/v1/podcasts/" + podcast.id() + "/download", key(c.apiKey())).data()
                .get("download_url");
        // The local store builds links from micronaut.server.port, which is -1 (random) here; the path is what counts.
        URI signed = URI.create(minted);
        String link = server.getURI().resolve(signed.getRawPath() + "?" + signed.getRawQuery()).toString();

        HttpResponse<byte[]> range = get(URI.create(link), "bytes=-100");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).contains("bytes 8900-8999/9000");
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(podcast.audio(), 8900, 9000));
        assertThat(get(URI.create(link.replace("signature=", "signature=x")), null).statusCode()).isEqualTo(403);
    }

    @Test
    void aShowWithoutAnUploadedCoverHasAGeneratedSquarePngAndACategoryInItsFeed() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Plain Show\"}");
        String showId = (String) show.get("show_id");
        UUID podcast = finished.completed(c.accountId(), "One", 2000, FinishedPodcasts.spec(null, false, null)).id();
        assertThat(addEpisode(c, "/v1/shows/" + showId + "/episodes", podcast).status()).isEqualTo(201);

        HttpResponse<byte[]> feed = get(URI.create((String) show.get("feed_url")), null);
        assertThat(feed.statusCode()).isEqualTo(200);
        SyndFeed parsed = new SyndFeedInput().build(new XmlReader(new java.io.ByteArrayInputStream(feed.body())));
        FeedInformation itunes = (FeedInformation) parsed.getModule(AbstractITunesObject.URI);
        assertThat(itunes.getImageUri()).isEqualTo(server.getURI() + "/feeds/" + publicId(show) + "/cover.png");
        assertThat(itunes.getCategories()).extracting(cat -> cat.getName()).containsExactly("Technology");

        HttpResponse<byte[]> cover = get(URI.create(itunes.getImageUri()), null);
        assertThat(cover.statusCode()).isEqualTo(200);
        assertThat(cover.headers().firstValue("Content-Type")).contains("image/png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(cover.body()));
        assertThat(image.getWidth()).isEqualTo(image.getHeight()).isBetween(CoverImage.MIN_SIDE, CoverImage.MAX_SIDE);
        assertThat(new java.awt.Color(image.getRGB(5, 5))).isEqualTo(GeneratedCover.colour(publicId(show)));
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(itunes.getImageUri()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(cover.body().length);
    }

    @Test
    void aWebpCoverIsStoredAndServedAsPng() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Webby\"}");
        byte[] webp;
        try (var in = getClass().getResourceAsStream("/fixtures/cover-1400.webp")) {
            webp = in.readAllBytes();
        }

        HttpResponse<byte[]> put = put(show, webp, "image/webp", c);

        assertThat(put.statusCode()).as(new String(put.body())).isEqualTo(200);
        String coverUrl = (String) ((Map<?, ?>) json.readValue(put.body(), Map.class).get("data")).get("cover_url");
        assertThat(coverUrl).endsWith("/cover.png");
        HttpResponse<byte[]> served = get(URI.create(coverUrl), null);
        assertThat(served.headers().firstValue("Content-Type")).contains("image/png");
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(served.body()));
        assertThat(image.getWidth()).isEqualTo(1400);
        assertThat(image.getHeight()).isEqualTo(1400);
        assertThat(put(show, "RIFF0000WEBPVP8 not really a webp image at all".getBytes(), "image/webp", c)
                .statusCode()).isEqualTo(400);
    }

    @Test
    void theFeedCarriesValidatorsAndAnswers304WhenTheClientsCopyIsCurrent() throws Exception {
        Client c = client();
        Map<String, Object> show = createShow(c, "{\"title\":\"Cached\"}");
        String showId = (String) show.get("show_id");
        UUID podcast = finished.completed(c.accountId(), "One", 2000, FinishedPodcasts.spec(null, false, null)).id();
        assertThat(addEpisode(c, "/v1/shows/" + showId + "/episodes", podcast).status()).isEqualTo(201);
        URI feedUrl = URI.create((String) show.get("feed_url"));

        HttpResponse<byte[]> first = get(feedUrl, null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertThat(etag).matches("\"[0-9a-f]{32}\"");

        HttpResponse<byte[]> byTag = http.send(HttpRequest.newBuilder(feedUrl).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.headers().firstValue("ETag")).contains(etag);
        HttpResponse<byte[]> byDate = http.send(HttpRequest.newBuilder(feedUrl)
                .header("If-Modified-Since", lastModified).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(byDate.statusCode()).isEqualTo(304);
        HttpResponse<byte[]> otherTag = http.send(HttpRequest.newBuilder(feedUrl)
                .header("If-None-Match", "\"something-else\"").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(first.body());

        assertThat(api.send("PATCH", "/v1/shows/" + showId, "{\"title\":\"Cached, renamed\"}", null,
                key(c.apiKey())).status()).isEqualTo(200);
        HttpResponse<byte[]> changed = http.send(HttpRequest.newBuilder(feedUrl).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    }

    @Test
    void unknownFeedsAndMediaAre404() throws Exception {
        assertThat(get(URI.create(server.getURI() + "/feeds/nope.xml"), null).statusCode()).isEqualTo(404);
        assertThat(get(URI.create(server.getURI() + "/feeds/nope/episodes/" + UUID.randomUUID() + ".mp3"), null)
                .statusCode()).isEqualTo(404);
        assertThat(get(URI.create(server.getURI() + "/feeds/nope/cover.png"), null).statusCode()).isEqualTo(404);
    }

    private Response addEpisode(Client c, String path, UUID podcastId) {
        return api.post(path, "{\"podcast_id\":\"" + podcastId + "\"}", key(c.apiKey()));
    }

    private static String publicId(Map<String, Object> show) {
        String feedUrl = (String) show.get("feed_url");
        return feedUrl.substring(feedUrl.lastIndexOf('/') + 1, feedUrl.length() - ".xml".length());
    }

    private static Element foreign(List<Element> markup, String name) {
        return markup.stream().filter(e -> e.getName().equals(name)
                        && e.getNamespaceURI().equals(RssFeed.PODCAST)).findFirst()
                .orElseThrow(() -> new AssertionError("no podcast:" + name));
    }

    private HttpResponse<byte[]> put(Map<String, Object> show, byte[] body, String contentType, Client c)
            throws Exception {
        return http.send(HttpRequest.newBuilder(server.getURI().resolve("/v1/shows/" + show.get("show_id") + "/cover"))
                .header("Content-Type", contentType).header("X-Api-Key", c.apiKey())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpResponse<byte[]> get(URI uri, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
