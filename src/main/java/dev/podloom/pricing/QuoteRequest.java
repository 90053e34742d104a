package dev.podloom.pricing;

import java.math.BigDecimal;

/**
 * What is priced. {@code kind} is {@link Kind#PODCAST} for audio, {@link Kind#SCRIPT} for a script only,
 * {@link Kind#REVISION} for a revision of a podcast.
 *
 * @param durationMinutes target length, already validated to the rules' range (a revision: the minutes re-spoken)
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

    /** A podcast, a script only, or a revision of a podcast (priced on the minutes re-spoken). */
    public enum Kind { PODCAST, SCRIPT, REVISION }

    /** A revision of a podcast spoken by {@code engine} that re-speaks {@code respokenMinutes}. */
    public static QuoteRequest revision(BigDecimal respokenMinutes, String engine) {
        return new QuoteRequest(Kind.REVISION, respokenMinutes, 0, 1, false, engine);
    }

    public static QuoteRequest podcast(int minutes, int sources, int voices, boolean customWeights) {
        return new QuoteRequest(Kind.PODCAST, BigDecimal.valueOf(minutes), sources, voices, customWeights);
    }
}
