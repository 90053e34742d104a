package dev.podloom.testsupport;

import dev.podloom.pricing.PricingRulesLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes a copy of the real pricing-rules.yaml with some values changed, for tests that need other limits. */
public final class TestRules {

    private TestRules() {
    }

    /** @param replacements exact lines (trimmed) of the bundled file → their replacement, e.g. raising a limit */
    public static String withChanges(Map<String, String> replacements) {
        try (InputStream in = TestRules.class.getResourceAsStream(PricingRulesLoader.BUNDLED_RESOURCE)) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : replacements.entrySet()) {
                if (!yaml.contains(e.getKey())) {
                    throw new IllegalArgumentException("pricing-rules.yaml has no '" + e.getKey() + "'");
                }
                yaml = yaml.replace(e.getKey(), e.getValue());
            }
            Path file = Files.createTempFile("pricing-rules-", ".yaml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Request rates high enough for polling tests; generation and concurrency limits stay as shipped. */
    public static String fastPolling() {
        return withChanges(Map.of(
                "requests_per_minute: 10", "requests_per_minute: 100000",
                "requests_per_hour: 60", "requests_per_hour: 1000000"));
    }

    /**
     * Rates high enough that only money decides what is accepted (test keys still run one podcast
     * at a time, as the seed says).
     */
    public static String unlimited() {
        return withChanges(Map.ofEntries(
                Map.entry("requests_per_minute: 10", "requests_per_minute: 100000"),
                Map.entry("requests_per_hour: 60", "requests_per_hour: 1000000"),
                Map.entry("generations_per_minute: 2", "generations_per_minute: 100000"),
                Map.entry("generations_per_hour: 20", "generations_per_hour: 1000000"),
                Map.entry("requests_per_minute: 30", "requests_per_minute: 100000"),
                Map.entry("requests_per_hour: 300", "requests_per_hour: 1000000"),
                Map.entry("generations_per_minute: 30", "generations_per_minute: 100000"),
                Map.entry("generations_per_hour: 300", "generations_per_hour: 1000000"),
                Map.entry("concurrent_generations: 5", "concurrent_generations: 100000")));
    }
}
