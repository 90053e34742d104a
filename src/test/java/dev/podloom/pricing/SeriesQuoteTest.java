package dev.podloom.pricing;

import dev.podloom.shared.TokenType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesQuoteTest {

    private final Pricing pricing = new Pricing(PricingRulesLoader.loadBundled());

    @Test
    void aSeriesCostsItsPlanAsAScriptOfOneEpisodesLengthPlusEachEpisodeAsAPodcast() {
        QuoteRequest episode = QuoteRequest.podcast(30, 1, 2, false);

        SeriesQuote series = pricing.quoteSeries(episode, 3, TokenType.PROD, "pro");

        CostQuote plan = pricing.quote(new QuoteRequest(QuoteRequest.Kind.SCRIPT, BigDecimal.valueOf(30), 1, 2,
                false), TokenType.PROD, "pro");
        CostQuote each = pricing.quote(episode, TokenType.PROD, "pro");
        assertThat(series.plan()).isEqualTo(plan);
        assertThat(series.episode()).isEqualTo(each);
        assertThat(series.finalCredits()).isEqualTo(plan.finalCredits() + 3L * each.finalCredits());
        // 30 min script: max(5, 15) x 2.5 = 38; 30 min podcast with two voices: 75 x 1.2 = 90 x 2.5 = 225
        assertThat(series.finalCredits()).isEqualTo(38 + 3 * 225);
        assertThat(series.formula()).isEqualTo("plan 38 + 3 x episode 225 = 713");
    }

    @Test
    void eachEpisodeIsCappedLikeAnyPodcastButTheSeriesTotalIsNot() {
        SeriesQuote series = pricing.quoteSeries(QuoteRequest.podcast(120, 1, 2, false), 20, TokenType.PROD, "pro");

        assertThat(series.episode().finalCredits()).isEqualTo(500);
        assertThat(series.finalCredits()).isEqualTo(series.plan().finalCredits() + 20 * 500L);
    }

    @Test
    void aSeriesNeedsAPodcastRequestAndAtLeastOneEpisode() {
        assertThatThrownBy(() -> pricing.quoteSeries(QuoteRequest.podcast(5, 1, 2, false), 0, TokenType.PROD, "pro"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pricing.quoteSeries(new QuoteRequest(QuoteRequest.Kind.SCRIPT, BigDecimal.ONE, 1, 1,
                false), 2, TokenType.PROD, "pro")).isInstanceOf(IllegalArgumentException.class);
    }
}
