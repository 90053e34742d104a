package dev.podloom.pipeline;

/** Mono PCM audio as floats in [-1, 1]. */
public record AudioClip(float[] samples, int sampleRate) {

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
