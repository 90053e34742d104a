package dev.podloom.pipeline;

/**
 * A voice one engine can speak with.
 *
 * @param id         stable public id used in {@code voice_config}, e.g. {@code flite-rms}
 * @param engine     engine id, e.g. {@code freetts}, {@code flite}, {@code espeak-ng}
 * @param language   BCP-47 language, e.g. {@code en}
 * @param gender     {@code male}, {@code female} or {@code neutral}
 * @param sampleRate native sample rate in Hz
 */
public record Voice(String id, String engine, String language, String gender, int sampleRate, String description) {
}
