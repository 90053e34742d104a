package dev.podloom.shows;

import dev.podloom.pipeline.RenderedEpisode;
import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastRepository;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.RenderPodcastJob;
import dev.podloom.shared.Sql;
import dev.podloom.storage.ObjectStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Podcasts that finish the way a render job finishes them ({@link RenderPodcastJob#recordCompleted} and
 * {@link RenderPodcastJob#failAndRefund}, which tell every listener), with small real files in the object store
 * instead of rendered audio: rendering is tested elsewhere; here the feed, episodes and webhooks are.
 */
public final class FinishedPodcasts {

    /** A completed podcast and the exact bytes of its "MP3". */
    public record Completed(UUID id, byte[] audio) {
    }

    private final PodcastRepository podcasts;
    private final RenderPodcastJob job;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Sql sql;
    private final TransactionOperations<Connection> tx;

    public FinishedPodcasts(ApplicationContext context) {
        this.podcasts = context.getBean(PodcastRepository.class);
        this.job = context.getBean(RenderPodcastJob.class);
        this.store = context.getBean(ObjectStore.class);
        this.json = context.getBean(JsonMapper.class);
        this.sql = context.getBean(Sql.class);
        this.tx = context.getBean(Argument.of(TransactionOperations.class, Connection.class));
    }

    public static PodcastSpec spec(UUID showId, boolean autoPublish, String callbackUrl) {
        return new PodcastSpec(List.of("https://example.com/article"), null, null, null, "en", 5, "conversational",
                List.of(new PodcastSpec.VoiceChoice("Host", "kevin16")), null, null, null, autoPublish, showId,
                callbackUrl, null);
    }

    public Completed completed(String accountId, String title, int audioSize, PodcastSpec spec) throws IOException {
        UUID id = requested(accountId, spec);
        podcasts.startAttempt(id, Instant.now());
        byte[] audio = new byte[audioSize];
        new Random(audioSize).nextBytes(audio);
        Path dir = Files.createTempDirectory("podloom-finished-");
        Path mp3 = Files.write(dir.resolve("episode.mp3"), audio);
        Path vtt = Files.writeString(dir.resolve("episode.vtt"), "WEBVTT\n\n00:00.000 --> 00:02.000\n<v Host>Hello.\n");
        Path chapters = Files.writeString(dir.resolve("chapters.json"),
                "{\"version\":\"1.2.0\",\"chapters\":[{\"startTime\":0,\"title\":\"Intro\"}]}");
        String prefix = "podcasts/" + id + "/";
        store.put(prefix + "episode.mp3", mp3, "audio/mpeg");
        store.put(prefix + "episode.vtt", vtt, "text/vtt");
        store.put(prefix + "chapters.json", chapters, "application/json+chapters");
        job.recordCompleted(id, spec, new RenderedEpisode(mp3, vtt, chapters, title, 61.4, List.of("kevin16"), false,
                null, Map.of()), prefix);
        return new Completed(id, audio);
    }

    public UUID failed(String accountId, PodcastSpec spec) {
        UUID id = requested(accountId, spec);
        Podcast podcast = podcasts.find(id).orElseThrow();
        job.failAndRefund(podcast, dev.podloom.pipeline.FailureCode.SOURCE_NOT_FOUND, "https://example.com/article was not found (HTTP 404)");
        return id;
    }

    /** A podcast still waiting for its render. */
    public UUID requested(String accountId, PodcastSpec spec) {
        UUID id = UUID.randomUUID();
        UUID account = UUID.fromString(accountId);
        tx.executeWrite(status -> {
            UUID keyId = sql.one("SELECT id FROM api_keys WHERE account_id = ? ORDER BY created_at LIMIT 1",
                    rs -> Sql.uuid(rs, "id"), account).orElseThrow();
            podcasts.insert(id, account, keyId, write(spec), "en", "conversational", 5, 10, Instant.now());
            return null;
        });
        return id;
    }

    private String write(PodcastSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
