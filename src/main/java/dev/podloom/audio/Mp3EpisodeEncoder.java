package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * The episode encoder: assembles turns with natural pauses, masters to −16 LUFS integrated with true peak
 * ≤ −1 dBTP (Apple Podcasts' recommendation, also used for mono here so episodes match stereo shows in level),
 * and writes a tagged MP3 with chapters, a WebVTT transcript and Podcasting 2.0 JSON chapters.
 *
 * <p>Output is mono, 24 kHz, 64 kbps CBR MP3: speech carries almost nothing above the 12 kHz this keeps,
 * 64 kbps is ample for one voice at this rate, CBR gives exact seeking and byte-accurate durations in
 * every player, and an hour costs ~29 MB.
 *
 * <p>Stateless and thread-safe; injected as a singleton, or built with {@code new Mp3EpisodeEncoder()} by
 * tools that run without dependency injection. {@code stageMillis}: {@code master} covers assembly and
 * loudness, {@code encode} covers MP3 encoding and writing the three files. The reported true peak is the
 * mastered PCM's, {@link #CODEC_HEADROOM_DB} under the −1 dBTP ceiling.
 */
@Singleton
public class Mp3EpisodeEncoder implements EpisodeEncoder {

    static final int SAMPLE_RATE = 24_000;
    static final int BITRATE_KBPS = 64;
    static final double TARGET_LUFS = -16;
    static final double TRUE_PEAK_CEILING_DBTP = -1;
    /**
     * MP3 at 64 kbps reshapes the waveform: decoded peaks measured up to 1.1 dB above the PCM's (the buzzy
     * excitation of the pure-Java FreeTTS voices after the codec's low-pass; flite voices overshoot ~0.6 dB).
     * Mastering the PCM to −2.5 dBTP keeps the published file under −1 dBTP with margin (AES TD1008 advises
     * such a margin for low bit rates); ffmpeg's ebur128 on the MP3 checks it in the tests and benchmarks.
     */
    static final double CODEC_HEADROOM_DB = 1.5;
    private static final String ARTIST = "Podloom";

    private final EpisodeAssembler assembler = new EpisodeAssembler(SAMPLE_RATE);
    private final LoudnessMaster master = new LoudnessMaster(TARGET_LUFS,
            TRUE_PEAK_CEILING_DBTP - CODEC_HEADROOM_DB);
    private final Mp3Backend backend;
    private final EpisodeMp3Writer writer;

    /** Encodes with the native {@code lame} when installed, else jump3r ({@code PODLOOM_MP3_ENCODER} decides). */
    @jakarta.inject.Inject
    public Mp3EpisodeEncoder() {
        this(Mp3Backend.fromEnvironment());
    }

    Mp3EpisodeEncoder(Mp3Backend backend) {
        this.backend = backend;
        this.writer = new EpisodeMp3Writer(backend, BITRATE_KBPS);
    }

    /** Which MP3 encoder runs, for logs and reports. */
    public String encoderDescription() {
        return backend.description();
    }

    @Override
    public double plannedDurationSeconds(List<SpokenTurn> turns, List<Segment> segments, double pauseScale) {
        return assembler.plan(turns, segments, pauseScale).durationSeconds();
    }

    @Override
    public EncodedEpisode encode(List<SpokenTurn> turns, EpisodeMetadata metadata, Path dir, String baseName) {
        if (turns.isEmpty()) {
            throw new IllegalArgumentException("An episode needs at least one turn");
        }
        long started = System.nanoTime();
        EpisodeTimeline timeline = assembler.plan(turns, metadata.segments(), metadata.pauseScale());
        // A show's intro, outro and bed (ShowMix): the speech moves by the intro and is mastered under the bed.
        ShowMix show = ShowMix.load(metadata.showAudio(), SAMPLE_RATE, TARGET_LUFS,
                TRUE_PEAK_CEILING_DBTP - CODEC_HEADROOM_DB);
        if (show != null) {
            timeline = timeline.framed(show.leadSamples(), show.tailSamples());
        }
        EpisodeProgram program = new EpisodeProgram(timeline, turns.stream().map(SpokenTurn::audio).toList());
        LoudnessMaster.Mastering mastering = show == null ? master.master(program)
                : new LoudnessMaster(TARGET_LUFS, show.speechCeilingDbtp()).master(program);
        ShowMix.Mixed mixed = show == null ? null : show.plan(program, mastering);
        LoudnessMaster.Result result = mixed == null ? mastering.result() : mixed.result();
        long mastered = System.nanoTime();

        byte[] tag = Id3v2TagWriter.write(tag(metadata, timeline, backend));
        try {
            Files.createDirectories(dir);
            Path mp3 = dir.resolve(baseName + ".mp3");
            Path transcript = dir.resolve(baseName + ".vtt");
            Path chapters = dir.resolve(baseName + ".chapters.json");
            Path temporary = Files.createTempFile(dir, mp3.getFileName().toString(), ".part");
            try {
                int processors = Runtime.getRuntime().availableProcessors();
                EpisodeMp3Writer.Written written = mixed != null ? writer.write(mixed, tag, temporary, dir)
                        : writer.write(program, mastering, tag, temporary, dir, processors);
                verify(written.frames(), timeline.totalSamples());
                Files.move(temporary, mp3, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                writeAtomically(transcript, WebVttTranscript.render(turns, timeline).getBytes(StandardCharsets.UTF_8));
                writeAtomically(chapters, ChaptersJson.render(timeline).getBytes(StandardCharsets.UTF_8));
                long encoded = System.nanoTime();
                return new EncodedEpisode(mp3, transcript, chapters, timeline.durationSeconds(),
                        result.integratedLufs(), result.truePeakDbtp(), written.bytes(),
                        Map.of("master", (mastered - started) / 1_000_000, "encode", (encoded - mastered) / 1_000_000));
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write episode files to " + dir, e);
        }
    }

    private static Id3v2TagWriter.Tag tag(EpisodeMetadata metadata, EpisodeTimeline timeline, Mp3Backend backend) {
        String settings = backend.description() + ", " + BITRATE_KBPS + " kbps CBR, mono, " + SAMPLE_RATE + " Hz";
        List<Id3v2TagWriter.Chapter> chapters = timeline.chapters().stream()
                .map(c -> new Id3v2TagWriter.Chapter(c.title(), timeline.millis(c.startSample()),
                        timeline.millis(c.endSample())))
                .toList();
        return new Id3v2TagWriter.Tag(metadata.title(), metadata.show(), ARTIST, metadata.comment(),
                timeline.millis(timeline.totalSamples()), settings, ARTIST, chapters);
    }

    /** Refuses to publish a stream a player would reject or cut short. */
    private static void verify(Mp3Frames frames, long pcmSamples) {
        if (frames.sampleRate() != SAMPLE_RATE || frames.bitrateKbps() != BITRATE_KBPS || !frames.mono()
                || frames.samples() < pcmSamples) {
            throw new IllegalStateException("MP3 encoder produced " + frames + " for " + pcmSamples + " samples");
        }
    }

    /** Readers never see a half-written file: write beside the target, then rename over it. */
    private static void writeAtomically(Path target, byte[]... parts) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            try (var out = Files.newOutputStream(temporary)) {
                for (byte[] part : parts) {
                    out.write(part);
                }
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
