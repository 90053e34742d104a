package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;

/**
 * One turn's speech, trimmed of the silence at its edges and at the episode's sample rate, wherever it is
 * kept: on disk in a {@link SpeechSpool} while an episode renders, or in memory for short-lived uses
 * (length predictions, tests). Encoders read a turn only when they reach it, so an episode's audio is never
 * held in memory as a whole.
 */
public interface TurnAudio {

    /** Length of the trimmed speech in samples at {@link Mp3EpisodeEncoder#SAMPLE_RATE}. */
    int length();

    /** The trimmed speech at the episode rate: {@link #length()} samples. */
    float[] read();

    default double durationSeconds() {
        return (double) length() / Mp3EpisodeEncoder.SAMPLE_RATE;
    }

    /** A clip kept in memory; trimmed and converted to the episode rate when read. */
    static TurnAudio of(AudioClip clip) {
        return new InMemory(clip);
    }

    /**
     * Speech of a given length with no samples behind it, for planning an episode's length before anything is
     * synthesized; reads as silence.
     */
    static TurnAudio planned(double seconds) {
        int length = (int) Math.round(Math.max(0, seconds) * Mp3EpisodeEncoder.SAMPLE_RATE);
        return new TurnAudio() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public float[] read() {
                return new float[length];
            }
        };
    }

    /** In-memory turn audio: length from the clip's speech range, samples converted on each read. */
    final class InMemory implements TurnAudio {

        private final AudioClip clip;
        private final int from;
        private final int to;

        InMemory(AudioClip clip) {
            this.clip = clip;
            int[] speech = EpisodeAssembler.speechRange(clip);
            this.from = speech[0];
            this.to = speech[1];
        }

        @Override
        public int length() {
            return Resampler.outputLength(to - from, clip.sampleRate(), Mp3EpisodeEncoder.SAMPLE_RATE);
        }

        @Override
        public float[] read() {
            return Resampler.resample(clip.samples(), from, to, clip.sampleRate(), Mp3EpisodeEncoder.SAMPLE_RATE);
        }
    }
}
