package dev.podloom.pricing;

import dev.podloom.shared.TokenType;
import dev.podloom.testsupport.TestRules;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionPricingTest {

    private final Pricing shipped = new Pricing(PricingRulesLoader.loadBundled());

    @Test
    void aShortRevisionCostsTheRevisionMinimumTimesTheTokenMultiplier() {
        CostQuote quote = shipped.quote(QuoteRequest.revision(new BigDecimal("0.2"), "flite"), TokenType.PROD, "pro");

        assertThat(quote.baseCredits()).isEqualTo(5);
        assertThat(quote.finalCredits()).isEqualTo(13); // ceil(5 x 2.5)
        assertThat(quote.formula()).isEqualTo("max(5, ceil(0.2 x 2.5)) = 5 x multiplier = 13");
    }

    @Test
    void aLongRevisionIsPricedPerMinuteReSpokenWithNoSourceOrVoiceExtras() {
        CostQuote quote = shipped.quote(QuoteRequest.revision(new BigDecimal("4.1"), "flite"), TokenType.TEST, "pro");

        assertThat(quote.breakdown().baseCost()).isEqualTo(11); // ceil(4.1 x 2.5)
        assertThat(quote.breakdown().multiSourceBonus()).isZero();
        assertThat(quote.breakdown().voiceMultiplier()).isEqualByComparingTo("1");
        assertThat(quote.finalCredits()).isEqualTo(17); // ceil(11 x 1.5)
    }

    @Test
    void theEnginesMultiplierAppliesToARevisionAsToAPodcast() throws IOException {
        Pricing pricing = EngineMultiplierTest.pricing("2");

        CostQuote quote = pricing.quote(QuoteRequest.revision(new BigDecimal("3"), "openai"), TokenType.PROD, "pro");

        assertThat(quote.breakdown().subtotalBeforeCap()).isEqualTo(16); // ceil(max(5, ceil(7.5)) x 2)
        assertThat(quote.formula()).contains("x 2 (openai)");
    }

    @Test
    void theRevisionRuleIsReadFromTheRulesFileAndDefaultsWhenAnOlderFileHasNone() throws IOException {
        String cheaper = TestRules.withChanges(Map.of("revision:\n  minimum_credits: 5", "revision:\n  minimum_credits: 2"));
        try (InputStream in = new FileInputStream(cheaper)) {
            assertThat(PricingRulesLoader.parse(in, cheaper).revision().minimumCredits()).isEqualTo(2);
        }
        String bundled = Files.readString(Path.of("pricing-rules.yaml"));
        String withoutRevision = bundled.replaceAll("(?s)\nrevision:\n  minimum_credits: 5\n  credits_per_minute: 2.5\n", "\n");
        assertThat(withoutRevision).doesNotContain("revision:\n");
        PricingRules older = PricingRulesLoader.parse(new ByteArrayInputStream(
                withoutRevision.getBytes(StandardCharsets.UTF_8)), "older.yaml");
        assertThat(older.revision()).isEqualTo(PricingRules.RevisionPrices.DEFAULT);
    }
}
