package dev.podloom.pricing;

import dev.podloom.shared.TokenType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads pricing-rules.yaml into {@link PricingRules}, failing at startup with the offending key
 * named, so a typo never turns into a wrong price at run time.
 */
public final class PricingRulesLoader {

    /** The copy of the top-level pricing-rules.yaml packed into the jar. */
    public static final String BUNDLED_RESOURCE = "/pricing-rules.yaml";

    private PricingRulesLoader() {
    }

    public static PricingRules load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read pricing rules " + file, e);
        }
    }

    public static PricingRules loadBundled() {
        try (InputStream in = PricingRulesLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("pricing-rules.yaml is missing from the classpath");
            }
            return parse(in, "classpath:pricing-rules.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PricingRules parse(InputStream in, String source) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        Node doc = new Node(source, "", root);
        Node podcast = doc.child("podcast");
        var podcastPrices = new PricingRules.PodcastPrices(
                podcast.positiveInt("minimum_credits"),
                podcast.decimal("credits_per_minute"),
                podcast.nonNegativeInt("multi_source_bonus"),
                podcast.nonNegativeInt("custom_weights_bonus"),
                podcast.decimal("multi_voice_multiplier"),
                podcast.positiveInt("max_cost"),
                podcast.positiveInt("min_duration_minutes"),
                podcast.positiveInt("max_duration_minutes"));
        Node script = doc.child("script");
        var scriptPrices = new PricingRules.ScriptPrices(script.positiveInt("minimum_credits"),
                script.decimal("credits_per_minute"));

        Map<String, Integer> tiers = new LinkedHashMap<>();
        Node tierNode = doc.child("tiers");
        for (String tier : tierNode.keys()) {
            tiers.put(tier, tierNode.child(tier).positiveInt("tier_max_cost"));
        }
        String defaultTier = doc.string("default_tier");
        if (!tiers.containsKey(defaultTier)) {
            throw doc.error("default_tier", "names tier '" + defaultTier + "', which is not under tiers");
        }

        Map<TokenType, PricingRules.TokenRules> tokens = new EnumMap<>(TokenType.class);
        Node tokenNode = doc.child("token_types");
        for (TokenType type : TokenType.values()) {
            Node t = tokenNode.child(type.id());
            Node r = t.child("restrictions");
            Node l = t.child("rate_limits");
            tokens.put(type, new PricingRules.TokenRules(
                    t.decimal("credit_multiplier"),
                    new PricingRules.Restrictions(r.positiveInt("max_duration_minutes"), r.positiveInt("max_urls"),
                            r.languages("languages"), r.positiveInt("max_voices"), r.bool("custom_focus"),
                            r.bool("source_weights"), r.bool("auto_publish")),
                    new PricingRules.RateLimits(l.positiveInt("requests_per_minute"), l.positiveInt("requests_per_hour"),
                            l.positiveInt("generations_per_minute"), l.positiveInt("generations_per_hour"),
                            l.positiveInt("concurrent_generations"))));
        }
        Map<String, BigDecimal> engines = new LinkedHashMap<>();
        if (doc.has("speech_engines")) {
            Node engineNode = doc.child("speech_engines");
            for (String engine : engineNode.keys()) {
                engines.put(engine, engineNode.child(engine).decimal("multiplier"));
            }
        }
        PricingRules.RevisionPrices revisionPrices = PricingRules.RevisionPrices.DEFAULT;
        if (doc.has("revision")) {
            Node revision = doc.child("revision");
            revisionPrices = new PricingRules.RevisionPrices(revision.positiveInt("minimum_credits"),
                    revision.decimal("credits_per_minute"));
        }
        return new PricingRules(podcastPrices, scriptPrices, tiers, defaultTier, tokens, engines, revisionPrices);
    }

    /** A position in the YAML tree, so errors can name the full key path. */
    private record Node(String source, String path, Object value) {

        Node child(String key) {
            Object v = map().get(key);
            if (v == null) {
                throw error(key, "is missing");
            }
            return new Node(source, qualified(key), v);
        }

        boolean has(String key) {
            return map().get(key) != null;
        }

        Set<String> keys() {
            return new LinkedHashSet<>(map().keySet().stream().map(String::valueOf).toList());
        }

        String string(String key) {
            return String.valueOf(child(key).value);
        }

        BigDecimal decimal(String key) {
            Object v = child(key).value;
            if (!(v instanceof Number n)) {
                throw error(key, "must be a number, not '" + v + "'");
            }
            BigDecimal d = new BigDecimal(n.toString());
            if (d.signum() <= 0) {
                throw error(key, "must be greater than zero");
            }
            return d;
        }

        int positiveInt(String key) {
            int v = nonNegativeInt(key);
            if (v == 0) {
                throw error(key, "must be greater than zero");
            }
            return v;
        }

        int nonNegativeInt(String key) {
            Object v = child(key).value;
            if (!(v instanceof Integer i) || i < 0) {
                throw error(key, "must be a whole number ≥ 0, not '" + v + "'");
            }
            return i;
        }

        boolean bool(String key) {
            Object v = child(key).value;
            if (!(v instanceof Boolean b)) {
                throw error(key, "must be true or false, not '" + v + "'");
            }
            return b;
        }

        /** A list of language subtags, or the word {@code all} (returned as an empty set). */
        Set<String> languages(String key) {
            Object v = child(key).value;
            if ("all".equals(v)) {
                return Set.of();
            }
            if (v instanceof List<?> list && !list.isEmpty()) {
                return Set.copyOf(list.stream().map(String::valueOf).toList());
            }
            throw error(key, "must be 'all' or a list of language codes");
        }

        private Map<?, ?> map() {
            if (!(value instanceof Map<?, ?> m)) {
                throw new IllegalStateException(source + ": '" + path + "' must be a mapping");
            }
            return m;
        }

        private String qualified(String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        IllegalStateException error(String key, String problem) {
            return new IllegalStateException(source + ": '" + qualified(key) + "' " + problem);
        }
    }
}
