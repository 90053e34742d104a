package dev.podloom.pricing;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/**
 * The price of a whole series: its plan (priced as a script of one episode's length) plus {@code episodes} podcasts,
 * each priced by {@link Pricing#quote} exactly as a podcast of the same request would be. The charges a series
 * makes are these same quotes: the plan when it is written, each episode when its podcast starts.
 *
 * @param finalCredits {@code plan.final_credits + episodes × episode.final_credits}
 */
@Serdeable
public record SeriesQuote(String kind, int episodes, CostQuote plan, CostQuote episode, BigDecimal creditMultiplier,
                          long finalCredits, String formula) {

    /** What the plan is priced as: a script as long as one episode. */
    public static QuoteRequest planRequest(QuoteRequest episode) {
        return new QuoteRequest(QuoteRequest.Kind.SCRIPT, episode.durationMinutes(), episode.sourceCount(),
                episode.voiceCount(), false);
    }
}
