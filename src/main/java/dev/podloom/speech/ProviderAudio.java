package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;

import java.util.List;

/**
 * Checks a provider's audio before it is used: it decodes, it is not silent, and its length is plausible for
 * its text (between 40 and 4 letters per second, with slack for short inputs). Anything else is
 * {@link FailureCode#TTS_BAD_AUDIO}, a transient failure: the same request usually succeeds next time.
 */
public final class ProviderAudio {

    /** −50 dBFS RMS: quieter is no speech. */
    static final double SILENCE_RMS = 0.003;
    static final double MAX_LETTERS_PER_SECOND = 40;
    static final double MIN_LETTERS_PER_SECOND = 4;
    static final double SLACK_SECONDS = 3;

    private ProviderAudio() {
    }

    /** Decodes a provider's WAV answer. */
    public static AudioClip decodeWav(String engine, byte[] wav) {
        AudioClip clip;
        try {
            clip = WavDecoder.decode(wav);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine + " returned audio that is not a 16-bit WAV: "
                    + e.getMessage(), e);
        }
        return clip;
    }

    /** Raw 16-bit little-endian mono PCM at {@code sampleRate}. */
    public static AudioClip decodePcm16(String engine, byte[] pcm, int sampleRate) {
        if (pcm.length % 2 != 0) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine + " returned an odd number of PCM bytes");
        }
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((pcm[2 * i] & 0xff) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return new AudioClip(samples, sampleRate);
    }

    /** The clip, if it is speech of a plausible length for {@code text}; else TTS_BAD_AUDIO. */
    public static AudioClip check(String engine, AudioClip clip, String text) {
        if (clip.samples().length == 0 || clip.sampleRate() <= 0) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine + " returned no audio");
        }
        double rms = rms(clip);
        if (rms < SILENCE_RMS) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine + " returned silence (RMS " + rms + ")");
        }
        int letters = VoiceCatalog.spokenCharacters(text);
        double seconds = clip.durationSeconds();
        double shortest = letters / MAX_LETTERS_PER_SECOND;
        double longest = letters / MIN_LETTERS_PER_SECOND + SLACK_SECONDS;
        if (seconds < shortest || seconds > longest) {
            throw new PipelineException(FailureCode.TTS_BAD_AUDIO, String.format(java.util.Locale.ROOT,
                    "%s returned %.1f s of audio for %d letters (plausible: %.1f–%.1f s)", engine, seconds, letters,
                    shortest, longest));
        }
        return clip;
    }

    /** Joins clips of one sample rate end to end. */
    public static AudioClip concat(String engine, List<AudioClip> clips) {
        if (clips.size() == 1) {
            return clips.getFirst();
        }
        int rate = clips.getFirst().sampleRate();
        int total = 0;
        for (AudioClip c : clips) {
            if (c.sampleRate() != rate) {
                throw new PipelineException(FailureCode.TTS_BAD_AUDIO, engine + " changed sample rate between chunks ("
                        + rate + " and " + c.sampleRate() + " Hz)");
            }
            total += c.samples().length;
        }
        float[] out = new float[total];
        int at = 0;
        for (AudioClip c : clips) {
            System.arraycopy(c.samples(), 0, out, at, c.samples().length);
            at += c.samples().length;
        }
        return new AudioClip(out, rate);
    }

    static double rms(AudioClip clip) {
        double sum = 0;
        for (float s : clip.samples()) {
            sum += s * s;
        }
        return Math.sqrt(sum / Math.max(1, clip.samples().length));
    }
}
