package dev.podloom.pricing;

import dev.podloom.shared.TokenType;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The pricing formula, as a pure function of the rules. The same {@link #quote} prices an
 * estimate and the actual charge, so the two can never disagree.
 *
 * <pre>
 * base     = max(minimum, ceil(minutes × per_minute))
 * subtotal = ceil((base + 20 if sources > 1 + 10 if custom weights) × 1.2 if voices > 1 × engine multiplier)
 * cap      = min(max_cost, tier_max_cost)
 * final    = min(cap, ceil(min(subtotal, cap) × token multiplier))
 * </pre>
 * Rounding up at each step reproduces the published tables (45 min: 113 base, 170 test, 283 prod).
 * A script uses the {@code script} minimum and rate; a revision the {@code revision} ones on the minutes it
 * re-speaks, with the engine multiplier and no bonuses.
 */
public final class Pricing {

    private final PricingRules rules;

    public Pricing(PricingRules rules) {
        this.rules = rules;
    }

    public PricingRules rules() {
        return rules;
    }

    public CostQuote quote(QuoteRequest request, TokenType tokenType, String tier) {
        boolean script = request.kind() == QuoteRequest.Kind.SCRIPT;
        boolean revision = request.kind() == QuoteRequest.Kind.REVISION;
        int minimum = script ? rules.script().minimumCredits()
                : revision ? rules.revision().minimumCredits() : rules.podcast().minimumCredits();
        BigDecimal perMinute = script ? rules.script().creditsPerMinute()
                : revision ? rules.revision().creditsPerMinute() : rules.podcast().creditsPerMinute();

        int durationCost = ceil(request.durationMinutes().multiply(perMinute));
        int baseCost = Math.max(minimum, durationCost);
        // Scripts have no voices and no per-source work worth a bonus: only length is priced.
        // A revision re-speaks turns of a podcast already paid for: only the minutes re-spoken (and the engine) count.
        boolean podcast = !script && !revision;
        int sourceBonus = podcast && request.sourceCount() > 1 ? rules.podcast().multiSourceBonus() : 0;
        int weightsBonus = podcast && request.customWeights() ? rules.podcast().customWeightsBonus() : 0;
        BigDecimal voiceMultiplier = podcast && request.voiceCount() > 1
                ? rules.podcast().multiVoiceMultiplier() : BigDecimal.ONE;
        // The speech engine's multiplier (pricing-rules.yaml speech_engines.<id>.multiplier, default 1): scripts speak nothing.
        BigDecimal engineMultiplier = script ? BigDecimal.ONE : rules.engineMultiplier(request.engine());
        int subtotal = ceil(BigDecimal.valueOf(baseCost + sourceBonus + weightsBonus).multiply(voiceMultiplier)
                .multiply(engineMultiplier));

        int tierMaxCost = rules.tierMaxCost(tier).orElse(rules.podcast().maxCost());
        int cap = Math.min(rules.podcast().maxCost(), tierMaxCost);
        int baseCredits = Math.min(subtotal, cap);
        BigDecimal multiplier = rules.forToken(tokenType).creditMultiplier();
        int uncappedFinal = ceil(BigDecimal.valueOf(baseCredits).multiply(multiplier));
        int finalCredits = Math.min(uncappedFinal, cap);
        Integer capApplied = subtotal > cap || uncappedFinal > cap ? cap : null;

        var breakdown = new CostQuote.Breakdown(baseCost, sourceBonus, weightsBonus, voiceMultiplier, subtotal,
                capApplied, tierMaxCost, engineMultiplier);
        String formula = formula(request, minimum, perMinute, sourceBonus, weightsBonus, voiceMultiplier,
                engineMultiplier, subtotal, baseCredits, uncappedFinal, finalCredits);
        return new CostQuote(baseCredits, multiplier, finalCredits, breakdown, formula);
    }

    /**
     * A series of {@code episodes} podcasts like {@code episode}, plus its plan (a script of one episode's length):
     * the sum of the same quotes the plan's and each episode's charges are made with.
     */
    public SeriesQuote quoteSeries(QuoteRequest episode, int episodes, TokenType tokenType, String tier) {
        if (episode.kind() != QuoteRequest.Kind.PODCAST || episodes < 1) {
            throw new IllegalArgumentException("a series is priced from a podcast request and at least one episode");
        }
        CostQuote plan = quote(SeriesQuote.planRequest(episode), tokenType, tier);
        CostQuote each = quote(episode, tokenType, tier);
        long total = plan.finalCredits() + (long) episodes * each.finalCredits();
        String formula = "plan " + plan.finalCredits() + " + " + episodes + " x episode " + each.finalCredits()
                + " = " + total;
        return new SeriesQuote("series", episodes, plan, each, each.creditMultiplier(), total, formula);
    }

    /** Reads like the seed's {@code max(30, ceil(30 x 2.5)) + 20 x 1.2 = 114 x multiplier = 171}. */
    private static String formula(QuoteRequest request, int minimum, BigDecimal perMinute, int sourceBonus,
                                  int weightsBonus, BigDecimal voiceMultiplier, BigDecimal engineMultiplier,
                                  int subtotal, int baseCredits,
                                  int uncappedFinal, int finalCredits) {
        var f = new StringBuilder()
                .append("max(").append(minimum).append(", ceil(")
                .append(plain(request.durationMinutes())).append(" x ").append(plain(perMinute)).append("))");
        if (sourceBonus > 0) {
            f.append(" + ").append(sourceBonus);
        }
        if (weightsBonus > 0) {
            f.append(" + ").append(weightsBonus);
        }
        if (voiceMultiplier.compareTo(BigDecimal.ONE) != 0) {
            f.append(" x ").append(plain(voiceMultiplier));
        }
        if (engineMultiplier.compareTo(BigDecimal.ONE) != 0) {
            f.append(" x ").append(plain(engineMultiplier)).append(" (").append(request.engine()).append(")");
        }
        f.append(" = ").append(subtotal);
        if (baseCredits != subtotal) {
            f.append(" (capped at ").append(baseCredits).append(")");
        }
        f.append(" x multiplier = ").append(uncappedFinal);
        if (finalCredits != uncappedFinal) {
            f.append(" (capped at ").append(finalCredits).append(")");
        }
        return f.toString();
    }

    private static int ceil(BigDecimal value) {
        return value.setScale(0, RoundingMode.CEILING).intValueExact();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
