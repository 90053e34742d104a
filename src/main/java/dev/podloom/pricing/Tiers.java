package dev.podloom.pricing;

import java.util.UUID;

/** The tier an account is on (its prices are capped by the tier), implemented by {@code accounts}. */
public interface Tiers {

    String tierOf(UUID accountId);
}
