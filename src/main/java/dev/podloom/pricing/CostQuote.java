package dev.podloom.pricing;

import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;

/** A priced request, in the exact shape of the Podhoc estimate-cost response. */
@Serdeable
public record CostQuote(int baseCredits, BigDecimal creditMultiplier, int finalCredits, Breakdown breakdown,
                        String formula) {

    /**
     * @param capApplied the cap that lowered the price, or null when the price was under it
     */
    @Serdeable
    public record Breakdown(int baseCost, int multiSourceBonus, int customWeightsBonus, BigDecimal voiceMultiplier,
                            int subtotalBeforeCap, Integer capApplied, int tierMaxCost, BigDecimal engineMultiplier) {

        public Breakdown(int baseCost, int multiSourceBonus, int customWeightsBonus, BigDecimal voiceMultiplier,
                         int subtotalBeforeCap, Integer capApplied, int tierMaxCost) {
            this(baseCost, multiSourceBonus, customWeightsBonus, voiceMultiplier, subtotalBeforeCap, capApplied,
                    tierMaxCost, BigDecimal.ONE);
        }
    }
}
