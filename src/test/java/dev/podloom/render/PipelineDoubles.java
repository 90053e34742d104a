package dev.podloom.render;

import dev.podloom.pipeline.*;
import dev.podloom.audio.EncodedEpisode;
import dev.podloom.audio.EpisodeEncoder;
import dev.podloom.audio.EpisodeMetadata;
import dev.podloom.audio.SpokenTurn;
import dev.podloom.speech.VoiceCatalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Test doubles for the pipeline's collaborators, with predictable timing so the length loop can be checked. */
final class PipelineDoubles {

    private PipelineDoubles() {
    }

    /**
     * Speaks a tone lasting letters ÷ rate seconds (engines' time follows letters more than words);
     * {@code slowdown} makes it slower than its calibration.
     */
    static final class ToneSynthesizer implements SpeechSynthesizer {

        static final Voice HOST = new Voice("tone-low", "tone", "en", "male", 8_000, "low tone");
        static final Voice CO_HOST = new Voice("tone-high", "tone", "en", "female", 8_000, "high tone");

        final AtomicInteger calls = new AtomicInteger();
        volatile double amplitude = 0.3;
        volatile double slowdown = 1.0;

        @Override
        public String engine() {
            return "tone";
        }

        @Override
        public boolean available() {
            return true;
        }

        @Override
        public List<Voice> voices() {
            return List.of(HOST, CO_HOST);
        }

        @Override
        public AudioClip synthesize(String text, Voice voice) {
            boolean calibration = text.startsWith("Good morning and welcome back");
            if (!calibration) {
                calls.incrementAndGet();
            }
            double lettersPerSecond = voice.equals(HOST) ? 12 : 14;
            double seconds = VoiceCatalog.spokenCharacters(text) / lettersPerSecond * (calibration ? 1 : slowdown);
            float[] samples = new float[(int) (seconds * voice.sampleRate())];
            double hz = voice.equals(HOST) ? 120 : 220;
            for (int i = 0; i < samples.length; i++) {
                samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / voice.sampleRate()));
            }
            return new AudioClip(samples, voice.sampleRate());
        }
    }

    /**
     * Writes turns of ten words from a finite pool, alternating speakers, to {@code overshoot} × the budget
     * (a writer that does not count words exactly, like a real one).
     */
    static final class PoolWriter implements ScriptWriter {

        final List<Integer> budgets = new CopyOnWriteArrayList<>();
        final int poolWords;
        final double overshoot;
        /** When set, every draft words its turns differently, so no clip can be reused between drafts. */
        boolean rewordsEachDraft;
        /** Scripts grow in steps of this many words, like whole sentences or paragraphs. */
        int granularity = 1;

        PoolWriter(int poolWords, double overshoot) {
            this.poolWords = poolWords;
            this.overshoot = overshoot;
        }

        @Override
        public Script write(ScriptRequest request) {
            budgets.add(request.targetWords());
            int wanted = (int) Math.round(request.targetWords() * overshoot / granularity) * granularity;
            int words = Math.min(poolWords, Math.max(granularity, wanted));
            List<Turn> turns = new ArrayList<>();
            for (int start = 0; start < words; start += 10) {
                StringBuilder text = new StringBuilder(rewordsEachDraft ? "draft" + letters(request.targetWords()) + " " : "");
                for (int w = start; w < Math.min(words, start + 10); w++) {
                    text.append("word").append(letters(w)).append(' ');
                }
                turns.add(new Turn(request.speakers().get(turns.size() % request.speakers().size()), text.toString()));
            }
            List<Segment> segments = List.of(new Segment("Opening", 0), new Segment("Middle", turns.size() / 2));
            return new Script("Pool episode", request.style(), turns, segments,
                    Math.round(request.targetWords() * overshoot) > poolWords);
        }
    }

    /** Plans speech plus 0.4 s after every turn; writes small placeholder files. */
    static final class PlanningEncoder implements EpisodeEncoder {

        static final double PAUSE_SECONDS = 0.4;
        final AtomicInteger encodes = new AtomicInteger();

        @Override
        public double plannedDurationSeconds(List<SpokenTurn> turns, List<Segment> segments, double pauseScale) {
            return turns.stream().mapToDouble(t -> t.audio().durationSeconds() + PAUSE_SECONDS * pauseScale).sum();
        }

        @Override
        public EncodedEpisode encode(List<SpokenTurn> turns, EpisodeMetadata metadata, Path dir, String baseName) {
            encodes.incrementAndGet();
            try {
                Path mp3 = Files.write(dir.resolve(baseName + ".mp3"), new byte[]{(byte) 0xFF, (byte) 0xFB, 1, 2});
                Path vtt = Files.writeString(dir.resolve(baseName + ".vtt"), "WEBVTT\n");
                Path chapters = Files.writeString(dir.resolve(baseName + ".chapters.json"), "{}");
                return new EncodedEpisode(mp3, vtt, chapters,
                        plannedDurationSeconds(turns, metadata.segments(), metadata.pauseScale()),
                        -16, -1.5, 4, Map.of("master", 7L, "encode", 11L));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Returns one section of {@code words} words per URL. */
    static SourceFetcher fetcherOf(int words) {
        return url -> document(url.toString(), words);
    }

    static SourceDocument document(String origin, int words) {
        return new SourceDocument(origin, "Title of " + origin, List.of(new SourceDocument.Section(null,
                List.of("lorem ".repeat(words).strip()))));
    }

    static RenderRequest request(List<URI> urls, int minutes, String style) {
        return new RenderRequest(urls, List.of(), null, "en", minutes, style, Map.of(), null, null, Map.of(), null);
    }

    /** {@code n} in letters (0 → "a", 27 → "bb"): words without digits, which speech normalization leaves alone. */
    static String letters(int n) {
        StringBuilder out = new StringBuilder();
        int value = n;
        do {
            out.append((char) ('a' + value % 26));
            value /= 26;
        } while (value > 0);
        return out.toString();
    }
}
