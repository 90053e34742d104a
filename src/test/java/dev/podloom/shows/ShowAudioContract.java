package dev.podloom.shows;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.AudioProbe;
import dev.podloom.testsupport.RequiresTool;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A show's intro, outro and music bed through the API: uploads (WAV and MP3) and their errors, the show details,
 * and a rendered 1-minute episode measured with ffmpeg: it starts with the intro (a 1 kHz + 1.5 kHz chord), ends with
 * the outro (2 kHz + 2.5 kHz), and has the bed (a 9 kHz tone, above anything the 16 kHz voices say) between turns
 * and at least 15 dB under the speech, at −16 LUFS and under −1 dBTP. Subclasses run it on H2 and PostgreSQL.
 */
abstract class ShowAudioContract {

    /** Set by the subclasses as {@code podloom.show-audio.max-bytes}, so the size limit is cheap to reach. */
    static final long MAX_BYTES = 3L << 20;
    static final int RATE = 44_100;
    static final double INTRO_SECONDS = 3;
    static final double OUTRO_SECONDS = 2.5;
    /** The bed plays alone this long before the first turn and after the last (ShowMix). */
    static final double BED_LEAD_SECONDS = 2;
    static final double BED_TAIL_SECONDS = 2;
    private static final Pattern CUE = Pattern.compile(
            "(\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3})");

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    @Test
    @RequiresTool("ffmpeg")
    void anEpisodeOfTheShowStartsWithTheIntroEndsWithTheOutroAndHasTheBedDuckedUnderTheSpeech() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 5_000), "prod");
        String show = createShow(apiKey);
        Response intro = put(show, "intro", "audio/wav",
                AudioProbe.wav(AudioProbe.chord(INTRO_SECONDS, RATE, 0.7, 1000, 1500), RATE, 2), apiKey);
        assertThat(intro.status()).as(intro.raw()).isEqualTo(200);
        Response outro = put(show, "outro", "audio/mpeg",
                AudioProbe.mp3(AudioProbe.chord(OUTRO_SECONDS, RATE, 0.7, 2000, 2500), RATE, dir), apiKey);
        assertThat(outro.status()).as(outro.raw()).isEqualTo(200);
        Response bed = put(show, "bed", "audio/mpeg", AudioProbe.mp3(AudioProbe.chord(5, RATE, 0.5, 9000), RATE, dir),
                apiKey);
        assertThat(bed.status()).as(bed.raw()).isEqualTo(200);
        Map<?, ?> audio = (Map<?, ?>) api.get("/v1/shows/" + show, key(apiKey)).data().get("audio");
        assertThat(((Number) ((Map<?, ?>) audio.get("intro")).get("duration_seconds")).doubleValue())
                .isCloseTo(INTRO_SECONDS, within(0.01));
        assertThat(((Map<?, ?>) audio.get("intro")).get("uploaded_format")).isEqualTo("wav");
        assertThat(((Number) ((Map<?, ?>) audio.get("outro")).get("duration_seconds")).doubleValue())
                .isCloseTo(OUTRO_SECONDS, within(0.03));
        assertThat(((Map<?, ?>) audio.get("bed")).get("uploaded_format")).isEqualTo("mp3");

        Response created = api.post("/v1/podcasts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1,\"show_id\":\"" + show + "\"}", key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        Path mp3 = Files.write(dir.resolve("episode.mp3"), api.download(link(id, "download", apiKey)));
        String vtt = new String(api.download(link(id, "transcript", apiKey)), StandardCharsets.UTF_8);
        List<double[]> cues = cues(vtt);
        double end = AudioProbe.durationSeconds(mp3);
        AudioProbe.Levels all = AudioProbe.levels(mp3);
        AudioProbe.Levels band1000 = AudioProbe.bandLevels(mp3, 1000);
        AudioProbe.Levels band2000 = AudioProbe.bandLevels(mp3, 2000);
        AudioProbe.Levels band9000 = AudioProbe.bandLevels(mp3, 9000);

        // The intro first: its chord is nearly all there is; no bed yet.
        double introLevel = all.db(0.3, INTRO_SECONDS - 0.3);
        assertThat(introLevel).isGreaterThan(-25);
        assertThat(band1000.db(0.3, INTRO_SECONDS - 0.3)).isGreaterThan(introLevel - 4);
        assertThat(band9000.db(0.3, INTRO_SECONDS - 0.3)).isLessThan(introLevel - 40);
        // The outro last.
        double outroLevel = all.db(end - OUTRO_SECONDS + 0.3, end - 0.3);
        assertThat(outroLevel).isGreaterThan(-25);
        assertThat(band2000.db(end - OUTRO_SECONDS + 0.3, end - 0.3)).isGreaterThan(outroLevel - 4);
        // The transcript moved by the intro and the bed's lead: speech starts after them and ends before the outro.
        assertThat(cues.getFirst()[0]).isBetween(INTRO_SECONDS + BED_LEAD_SECONDS, INTRO_SECONDS + BED_LEAD_SECONDS + 1);
        assertThat(cues.getLast()[1]).isLessThan(end - OUTRO_SECONDS - BED_TAIL_SECONDS);
        String chapters = new String(api.download(link(id, "chapters", apiKey)), StandardCharsets.UTF_8);
        assertThat(chapters).contains("\"startTime\":0.0");

        // The bed: alone after the intro, between turns, and ≥ 15 dB under the speech while anyone speaks.
        assertThat(band9000.db(INTRO_SECONDS + 0.8, cues.getFirst()[0] - 0.2)).isGreaterThan(-45);
        int gaps = 0;
        for (int i = 0; i < cues.size(); i++) {
            double[] cue = cues.get(i);
            double speech = all.db(cue[0], cue[1]);
            double under = band9000.db(cue[0], cue[1]);
            assertThat(speech - under).as("speech over the bed in cue %d", i).isGreaterThanOrEqualTo(15);
            if (i > 0 && cue[0] - cues.get(i - 1)[1] >= 0.15) {
                gaps++;
                assertThat(band9000.db(cues.get(i - 1)[1] + 0.02, cue[0] - 0.02))
                        .as("the bed before cue %d", i).isGreaterThan(-55);
            }
        }
        assertThat(gaps).as("pauses between turns").isGreaterThan(3);

        // The mix is mastered like any episode.
        double[] loudness = AudioProbe.ebur128(mp3);
        assertThat(loudness[0]).as("integrated LUFS").isCloseTo(-16, within(1.0));
        assertThat(loudness[1]).as("true peak dBTP").isLessThanOrEqualTo(-1.0);
    }

    @Test
    void aPodcastMayLeaveItsShowsAudioOut() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 5_000), "prod");
        String show = createShow(apiKey);
        put(show, "intro", "audio/wav", AudioProbe.wav(AudioProbe.chord(2, RATE, 0.5, 440), RATE, 1), apiKey);
        put(show, "outro", "audio/wav", AudioProbe.wav(AudioProbe.chord(1.5, RATE, 0.5, 660), RATE, 1), apiKey);
        String dialogue = "\"dialogue\":[[\"Alex\",\"Hello and welcome to the show.\"],[\"Sam\",\"Thanks, glad to be here.\"]]";

        double with = seconds(api.post("/v1/podcasts", "{" + dialogue + ",\"show_id\":\"" + show + "\"}", key(apiKey)),
                apiKey);
        double without = seconds(api.post("/v1/podcasts", "{" + dialogue + ",\"show_id\":\"" + show
                + "\",\"show_audio\":false}", key(apiKey)), apiKey);
        double alone = seconds(api.post("/v1/podcasts", "{" + dialogue + "}", key(apiKey)), apiKey);

        assertThat(with - alone).isCloseTo(2 + 1.5, within(0.1));
        assertThat(without).isCloseTo(alone, within(0.1));
    }

    @Test
    void uploadsThatAreNotUsableAudioGetClearErrors() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");
        String show = createShow(apiKey);
        byte[] tone = AudioProbe.wav(AudioProbe.chord(2, 16_000, 0.5, 440), 16_000, 1);

        Response image = put(show, "intro", "image/png", tone, apiKey);
        assertThat(image.status()).isEqualTo(415);
        assertThat(image.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(image.error().get("details")).isEqualTo(Map.of("accepted", List.of("audio/mpeg", "audio/wav")));

        Response junk = put(show, "intro", "audio/mpeg", "not audio at all".repeat(100).getBytes(), apiKey);
        assertThat(junk.status()).isEqualTo(400);
        assertThat((String) junk.error().get("message")).contains("neither a WAV").contains("nor an MP3");

        Response mislabelled = put(show, "intro", "audio/mpeg", tone, apiKey);
        assertThat(mislabelled.status()).isEqualTo(400);
        assertThat((String) mislabelled.error().get("message")).contains("WAV file but was sent as audio/mpeg");

        Response tooLong = put(show, "outro", "audio/wav",
                AudioProbe.wav(AudioProbe.chord(61, 8_000, 0.5, 440), 8_000, 1), apiKey);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat((String) tooLong.error().get("message")).contains("at most 60 s");

        Response tooShort = put(show, "bed", "audio/wav", AudioProbe.wav(AudioProbe.chord(1, 8_000, 0.5, 440), 8_000, 1),
                apiKey);
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat((String) tooShort.error().get("message")).contains("at least 2 s");

        Response silent = put(show, "intro", "audio/wav", AudioProbe.wav(new float[16_000 * 2], 16_000, 1), apiKey);
        assertThat(silent.status()).isEqualTo(400);
        assertThat((String) silent.error().get("message")).contains("silent");

        byte[] large = new byte[(int) MAX_BYTES + 1];
        System.arraycopy(tone, 0, large, 0, tone.length);
        Response tooLarge = put(show, "bed", "audio/wav", large, apiKey);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.errorCode()).isEqualTo("PAYLOAD_TOO_LARGE");

        Response unknownKind = put(show, "jingle", "audio/wav", tone, apiKey);
        assertThat(unknownKind.status()).isEqualTo(404);
        assertThat((String) unknownKind.error().get("message")).contains("intro, outro or bed");

        String otherKey = api.createKey(api.createAccount("other", 100), "prod");
        Response notTheirs = put(show, "intro", "audio/wav", tone, otherKey);
        assertThat(notTheirs.errorCode()).isEqualTo("SHOW_NOT_FOUND");

        Map<?, ?> audio = (Map<?, ?>) api.get("/v1/shows/" + show, key(apiKey)).data().get("audio");
        assertThat(audio.get("intro")).isNull();
        assertThat(audio.get("outro")).isNull();
        assertThat(audio.get("bed")).isNull();
    }

    @Test
    void removedAudioIsNoLongerPartOfTheShow() {
        String apiKey = api.createKey(api.createAccount("acme", 100), "prod");
        String show = createShow(apiKey);
        Response uploaded = put(show, "bed", "audio/wav", AudioProbe.wav(AudioProbe.chord(3, 22_050, 0.5, 440), 22_050, 2),
                apiKey);
        assertThat(((Map<?, ?>) uploaded.data().get("audio")).get("bed")).isNotNull();

        Response removed = api.send("DELETE", "/v1/shows/" + show + "/audio/bed", null, null, key(apiKey));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(((Map<?, ?>) removed.data().get("audio")).get("bed")).isNull();
        Response again = api.send("DELETE", "/v1/shows/" + show + "/audio/bed", null, null, key(apiKey));
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.errorCode()).isEqualTo("NOT_FOUND");

        // A show with audio can still be deleted; its audio goes with it.
        put(show, "intro", "audio/wav", AudioProbe.wav(AudioProbe.chord(2, 22_050, 0.5, 440), 22_050, 1), apiKey);
        Response deleted = api.send("DELETE", "/v1/shows/" + show, null, null, key(apiKey));
        assertThat(deleted.status()).as(deleted.raw()).isEqualTo(200);
        assertThat(api.get("/v1/shows/" + show, key(apiKey)).errorCode()).isEqualTo("SHOW_NOT_FOUND");
    }

    private String createShow(String apiKey) {
        Response show = api.post("/v1/shows", "{\"title\":\"Sound Check\"}", key(apiKey));
        assertThat(show.status()).as(show.raw()).isEqualTo(201);
        return (String) show.data().get("show_id");
    }

    private Response put(String show, String kind, String contentType, byte[] body, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURI() + "/v1/shows/" + show + "/audio/" + kind))
                .header("Content-Type", contentType).header("X-Api-Key", apiKey)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            @SuppressWarnings("unchecked")
            Map<String, Object> parsed = response.body().isBlank() ? null : json.readValue(response.body(), Map.class);
            return new Response(response.statusCode(), response.headers(), parsed, response.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String link(String podcast, String what, String apiKey) {
        Response link = api.get("/v1/podcasts/" + podcast + "/" + what, key(apiKey));
        for (int tries = 0; link.status() == 429 && tries < 5; tries++) { // polling spent the key's request budget
            try {
                Thread.sleep(Long.parseLong(link.header("Retry-After")) * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            link = api.get("/v1/podcasts/" + podcast + "/" + what, key(apiKey));
        }
        assertThat(link.status()).as(link.raw()).isEqualTo(200);
        return (String) link.data().get("download_url");
    }

    private double seconds(Response created, String apiKey) {
        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        return ((Number) api.get("/v1/podcasts/" + id, key(apiKey)).data().get("duration_seconds")).doubleValue();
    }

    private static List<double[]> cues(String vtt) {
        Matcher m = CUE.matcher(vtt);
        List<double[]> cues = new ArrayList<>();
        while (m.find()) {
            cues.add(new double[]{time(m, 1), time(m, 4)});
        }
        return cues;
    }

    private static double time(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Double.parseDouble(m.group(group + 2));
    }
}
