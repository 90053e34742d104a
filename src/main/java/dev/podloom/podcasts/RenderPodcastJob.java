package dev.podloom.podcasts;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.podloom.jobs.JobSettings;
import dev.podloom.jobs.RenderAdmission;
import dev.podloom.metering.Metering;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastRenderer;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptTranslator;
import dev.podloom.pipeline.RenderedEpisode;
import dev.podloom.pipeline.ShowAudio;
import dev.podloom.storage.ObjectNotFoundException;
import dev.podloom.storage.StoredObject;
import dev.podloom.storage.ObjectStore;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import dev.podloom.metrics.PodloomMetrics;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Renders one podcast: runs the pipeline, stores the episode files, and records the result. Every
 * way out ends in {@code completed} or in {@code failed} with the charge refunded exactly once. A translation (a
 * podcast with {@code translation_of}) is the same job whose script is the original's, translated by the
 * {@link ScriptTranslator}, instead of one written from sources.
 */
@Singleton
public class RenderPodcastJob {

    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("render-podcast");
    private static final Logger LOG = LoggerFactory.getLogger(RenderPodcastJob.class);

    private final PodcastRepository podcasts;
    /**
     * Resolved on first use, not at startup: the pipeline (fetchers, language models, speech engines and their
     * voice discovery, the encoder) is built in the background once the server listens ({@link #prepareRenderer}),
     * so a restart is ready without waiting for it.
     */
    private final BeanProvider<PodcastRenderer> renderer;
    private final ObjectStore store;
    private final Metering metering;
    private final JsonMapper json;
    private final Clock clock;
    private final JobSettings settings;
    private final Path workRoot;
    private final List<PodcastFinishedListener> listeners;
    private final PodcastWritings writings;
    private final RenderAdmission admission;
    @Inject
    PodloomMetrics metrics; // field-injected: the render path stays as it was, the figures are a side note
    @Inject
    ScriptTranslator translator; // a translation's "writing" step (issue 13)
    @Inject
    ShowAudioSource showAudio; // the show's intro, outro and music bed (issue 11)

    public RenderPodcastJob(PodcastRepository podcasts, BeanProvider<PodcastRenderer> renderer, ObjectStore store,
                            Metering metering, JsonMapper json, Clock clock, JobSettings settings,
                            @Value("${podloom.data-dir}") String dataDir, List<PodcastFinishedListener> listeners,
                            PodcastWritings writings, RenderAdmission admission) {
        this.writings = writings;
        this.podcasts = podcasts;
        this.renderer = renderer;
        this.store = store;
        this.metering = metering;
        this.json = json;
        this.clock = clock;
        this.settings = settings;
        this.workRoot = Path.of(dataDir, "work");
        this.listeners = List.copyOf(listeners);
        this.admission = admission;
        // Built before the scheduler starts (the scheduler runs this job): no render of this node is running,
        // so every work directory is a leftover of a crash or kill; an interrupted job starts afresh anyway.
        removeStaleWorkDirectories();
    }

    private void removeStaleWorkDirectories() {
        if (!Files.isDirectory(workRoot)) {
            return;
        }
        try (Stream<Path> stale = Files.list(workRoot)) {
            List<Path> dirs = stale.toList();
            dirs.forEach(RenderPodcastJob::deleteRecursively);
            if (!dirs.isEmpty()) {
                LOG.info("Removed {} stale render work directories from {}", dirs.size(), workRoot);
            }
        } catch (IOException e) {
            LOG.warn("Could not list stale render work directories in {}", workRoot, e);
        }
    }

    public void run(UUID id) {
        // Admission by memory: wait here, before the podcast counts as started, so it still shows "queued".
        try (RenderAdmission.Slot slot = admission.admit()) {
            runAdmitted(id);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryLater(Duration.ofSeconds(5));
        }
    }

    private void runAdmitted(UUID id) {
        int attempt = podcasts.startAttempt(id, Instant.now(clock));
        if (attempt == 0) {
            return; // already completed or failed: a duplicate or revived execution has nothing to do
        }
        Podcast podcast = podcasts.find(id).orElseThrow();
        if (attempt > settings.maxAttempts()) {
            failAndRefund(podcast, FailureCode.RENDER_ABANDONED, "Generation was interrupted " + (attempt - 1)
                    + " times and was given up; the credits were refunded.");
            return;
        }
        if (attempt > 1) {
            LOG.warn("Podcast {} restarted (attempt {}) after its previous run was interrupted", id, attempt);
        }
        Path work = workRoot.resolve(id.toString());
        try {
            deleteRecursively(work);
            Files.createDirectories(work);
            PodcastSpec spec = readSpec(podcast.spec());
            ThrottledProgress progress = new ThrottledProgress(id);
            RenderRequest request = withShowAudio(spec.toRenderRequest(), spec, podcast.accountId(), work);
            Optional<UUID> original = podcasts.translationOf(id);
            if (original.isPresent()) {
                // A translation: its script is the original's, translated; everything after is a podcast's render.
                request = request.withDialogue(translatedScript(original.get(), spec, progress));
            }
            RenderedEpisode episode = renderer.get().render(request, work, progress);
            String prefix = "podcasts/" + id + "/";
            storeFiles(prefix, episode);
            recordCompleted(id, spec, episode, prefix);
            metrics.renderStages(episode.stageMillis(), engineOf(episode.voiceIds()));
            metrics.podcastFinished(true, null);
            LOG.info("Podcast {} completed: {} s of audio, stages {}", id, Math.round(episode.durationSeconds()),
                    episode.stageMillis());
        } catch (PipelineException e) {
            if (e.retryable() && attempt < settings.maxAttempts()) {
                Duration delay = settings.backoff(attempt, e.retryAfter().orElse(Duration.ZERO));
                LOG.warn("Podcast {} attempt {} hit a transient failure ({}: {}); retrying in {} s", id, attempt,
                        e.code(), e.getMessage(), delay.toSeconds(), e.getCause());
                podcasts.retrying(id);
                throw new RetryLater(delay);
            }
            if (e.failure() == FailureCode.INTERNAL_ERROR) {
                LOG.error("Podcast {} failed unexpectedly: {}", id, e.getMessage(), e.getCause());
            } else {
                LOG.info("Podcast {} failed: {} {}", id, e.code(), e.getMessage(), e.getCause());
            }
            failAndRefund(podcast, e.failure(), clientMessage(e.failure(), e.clientMessage(), id));
        } catch (RuntimeException | IOException e) {
            LOG.error("Podcast {} failed unexpectedly", id, e);
            failAndRefund(podcast, FailureCode.INTERNAL_ERROR,
                    clientMessage(FailureCode.INTERNAL_ERROR, FailureCode.INTERNAL_ERROR.clientMessage(), id));
        } finally {
            deleteRecursively(work);
        }
    }

    /**
     * The render request, with the show's intro, outro and music bed (as they are now) copied into the work
     * directory when the podcast has a show and did not opt out. A piece removed meanwhile is simply left out; a
     * store that fails is a transient failure.
     */
    private RenderRequest withShowAudio(RenderRequest request, PodcastSpec spec, UUID accountId, Path work) {
        if (!spec.mixesShowAudio() || showAudio == null) {
            return request;
        }
        Map<String, String> keys = showAudio.audioKeys(accountId, spec.showId());
        if (keys.isEmpty()) {
            return request;
        }
        ShowAudio audio = new ShowAudio(download(keys.get("intro"), work.resolve("show-intro.wav")),
                download(keys.get("outro"), work.resolve("show-outro.wav")),
                download(keys.get("bed"), work.resolve("show-bed.wav")));
        return request.withShowAudio(audio);
    }

    private Path download(String key, Path file) {
        if (key == null) {
            return null;
        }
        try {
            Optional<StoredObject> stored = store.stat(key);
            if (stored.isEmpty()) {
                return null;
            }
            try (InputStream in = store.open(key, 0, stored.get().size())) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return file;
        } catch (ObjectNotFoundException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            throw new PipelineException(FailureCode.STORAGE_UNAVAILABLE, "Reading the show's audio " + key + " failed", e);
        }
    }

    /** The original's kept script, translated into this podcast's language. */
    private Script translatedScript(UUID originalId, PodcastSpec spec, ProgressListener progress) {
        progress.onProgress("translating", 2);
        Podcast original = podcasts.find(originalId).orElseThrow(() -> new PipelineException(
                FailureCode.TRANSLATION_SOURCE_MISSING, "Podcast " + originalId + " to translate no longer exists"));
        String key = writings.find(originalId).map(PodcastWritings.Writing::scriptKey).orElseThrow(() ->
                new PipelineException(FailureCode.TRANSLATION_SOURCE_MISSING, "Podcast " + originalId
                        + " has no kept script"));
        Script source;
        try {
            long size = store.stat(key).orElseThrow(() -> new PipelineException(
                    FailureCode.TRANSLATION_SOURCE_MISSING, "The script " + key + " is gone")).size();
            try (InputStream in = store.open(key, 0, size)) {
                source = EpisodeDocuments.readScript(json.readValue(in.readAllBytes(),
                        io.micronaut.json.tree.JsonNode.class));
            }
        } catch (IOException e) {
            throw new PipelineException(FailureCode.STORAGE_UNAVAILABLE, "Reading the script " + key + " failed", e);
        }
        return translator.translate(source, original.language(), spec.language(), (stage, percent) ->
                progress.onProgress("translating", 2 + percent * 18 / 100));
    }

    /** Stores the episode's files; a store that fails is a transient failure (retried while attempts remain). */
    private void storeFiles(String prefix, RenderedEpisode episode) {
        try {
            store.put(prefix + "episode.mp3", episode.audio(), "audio/mpeg");
            store.put(prefix + "episode.vtt", episode.transcript(), "text/vtt");
            store.put(prefix + "chapters.json", episode.chapters(), "application/json+chapters");
            if (episode.script() == null) {
                return;
            }
            Path script = episode.audio().resolveSibling("script.json");
            Files.write(script, json.writeValueAsBytes(EpisodeDocuments.script(episode.script())));
            store.put(prefix + "script.json", script, "application/json");
            Path transcript = episode.audio().resolveSibling("transcript.json");
            Files.write(transcript, json.writeValueAsBytes(EpisodeDocuments.transcript(
                    Files.readString(episode.transcript()))));
            store.put(prefix + "transcript.json", transcript, "application/json");
        } catch (IOException e) {
            throw new PipelineException(FailureCode.RENDER_FAILED, "Writing the episode's JSON documents failed", e);
        } catch (RuntimeException e) {
            throw new PipelineException(FailureCode.STORAGE_UNAVAILABLE, "Storing the episode failed", e);
        }
    }

    /** Internal faults name the podcast so support can find the log lines; never exception text. */
    private static String clientMessage(FailureCode code, String message, UUID id) {
        String refunded = message.endsWith(".") ? message + " The credits were refunded." : message;
        return code.fault() == FailureCode.Fault.INTERNAL ? refunded + " Quote podcast " + id + " to support." : refunded;
    }

    /** Thrown to the scheduler: run this podcast's job again after the delay (a transient failure). */
    public static final class RetryLater extends RuntimeException {
        private final Duration delay;

        RetryLater(Duration delay) {
            super("retry in " + delay, null, false, false);
            this.delay = delay;
        }

        public Duration delay() {
            return delay;
        }
    }

    /** One transaction: the podcast is completed and its listeners are told. */
    @Transactional
    public void recordCompleted(UUID id, PodcastSpec spec, RenderedEpisode episode, String prefix) throws IOException {
        if (podcasts.complete(id, episode.title(), episode.durationSeconds(), episode.sourcesExhausted(),
                String.join(",", episode.voiceIds()), prefix + "episode.mp3", Files.size(episode.audio()),
                prefix + "episode.vtt", prefix + "chapters.json", Instant.now(clock))) {
            if (!episode.speechCharacters().isEmpty()) {
                podcasts.recordSpeechUsage(id, episode.speechCharacters());
            }
            if (spec.grounding() != null) {
                podcasts.markGrounding(id, spec.grounding());
            }
            if (episode.script() != null) {
                writings.record(id, episode.script().authorship(), prefix + "script.json",
                        prefix + "transcript.json");
            }
            Podcast completed = podcasts.find(id).orElseThrow();
            metering.releaseSlot(completed.apiKeyId());
            listeners.forEach(l -> l.podcastFinished(completed, spec));
        }
    }

    /** One transaction: the podcast becomes failed, its charge comes back and its listeners are told — or none of it. */
    @Transactional
    public void failAndRefund(Podcast podcast, FailureCode code, String message) {
        if (podcasts.fail(podcast.id(), code.name(), message, podcast.creditsCharged(), Instant.now(clock))) {
            metrics.podcastFinished(false, code.name());
            metering.releaseSlot(podcast.apiKeyId());
            metering.refundOnce(podcast.accountId(), podcast.creditsCharged(), "podcast failed: " + code.name(),
                    "podcast:" + podcast.id());
            Podcast failed = podcasts.find(podcast.id()).orElseThrow();
            PodcastSpec spec = readSpec(failed.spec());
            listeners.forEach(l -> l.podcastFinished(failed, spec));
        }
    }

    /** The engine of the first voice ({@code flite-rms} → {@code flite}): the metrics' engine tag. */
    static String engineOf(List<String> voiceIds) {
        if (voiceIds.isEmpty()) {
            return "none";
        }
        String first = voiceIds.get(0);
        return first.startsWith("espeak-ng") ? "espeak-ng" : first.contains("-") ? first.substring(0, first.indexOf('-')) : first;
    }

    private PodcastSpec readSpec(String spec) {
        try {
            return json.readValue(spec, PodcastSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes progress to the database only when the stage changes or it moved by 5 points. */
    private final class ThrottledProgress implements dev.podloom.pipeline.ProgressListener {
        private final UUID id;
        private String lastStage;
        private int lastPercent = -100;

        ThrottledProgress(UUID id) {
            this.id = id;
        }

        @Override
        public synchronized void onProgress(String stage, int percent) {
            int bounded = Math.max(1, Math.min(99, percent)); // 100 only when the files are stored
            if (!stage.equals(lastStage) || bounded - lastPercent >= 5) {
                podcasts.progress(id, stage, bounded);
                lastStage = stage;
                lastPercent = bounded;
            }
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
