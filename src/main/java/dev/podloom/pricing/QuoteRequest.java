package dev.podloom.pricing;

import java.math.BigDecimal;

/**
 * What is priced. {@code kind} is {@link Kind#PODCAST} for audio, {@link Kind#SCRIPT} for a script only.
 *
 * @param durationMinutes target length, already validated to the rules' range
 */
public record QuoteRequest(Kind kind, BigDecimal durationMinutes, int sourceCount, int voiceCount,
                           boolean customWeights) {

    public enum Kind { PODCAST, SCRIPT }

    public static QuoteRequest podcast(int minutes, int sources, int voices, boolean customWeights) {
        return new QuoteRequest(Kind.PODCAST, BigDecimal.valueOf(minutes), sources, voices, customWeights);
    }
}
