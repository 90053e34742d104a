package dev.podloom.pricing;

import java.math.BigDecimal;

/**
 * What is priced. {@code kind} is {@link Kind#PODCAST} for audio, {@link Kind#SCRIPT} for a script only.
 *
 * @param durationMinutes target length, already validated to the rules' range
 * @param engine          the speech engine id that will speak (its multiplier applies), or null for none
 */
public record QuoteRequest(Kind kind, BigDecimal durationMinutes, int sourceCount, int voiceCount,
                           boolean customWeights, String engine) {

    public QuoteRequest(Kind kind, BigDecimal durationMinutes, int sourceCount, int voiceCount, boolean customWeights) {
        this(kind, durationMinutes, sourceCount, voiceCount, customWeights, null);
    }

    public QuoteRequest withEngine(String engineId) {
        return new QuoteRequest(kind, durationMinutes, sourceCount, voiceCount, customWeights, engineId);
    }

    public enum Kind { PODCAST, SCRIPT }

    public static QuoteRequest podcast(int minutes, int sources, int voices, boolean customWeights) {
        return new QuoteRequest(Kind.PODCAST, BigDecimal.valueOf(minutes), sources, voices, customWeights);
    }
}
