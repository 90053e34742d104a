package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.testsupport.ExternalTool;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EpisodeMp3WriterTest {

    private static final int RATE = 24_000;
    private static final byte[] NO_TAG = new byte[0];

    @Test
    void writesAChainOfValidMono24kHz64kbpsFramesCoveringEverySample(@TempDir Path dir) {
        EpisodeProgram program = program(List.of(10.0));

        EpisodeMp3Writer.Written written = write(new Mp3Backend.Jump3r(), program, dir, 1);
        Mp3Frames frames = Mp3Frames.scan(read(dir.resolve("out.mp3")), 0);

        assertThat(frames).isEqualTo(written.frames());
        assertThat(frames.sampleRate()).isEqualTo(RATE);
        assertThat(frames.bitrateKbps()).isEqualTo(64);
        assertThat(frames.mono()).isTrue();
        assertThat((frames.frames() - 1) * 576L).isBetween((long) program.totalSamples(), program.totalSamples() + 5 * 576L);
    }

    @Test
    void aCutStreamIsRejected(@TempDir Path dir) {
        write(new Mp3Backend.Jump3r(), program(List.of(1.0)), dir, 1);
        byte[] mp3 = read(dir.resolve("out.mp3"));

        assertThatThrownBy(() -> Mp3Frames.scan(java.util.Arrays.copyOf(mp3, mp3.length - 10), 0))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> Mp3Frames.scan(new byte[]{'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0}, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cutsPiecesOnlyInsideTheSilenceBetweenTurnsAndDropsExactlyWhatDecodingAddsBack() {
        EpisodeTimeline timeline = program(turnLengths(50)).timeline();

        List<EpisodeMp3Writer.Piece> pieces = EpisodeMp3Writer.pieces(timeline, 3);

        assertThat(pieces).hasSize(3);
        assertThat(pieces.getFirst().from()).isZero();
        assertThat(pieces.getLast().to()).isEqualTo(timeline.totalSamples());
        for (int p = 1; p < pieces.size(); p++) {
            EpisodeMp3Writer.Piece before = pieces.get(p - 1);
            EpisodeMp3Writer.Piece after = pieces.get(p);
            assertThat(after.from() - before.to()).isEqualTo(EpisodeMp3Writer.dropped(before.to() - before.from()));
            assertThat(after.firstTurn()).isEqualTo(before.endTurn());
            int lastSpeech = timeline.turnStart(before.endTurn() - 1) + timeline.turnLength(before.endTurn() - 1);
            assertThat(before.to()).isGreaterThanOrEqualTo(lastSpeech + 2 * 576);
            assertThat(after.from() + 2 * 576).isLessThanOrEqualTo(timeline.turnStart(after.firstTurn()));
        }
    }

    @ParameterizedTest(name = "first turn of {0} s")
    @ValueSource(doubles = {1.0, 1.001, 1.0154, 1.0417, 1.2, 1.3333, 1.77})
    void piecewiseEncodingHasTheFramesOfOneWholeEncode(double firstTurn, @TempDir Path dir) throws Exception {
        // Where the cut falls relative to frame boundaries varies with the turn lengths; for some lengths
        // LAME's flush ends a frame later than modelled, and the writer must still produce the whole file.
        List<Double> lengths = new ArrayList<>(turnLengths(20));
        lengths.set(0, firstTurn);
        EpisodeProgram program = program(lengths);
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));

        long pieces = write(new Mp3Backend.Jump3r(), program, dir.resolve("a"), 3).frames().frames();
        long whole = write(new Mp3Backend.Jump3r(), program, dir.resolve("b"), 1).frames().frames();

        assertThat(pieces).isEqualTo(whole);
    }

    @Test
    void audioWithoutLongEnoughSilenceIsEncodedInOnePiece() {
        assertThat(EpisodeMp3Writer.pieces(program(List.of(100.0)).timeline(), 4)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jump3r", "lame"})
    @RequiresTool({"ffmpeg", "lame"})
    void piecesEncodedInParallelDecodeGaplessOnTheOriginalTimelineAtTheInputLevel(String encoder, @TempDir Path dir)
            throws Exception {
        Mp3Backend backend = encoder.equals("lame") ? new Mp3Backend.NativeLame(onPath("lame"))
                : new Mp3Backend.Jump3r();
        EpisodeProgram program = program(turnLengths(50));
        write(backend, program, dir, 3);
        ExternalTool.run("ffmpeg", "-v", "error", "-i", dir.resolve("out.mp3").toString(), dir.resolve("out.wav").toString());

        float[] decoded = TestAudio.readWav(dir.resolve("out.wav")).samples();
        float[] reference = render(program);

        assertThat(decoded).hasSize(reference.length);
        for (int second : new int[]{5, 40, 95}) {
            assertThat(bestLag(reference, decoded, second * RATE)).as("lag at %d s", second).isZero();
        }
        assertThat(rmsDb(decoded)).isCloseTo(rmsDb(reference), within(0.15));
    }

    /** Turns of 1.7 s tone; the timeline puts its pauses between them. */
    private static List<Double> turnLengths(int turns) {
        List<Double> lengths = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            lengths.add(1.7);
        }
        return lengths;
    }

    private static EpisodeProgram program(List<Double> seconds) {
        List<SpokenTurn> turns = new ArrayList<>();
        for (int i = 0; i < seconds.size(); i++) {
            turns.add(new SpokenTurn(i % 2 == 0 ? "Ada" : "Ben", "…",
                    new AudioClip(TestAudio.sine(330, 0.3, seconds.get(i), RATE), RATE)));
        }
        EpisodeTimeline timeline = new EpisodeAssembler(RATE).plan(turns, List.of());
        return new EpisodeProgram(timeline, turns.stream().map(SpokenTurn::audio).toList());
    }

    private static EpisodeMp3Writer.Written write(Mp3Backend backend, EpisodeProgram program, Path dir, int pieces) {
        return new EpisodeMp3Writer(backend, 64).write(program,
                new LoudnessMaster.Mastering(1, 0, 1, RATE, null), NO_TAG, dir.resolve("out.mp3"), dir, pieces);
    }

    private static float[] render(EpisodeProgram program) {
        float[] episode = new float[program.totalSamples()];
        int[] position = {0};
        program.walk(new EpisodeProgram.Walker() {
            @Override
            public void turn(int index, float[] speech) {
                System.arraycopy(speech, 0, episode, position[0], speech.length);
                position[0] += speech.length;
            }

            @Override
            public void silence(int samples) {
                position[0] += samples;
            }
        });
        return episode;
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return Path.of(dir, command);
            }
        }
        throw new IllegalStateException(command + " is not on PATH");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int bestLag(float[] reference, float[] decoded, int at) {
        int best = Integer.MIN_VALUE;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int lag = -40; lag <= 40; lag++) {
            double correlation = 0;
            for (int i = at; i < at + 2_000; i++) {
                correlation += reference[i] * decoded[i + lag];
            }
            if (correlation > bestCorrelation) {
                bestCorrelation = correlation;
                best = lag;
            }
        }
        return best;
    }

    private static double rmsDb(float[] samples) {
        double sum = 0;
        for (float s : samples) {
            sum += s * s;
        }
        return 10 * Math.log10(sum / samples.length);
    }
}
