package dev.podloom.pricing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/** Loads the rules once: from {@code PODLOOM_PRICING_RULES} when set, else the copy packed in the jar. */
@Factory
final class PricingFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PricingFactory.class);

    @Singleton
    PricingRules pricingRules(@Nullable @Value("${podloom.pricing-rules:}") String path) {
        if (path == null || path.isBlank()) {
            return PricingRulesLoader.loadBundled();
        }
        LOG.info("Pricing rules from {}", path);
        return PricingRulesLoader.load(Path.of(path));
    }

    @Singleton
    Pricing pricing(PricingRules rules) {
        return new Pricing(rules);
    }
}
