package dev.podloom.shared;

import java.util.Locale;
import java.util.Optional;

/** The two kinds of API key: cheap, restricted test keys and full-price production keys. */
public enum TokenType {
    TEST, PROD;

    /** The id used in key prefixes ({@code phk_test_}), the rules file and JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TokenType> fromId(String id) {
        if (id == null) {
            return Optional.empty();
        }
        return switch (id) {
            case "test" -> Optional.of(TEST);
            case "prod" -> Optional.of(PROD);
            default -> Optional.empty();
        };
    }
}
