package dev.podloom.auth;

import dev.podloom.shared.TokenType;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of API keys: {@code phk_<type>_} followed by 43 URL-safe characters (32 random bytes).
 * Only the SHA-256 of a key is stored: a fast hash is right here because keys carry 256 bits of
 * entropy, so there is nothing to brute-force, and lookups stay a single indexed read.
 */
public final class ApiKeyFormat {

    private static final Pattern SHAPE = Pattern.compile("phk_(test|prod)_[A-Za-z0-9_-]{32,128}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int DISPLAY_SECRET_CHARS = 6;

    private ApiKeyFormat() {
    }

    public static String generate(TokenType type) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "phk_" + type.id() + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** The token type a well-formed key declares, or empty for anything malformed. */
    public static Optional<TokenType> typeOf(String key) {
        if (key == null || !SHAPE.matcher(key).matches()) {
            return Optional.empty();
        }
        return TokenType.fromId(key.substring(4, 8));
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Enough of the key to recognise it in a list ({@code phk_test_AbC123}), never enough to use it. */
    public static String displayPrefix(String key) {
        int typeEnd = key.indexOf('_', 4) + 1;
        return key.substring(0, typeEnd + DISPLAY_SECRET_CHARS);
    }
}
