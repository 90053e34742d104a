package dev.podloom.pricing;

import dev.podloom.shared.TokenType;
import dev.podloom.testsupport.TestRules;
import org.junit.jupiter.api.Test;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EngineMultiplierTest {

    static Pricing pricing(String openAiMultiplier) throws IOException {
        String file = TestRules.withChanges(Map.of("  openai:\n    multiplier: 1.0", "  openai:\n    multiplier: " + openAiMultiplier));
        try (InputStream in = new FileInputStream(file)) {
            return new Pricing(PricingRulesLoader.parse(in, file));
        }
    }

    @Test
    void anEnginesMultiplierScalesTheSubtotalAndSaysSoInTheFormula() throws IOException {
        Pricing pricing = pricing("1.5");

        CostQuote plain = pricing.quote(QuoteRequest.podcast(10, 1, 2, false).withEngine("flite"), TokenType.PROD, "pro");
        CostQuote openai = pricing.quote(QuoteRequest.podcast(10, 1, 2, false).withEngine("openai"), TokenType.PROD, "pro");

        assertThat(plain.breakdown().subtotalBeforeCap()).isEqualTo(36);
        assertThat(openai.breakdown().subtotalBeforeCap()).isEqualTo(54);
        assertThat(openai.breakdown().engineMultiplier()).isEqualByComparingTo("1.5");
        assertThat(openai.formula()).contains("x 1.5 (openai)");
        assertThat(plain.formula()).doesNotContain("openai");
    }

    @Test
    void theShippedRulesPriceEveryEngineAlike() {
        Pricing pricing = new Pricing(PricingRulesLoader.loadBundled());

        assertThat(pricing.quote(QuoteRequest.podcast(10, 1, 2, false).withEngine("openai"), TokenType.PROD, "pro"))
                .isEqualTo(pricing.quote(QuoteRequest.podcast(10, 1, 2, false), TokenType.PROD, "pro"));
    }

    @Test
    void scriptsSpeakNothingSoNoEngineMultiplierApplies() throws IOException {
        Pricing pricing = pricing("3");
        var script = new QuoteRequest(QuoteRequest.Kind.SCRIPT, java.math.BigDecimal.TEN, 1, 2, false, "openai");

        assertThat(pricing.quote(script, TokenType.PROD, "pro").breakdown().engineMultiplier()).isEqualByComparingTo("1");
    }
}
