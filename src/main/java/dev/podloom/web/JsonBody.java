package dev.podloom.web;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a JSON request body field by field, collecting every problem with its field name, so one
 * 400 response lists all that is wrong ({@code details.fields}) instead of the first thing only.
 * Unknown fields are reported too: a typo such as {@code target_duration} must not be silently ignored.
 */
public final class JsonBody {

    private final JsonNode node;
    private final Map<String, String> problems = new LinkedHashMap<>();

    private JsonBody(JsonNode node) {
        this.node = node;
    }

    public static JsonBody of(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "A JSON object body is required.");
        }
        if (!node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object.");
        }
        return new JsonBody(node);
    }

    public JsonNode raw() {
        return node;
    }

    public boolean has(String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    public Optional<String> string(String field, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            return problem(field, "must be a string");
        }
        String s = v.getStringValue().strip();
        if (s.length() > maxLength) {
            return problem(field, "must be at most " + maxLength + " characters");
        }
        return Optional.of(s);
    }

    public Optional<String> requiredString(String field, int maxLength) {
        Optional<String> s = string(field, maxLength);
        if (s.isEmpty() && !problems.containsKey(field)) {
            problems.put(field, "is required");
        } else if (s.isPresent() && s.get().isEmpty()) {
            return problem(field, "must not be empty");
        }
        return s;
    }

    public Optional<BigDecimal> number(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber()) {
            return problem(field, "must be a number");
        }
        try {
            return Optional.of(new BigDecimal(v.getNumberValue().toString()));
        } catch (NumberFormatException e) {
            return problem(field, "must be a finite number"); // 1e309 parses as an infinite double
        }
    }

    public Optional<Long> wholeNumber(String field, long min, long max) {
        Optional<BigDecimal> n = number(field);
        if (n.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal d = n.get();
        if (d.stripTrailingZeros().scale() > 0) {
            return problem(field, "must be a whole number");
        }
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            return problem(field, "must be between " + min + " and " + max);
        }
        return Optional.of(d.longValueExact());
    }

    public Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isBoolean()) {
            return problem(field, "must be true or false");
        }
        return Optional.of(v.getBooleanValue());
    }

    /** A list of strings; each element is checked and named as {@code field[i]}. */
    public Optional<List<String>> strings(String field, int maxItems, int maxLength) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            return problem(field, "must be an array of strings");
        }
        if (v.size() > maxItems) {
            return problem(field, "must have at most " + maxItems + " items");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (item == null || !item.isString() || item.getStringValue().isBlank()) {
                problems.put(field + "[" + i + "]", "must be a non-empty string");
                continue;
            }
            if (item.getStringValue().length() > maxLength) {
                problems.put(field + "[" + i + "]", "must be at most " + maxLength + " characters");
                continue;
            }
            out.add(item.getStringValue().strip());
        }
        return Optional.of(out);
    }

    public Optional<JsonNode> object(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            return problem(field, "must be a JSON object");
        }
        return Optional.of(v);
    }

    public Optional<JsonNode> array(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isArray()) {
            return problem(field, "must be a JSON array");
        }
        return Optional.of(v);
    }

    /** Records a problem found by the caller's own checks. */
    public void reject(String field, String problem) {
        problems.putIfAbsent(field, problem);
    }

    public boolean hasProblem(String field) {
        return problems.containsKey(field);
    }

    /** Fails with every problem found so far, unknown fields included. */
    public void finish(Set<String> knownFields) {
        for (Map.Entry<String, JsonNode> e : node.entries()) {
            if (!knownFields.contains(e.getKey())) {
                problems.putIfAbsent(e.getKey(), "is not a known field");
            }
        }
        if (!problems.isEmpty()) {
            var first = problems.entrySet().iterator().next();
            String message = problems.size() == 1
                    ? "'" + first.getKey() + "' " + first.getValue() + "."
                    : problems.size() + " fields are invalid; first: '" + first.getKey() + "' " + first.getValue() + ".";
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("field", first.getKey());
            details.put("fields", new LinkedHashMap<>(problems));
            throw new ApiException(ErrorCode.INVALID_REQUEST, message, details);
        }
    }

    private <T> Optional<T> problem(String field, String problem) {
        problems.putIfAbsent(field, problem);
        return Optional.empty();
    }
}
