package dev.podloom.audio;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.ShowAudio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A show's intro, outro and music bed around and under an episode's speech.
 *
 * <p>Layout: the intro, then (with a bed) {@link #BED_LEAD_SECONDS} of bed alone, the speech with its usual pauses,
 * {@link #BED_TAIL_SECONDS} of bed alone, then the outro. The bed fades in after the intro and out before the outro,
 * and loops (with a short crossfade at the seam) for as long as the speech lasts.
 *
 * <p>Levels: the intro and the outro are each mastered to the episode's loudness target under its true-peak
 * ceiling. The bed sits {@link #BED_OPEN_DB} under the speech target where nobody speaks and ducks to
 * {@link #BED_DUCKED_DB} under it while someone does: a sidechain driven by the timeline itself, so the fade down
 * (attack, {@link #DUCK_ATTACK_SECONDS}) ends exactly when a turn starts and the fade up (release,
 * {@link #DUCK_RELEASE_SECONDS}) begins when it ends. Speech is mastered under the ceiling less the ducked bed's
 * peak, so speech plus bed cannot pass the ceiling; a last measuring pass over the whole mix trims it onto the
 * loudness target (never over the ceiling).
 *
 * <p>Memory: the decoded intro, outro and one loop of the bed (each at most a few minutes, at the episode rate);
 * the speech streams from the spool turn by turn as before.
 */
final class ShowMix {

    static final double BED_OPEN_DB = -14;
    static final double BED_DUCKED_DB = -26;
    static final double DUCK_ATTACK_SECONDS = 0.15;
    static final double DUCK_RELEASE_SECONDS = 0.5;
    static final double BED_LEAD_SECONDS = 2.0;
    static final double BED_TAIL_SECONDS = 2.0;
    static final double BED_FADE_IN_SECONDS = 1.0;
    static final double BED_FADE_OUT_SECONDS = 1.5;
    private static final double LOOP_CROSSFADE_SECONDS = 0.05;
    /** The bed alone never peaks above this fraction of the ceiling, whatever its crest factor. */
    private static final double BED_PEAK_SHARE = 0.5;
    /** Stay this far under the ceiling when trimming (rounding to 16 bits). */
    private static final double CEILING_MARGIN_DB = 0.05;
    private static final int CHUNK = 8192;
    /** Stored show audio is validated at upload; this only bounds a damaged file. */
    private static final double MAX_STORED_SECONDS = 3600;

    /** Receives the mixed episode in order. */
    interface Sink {
        void write(float[] samples, int length);
    }

    private final int rate;
    private final double targetLufs;
    private final double ceilingDbtp;
    private final float[] intro;
    private final float[] outro;
    /** One loop of the bed at unit gain, or null without a bed. */
    private final float[] bedLoop;
    private final double bedOpen;
    private final double bedDucked;
    private final double bedPeak;

    private ShowMix(int rate, double targetLufs, double ceilingDbtp, float[] intro, float[] outro, float[] bed) {
        this.rate = rate;
        this.targetLufs = targetLufs;
        this.ceilingDbtp = ceilingDbtp;
        this.intro = intro;
        this.outro = outro;
        double bedLufs = bed == null ? LoudnessMeter.SILENCE_LUFS : LoudnessMeter.integratedLufs(bed, rate);
        if (bed == null || Double.isInfinite(bedLufs)) {
            bedLoop = null;
            bedOpen = 0;
            bedDucked = 0;
            bedPeak = 0;
            return;
        }
        bedLoop = loop(bed, (int) Math.round(LOOP_CROSSFADE_SECONDS * rate));
        double peak = LoudnessMeter.truePeak(bedLoop);
        double open = decibels(targetLufs + BED_OPEN_DB - bedLufs);
        open = Math.min(open, BED_PEAK_SHARE * decibels(ceilingDbtp) / peak);
        bedOpen = open;
        bedDucked = open * decibels(BED_DUCKED_DB - BED_OPEN_DB);
        bedPeak = peak;
    }

    /**
     * The mix for {@code audio} at {@code rate}, or null when the show has none of the three.
     *
     * @throws PipelineException {@code RENDER_FAILED} when a stored file cannot be read
     */
    static ShowMix load(ShowAudio audio, int rate, double targetLufs, double ceilingDbtp) {
        if (audio == null || audio.isEmpty()) {
            return null;
        }
        float[] intro = read(audio.intro(), rate);
        float[] outro = read(audio.outro(), rate);
        float[] bed = audio.bed() == null ? null : read(audio.bed(), rate);
        return of(rate, targetLufs, ceilingDbtp, intro, outro, bed);
    }

    /** The mix of decoded audio at {@code rate} (empty intro or outro: none; null bed: none). */
    static ShowMix of(int rate, double targetLufs, double ceilingDbtp, float[] intro, float[] outro, float[] bed) {
        return new ShowMix(rate, targetLufs, ceilingDbtp, master(intro, rate, targetLufs, ceilingDbtp),
                master(outro, rate, targetLufs, ceilingDbtp), bed);
    }

    private static float[] read(Path file, int rate) {
        if (file == null) {
            return new float[0];
        }
        try {
            return AudioFiles.decode(Files.readAllBytes(file), MAX_STORED_SECONDS, rate).samples();
        } catch (IOException | AudioFiles.UnreadableAudioException | AudioFiles.TooLongException e) {
            throw new PipelineException(FailureCode.RENDER_FAILED, "The show's audio " + file.getFileName()
                    + " could not be read", e);
        }
    }

    /** Brings an intro or outro to the loudness target under the ceiling, as speech is mastered. */
    private static float[] master(float[] samples, int rate, double targetLufs, double ceilingDbtp) {
        if (samples.length == 0) {
            return samples;
        }
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{samples.length}, List.of("show"), List.of(), rate);
        EpisodeProgram program = new EpisodeProgram(timeline, List.of(inMemory(samples)));
        LoudnessMaster.Mastering mastering = new LoudnessMaster(targetLufs, ceilingDbtp).master(program);
        return mastering.apply(samples.clone());
    }

    private static TurnAudio inMemory(float[] samples) {
        return new TurnAudio() {
            @Override
            public int length() {
                return samples.length;
            }

            @Override
            public float[] read() {
                return samples.clone();
            }
        };
    }

    /** One loop of the bed: its last {@code fade} samples crossfaded into its first, so the seam does not click. */
    private static float[] loop(float[] bed, int fade) {
        if (bed.length < 4 * fade) {
            return bed.clone();
        }
        float[] loop = Arrays.copyOf(bed, bed.length - fade);
        int tail = bed.length - fade;
        for (int i = 0; i < fade; i++) {
            double in = (double) i / fade;
            loop[i] = (float) (bed[i] * in + bed[tail + i] * (1 - in));
        }
        return loop;
    }

    boolean hasBed() {
        return bedLoop != null;
    }

    /** Samples before the speech's timeline: the intro and the bed's lead. */
    int leadSamples() {
        return intro.length + (hasBed() ? seconds(BED_LEAD_SECONDS) : 0);
    }

    /** Samples after the speech's timeline: the bed's tail and the outro. */
    int tailSamples() {
        return (hasBed() ? seconds(BED_TAIL_SECONDS) : 0) + outro.length;
    }

    /**
     * The true-peak ceiling for the speech: the episode's ceiling less what the ducked bed can add under it, so the
     * sum stays under the episode's ceiling (interpolation is linear: the true peak of a sum is at most the sum).
     */
    double speechCeilingDbtp() {
        double room = decibels(ceilingDbtp) - bedPeak * bedDucked;
        return 20 * Math.log10(room);
    }

    /** The bed's gain where nobody speaks and while someone does, relative to the bed as uploaded. */
    double[] bedGains() {
        return new double[]{bedOpen, bedDucked};
    }

    /**
     * Measures the whole mix (speech as {@code mastering} leaves it) and returns how to write it: a trim that puts it
     * on the loudness target without passing the ceiling, and the loudness and true peak it then has.
     */
    Mixed plan(EpisodeProgram program, LoudnessMaster.Mastering mastering) {
        LoudnessMeter.Integrator integrator = new LoudnessMeter.Integrator(rate);
        double[] peak = {0};
        stream(program, mastering, 1, (samples, length) -> {
            float[] block = length == samples.length ? samples : Arrays.copyOf(samples, length);
            for (float s : block) {
                integrator.add(s);
            }
            peak[0] = Math.max(peak[0], LoudnessMeter.truePeak(block));
        });
        double lufs = integrator.integratedLufs();
        double peakDb = 20 * Math.log10(peak[0]);
        if (Double.isInfinite(lufs)) {
            return new Mixed(program, mastering, 1, new LoudnessMaster.Result(lufs, peakDb));
        }
        double trimDb = Math.min(targetLufs - lufs, ceilingDbtp - CEILING_MARGIN_DB - peakDb);
        return new Mixed(program, mastering, decibels(trimDb),
                new LoudnessMaster.Result(lufs + trimDb, peakDb + trimDb));
    }

    /** A planned mix: stream it with {@link #write}. */
    final class Mixed {
        private final EpisodeProgram program;
        private final LoudnessMaster.Mastering mastering;
        private final double trim;
        private final LoudnessMaster.Result result;

        private Mixed(EpisodeProgram program, LoudnessMaster.Mastering mastering, double trim,
                      LoudnessMaster.Result result) {
            this.program = program;
            this.mastering = mastering;
            this.trim = trim;
            this.result = result;
        }

        EpisodeProgram program() {
            return program;
        }

        LoudnessMaster.Result result() {
            return result;
        }

        void write(Sink sink) {
            stream(program, mastering, trim, sink);
        }
    }

    /** The mixed episode, in order, to {@code sink}: speech mastered, intro, bed and outro added, all times trim. */
    private void stream(EpisodeProgram program, LoudnessMaster.Mastering mastering, double trim, Sink sink) {
        Cursor cursor = new Cursor(program.timeline(), (float) trim, sink);
        program.walk(new EpisodeProgram.Walker() {
            @Override
            public void turn(int index, float[] speech) {
                float[] mastered = mastering.apply(speech);
                cursor.emit(mastered, mastered.length);
            }

            @Override
            public void silence(int samples) {
                cursor.silence(samples);
            }
        });
    }

    /** Where the stream is, and what is added to the speech there. */
    private final class Cursor {
        private final EpisodeTimeline timeline;
        private final float trim;
        private final Sink sink;
        private final float[] chunk = new float[CHUNK];
        private final int bedFrom;
        private final int bedTo;
        private final int outroFrom;
        private final int attack = seconds(DUCK_ATTACK_SECONDS);
        private final int release = seconds(DUCK_RELEASE_SECONDS);
        private final int fadeIn = Math.max(1, seconds(BED_FADE_IN_SECONDS));
        private final int fadeOut = Math.max(1, seconds(BED_FADE_OUT_SECONDS));
        private long position;
        /** First turn whose release may still reach the position. */
        private int turn;

        Cursor(EpisodeTimeline timeline, float trim, Sink sink) {
            this.timeline = timeline;
            this.trim = trim;
            this.sink = sink;
            this.bedFrom = intro.length;
            this.outroFrom = timeline.totalSamples() - outro.length;
            this.bedTo = outroFrom;
        }

        void silence(int samples) {
            for (int left = samples; left > 0; left -= CHUNK) {
                int n = Math.min(CHUNK, left);
                Arrays.fill(chunk, 0, n, 0f);
                emit(chunk, n);
            }
        }

        void emit(float[] samples, int length) {
            for (int i = 0; i < length; i++) {
                samples[i] = (samples[i] + added((int) (position + i))) * trim;
            }
            position += length;
            sink.write(samples, length);
        }

        private float added(int at) {
            if (at < intro.length) {
                return intro[at];
            }
            if (at >= outroFrom) {
                return outro[at - outroFrom];
            }
            if (bedLoop == null) {
                return 0;
            }
            int intoBed = at - bedFrom;
            double fade = Math.min(1.0, Math.min((double) intoBed / fadeIn, (double) (bedTo - at) / fadeOut));
            double duck = duck(at);
            double gain = bedOpen + (bedDucked - bedOpen) * duck;
            return (float) (bedLoop[intoBed % bedLoop.length] * gain * fade);
        }

        /** 0 where the bed is open, 1 where it is fully ducked (within a turn), linear ramps between. */
        private double duck(int at) {
            int turns = timeline.turnCount();
            while (turn < turns && timeline.turnStart(turn) + timeline.turnLength(turn) + release <= at) {
                turn++;
            }
            double duck = 0;
            for (int i = turn; i < turns && timeline.turnStart(i) - attack <= at && duck < 1; i++) {
                int start = timeline.turnStart(i);
                int end = start + timeline.turnLength(i);
                double d;
                if (at < start) {
                    d = 1 - (double) (start - at) / attack;
                } else if (at < end) {
                    d = 1;
                } else {
                    d = 1 - (double) (at - end) / release;
                }
                duck = Math.max(duck, d);
            }
            return Math.clamp(duck, 0, 1);
        }
    }

    private int seconds(double seconds) {
        return (int) Math.round(seconds * rate);
    }

    private static double decibels(double db) {
        return Math.pow(10, db / 20);
    }
}
