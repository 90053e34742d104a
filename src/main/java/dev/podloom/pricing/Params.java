package dev.podloom.pricing;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Parses request values with errors that name the field. Durations get their own code,
 * {@code INVALID_DURATION}, as the seed documents.
 */
public final class Params {

    private Params() {
    }

    public static BigDecimal duration(String field, String raw, BigDecimal fallback, PricingRules rules) {
        BigDecimal minutes;
        if (raw == null || raw.isBlank()) {
            minutes = fallback;
        } else {
            try {
                minutes = new BigDecimal(raw.strip());
            } catch (NumberFormatException e) {
                throw ApiException.invalid(field, "'" + field + "' must be a number of minutes, not '" + raw + "'.");
            }
        }
        return checkDuration(field, minutes, rules);
    }

    public static BigDecimal checkDuration(String field, BigDecimal minutes, PricingRules rules) {
        int min = rules.podcast().minDurationMinutes();
        int max = rules.podcast().maxDurationMinutes();
        if (minutes.compareTo(BigDecimal.valueOf(min)) < 0 || minutes.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ApiException(ErrorCode.INVALID_DURATION,
                    "'" + field + "' must be between " + min + " and " + max + " minutes, not " + minutes.toPlainString() + ".",
                    Map.of("field", field, "min", min, "max", max));
        }
        return minutes;
    }

    public static int positiveInt(String field, String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiException.invalid(field, "'" + field + "' must be a whole number, not '" + raw + "'.");
        }
        if (value < 1) {
            throw ApiException.invalid(field, "'" + field + "' must be at least 1, not " + value + ".");
        }
        return value;
    }

    public static boolean bool(String field, String raw, boolean fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        return switch (raw.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw ApiException.invalid(field, "'" + field + "' must be true or false, not '" + raw + "'.");
        };
    }
}
