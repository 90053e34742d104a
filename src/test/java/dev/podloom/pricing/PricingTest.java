package dev.podloom.pricing;

import dev.podloom.shared.TokenType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PricingTest {

    private final Pricing pricing = new Pricing(PricingRulesLoader.loadBundled());

    @ParameterizedTest(name = "{0} min: base {1}, test {2}, prod {3}")
    @CsvSource({
            "5, 30, 45, 75",
            "10, 30, 45, 75",
            "30, 75, 113, 188",
            "45, 113, 170, 283",
            "60, 150, 225, 375",
            "90, 225, 338, 500",
            "120, 300, 450, 500",
    })
    void theSeedsDurationTableComesOutExactlyForOneSourceAndOneVoice(int minutes, int base, int test, int prod) {
        QuoteRequest request = QuoteRequest.podcast(minutes, 1, 1, false);

        CostQuote testQuote = pricing.quote(request, TokenType.TEST, "pro");
        CostQuote prodQuote = pricing.quote(request, TokenType.PROD, "pro");

        assertThat(testQuote.breakdown().baseCost()).isEqualTo(base);
        assertThat(testQuote.finalCredits()).isEqualTo(test);
        assertThat(prodQuote.finalCredits()).isEqualTo(prod);
    }

    @Test
    void theSeedsWorkedExampleMatchesFieldForField() {
        CostQuote quote = pricing.quote(QuoteRequest.podcast(30, 2, 2, false), TokenType.TEST, "pro");

        assertThat(quote.baseCredits()).isEqualTo(114);
        assertThat(quote.creditMultiplier()).isEqualByComparingTo("1.5");
        assertThat(quote.finalCredits()).isEqualTo(171);
        assertThat(quote.breakdown()).isEqualTo(new CostQuote.Breakdown(75, 20, 0, new BigDecimal("1.2"), 114, null, 500));
        assertThat(quote.formula()).isEqualTo("max(30, ceil(30 x 2.5)) + 20 x 1.2 = 114 x multiplier = 171");
    }

    @Test
    void customWeightsAddTenBeforeTheVoiceMultiplier() {
        CostQuote quote = pricing.quote(QuoteRequest.podcast(30, 2, 2, true), TokenType.PROD, "pro");

        assertThat(quote.breakdown().customWeightsBonus()).isEqualTo(10);
        assertThat(quote.baseCredits()).isEqualTo(126); // (75 + 20 + 10) × 1.2
        assertThat(quote.finalCredits()).isEqualTo(315); // 126 × 2.5
    }

    @Test
    void aPriceAboveTheCapIsCappedAndSaysSo() {
        CostQuote quote = pricing.quote(QuoteRequest.podcast(120, 1, 1, false), TokenType.PROD, "pro");

        assertThat(quote.finalCredits()).isEqualTo(500);
        assertThat(quote.breakdown().capApplied()).isEqualTo(500);
        assertThat(quote.formula()).endsWith("= 750 (capped at 500)");
    }

    @Test
    void aLowerTierCapsLower() {
        CostQuote quote = pricing.quote(QuoteRequest.podcast(60, 1, 2, false), TokenType.PROD, "free");

        assertThat(quote.breakdown().tierMaxCost()).isEqualTo(100);
        assertThat(quote.baseCredits()).isEqualTo(100);
        assertThat(quote.finalCredits()).isEqualTo(100);
    }

    @Test
    void aScriptCostsLessThanTheSamePodcast() {
        var script = new QuoteRequest(QuoteRequest.Kind.SCRIPT, BigDecimal.TEN, 2, 2, true);

        CostQuote quote = pricing.quote(script, TokenType.TEST, "pro");

        assertThat(quote.baseCredits()).isEqualTo(5);
        assertThat(quote.finalCredits()).isEqualTo(8);
        assertThat(quote.finalCredits()).isLessThan(
                pricing.quote(QuoteRequest.podcast(10, 2, 2, true), TokenType.TEST, "pro").finalCredits());
    }

    @Test
    void aFractionalDurationIsRoundedUpNotDown() {
        var request = new QuoteRequest(QuoteRequest.Kind.PODCAST, new BigDecimal("12.1"), 1, 1, false);

        assertThat(pricing.quote(request, TokenType.TEST, "pro").breakdown().baseCost()).isEqualTo(31);
    }

    @Test
    void aRulesFileWithAMistakeNamesTheKeyAtStartup() throws Exception {
        String yaml;
        try (var in = PricingTest.class.getResourceAsStream(PricingRulesLoader.BUNDLED_RESOURCE)) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("credit_multiplier: 1.5", "credit_multiplier: cheap");
        }

        assertThatThrownBy(() -> PricingRulesLoader.parse(
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "broken.yaml"))
                .hasMessageContaining("broken.yaml")
                .hasMessageContaining("token_types.test.credit_multiplier");
    }
}
