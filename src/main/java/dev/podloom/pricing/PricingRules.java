package dev.podloom.pricing;

import dev.podloom.shared.TokenType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** pricing-rules.yaml as typed values. Built by {@link PricingRulesLoader}, which validates it. */
public record PricingRules(PodcastPrices podcast, ScriptPrices script, Map<String, Integer> tierMaxCost,
                           String defaultTier, Map<TokenType, TokenRules> tokenTypes,
                           Map<String, BigDecimal> engineMultipliers, RevisionPrices revision) {

    public PricingRules(PodcastPrices podcast, ScriptPrices script, Map<String, Integer> tierMaxCost,
                        String defaultTier, Map<TokenType, TokenRules> tokenTypes,
                        Map<String, BigDecimal> engineMultipliers) {
        this(podcast, script, tierMaxCost, defaultTier, tokenTypes, engineMultipliers, RevisionPrices.DEFAULT);
    }

    public PricingRules {
        revision = revision == null ? RevisionPrices.DEFAULT : revision;
        tierMaxCost = Map.copyOf(tierMaxCost);
        tokenTypes = Map.copyOf(tokenTypes);
        engineMultipliers = engineMultipliers == null ? Map.of() : engineMultipliers.entrySet().stream().collect(
                java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().stripTrailingZeros()));
    }

    public PricingRules(PodcastPrices podcast, ScriptPrices script, Map<String, Integer> tierMaxCost,
                        String defaultTier, Map<TokenType, TokenRules> tokenTypes) {
        this(podcast, script, tierMaxCost, defaultTier, tokenTypes, Map.of());
    }

    /** The price multiplier of a speech engine ({@code speech_engines.<id>.multiplier}); 1 when not set. */
    public BigDecimal engineMultiplier(String engine) {
        return engine == null ? BigDecimal.ONE : engineMultipliers.getOrDefault(engine, BigDecimal.ONE);
    }

    public record PodcastPrices(int minimumCredits, BigDecimal creditsPerMinute, int multiSourceBonus,
                                int customWeightsBonus, BigDecimal multiVoiceMultiplier, int maxCost,
                                int minDurationMinutes, int maxDurationMinutes) {
    }

    public record ScriptPrices(int minimumCredits, BigDecimal creditsPerMinute) {
    }

    /**
     * {@code revision}: a new version of a podcast with edited turns, priced on the minutes re-spoken.
     * {@link #DEFAULT} when a rules file has no {@code revision} section.
     */
    public record RevisionPrices(int minimumCredits, BigDecimal creditsPerMinute) {
        public static final RevisionPrices DEFAULT = new RevisionPrices(5, new BigDecimal("2.5"));
    }

    /** @param languages allowed language subtags, or empty for all languages */
    public record Restrictions(int maxDurationMinutes, int maxUrls, Set<String> languages, int maxVoices,
                               boolean customFocus, boolean sourceWeights, boolean autoPublish) {

        public boolean allowsLanguage(String primarySubtag) {
            return languages.isEmpty() || languages.contains(primarySubtag);
        }
    }

    @io.micronaut.serde.annotation.Serdeable
    public record RateLimits(int requestsPerMinute, int requestsPerHour, int generationsPerMinute,
                             int generationsPerHour, int concurrentGenerations) {
    }

    public record TokenRules(BigDecimal creditMultiplier, Restrictions restrictions, RateLimits rateLimits) {
    }

    public TokenRules forToken(TokenType type) {
        return tokenTypes.get(type);
    }

    public Optional<Integer> tierMaxCost(String tier) {
        return Optional.ofNullable(tierMaxCost.get(tier));
    }

    public List<String> tiers() {
        return tierMaxCost.keySet().stream().sorted().toList();
    }
}
