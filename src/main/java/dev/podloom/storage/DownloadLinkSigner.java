package dev.podloom.storage;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Signs and checks the download links of the local store: an HMAC-SHA256 over the object key, the
 * expiry (epoch seconds) and the offered file name, so none of them can be changed without the secret.
 * Every node that serves links must share the same secret.
 */
public final class DownloadLinkSigner {

    /** Outcome of checking a link. */
    public enum Verdict { VALID, INVALID_SIGNATURE, EXPIRED }

    /** The query parameters of a signed link. */
    public record SignedLink(long expires, String signature) {
    }

    private static final String ALGORITHM = "HmacSHA256";
    // Binds signatures to this purpose and format, so the secret can never sign anything else by accident.
    private static final String CONTEXT = "podloom-download-link-v1";
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,18}");

    private final SecretKeySpec key;
    private final Clock clock;

    public DownloadLinkSigner(byte[] secret, Clock clock) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("A link secret needs at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
        this.clock = clock;
    }

    /** Signs a link to {@code objectKey} that stays valid for {@code ttl} (rounded up to whole seconds). */
    public SignedLink sign(String objectKey, Duration ttl, String fileName) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A link lifetime must be positive: " + ttl);
        }
        long nowMillis = clock.millis();
        long expires = Math.ceilDiv(nowMillis + ttl.toMillis(), 1000L);
        return new SignedLink(expires, signature(objectKey, Long.toString(expires), fileName));
    }

    /**
     * Checks a link as received. {@code expires} is the raw query value: the signature covers its exact
     * text, so even a re-spelling of the same number is refused.
     */
    public Verdict verify(String objectKey, String expires, String signature, String fileName) {
        if (objectKey == null || expires == null || signature == null || !EPOCH_SECONDS.matcher(expires).matches()) {
            return Verdict.INVALID_SIGNATURE;
        }
        // Compare the encoded text, not decoded bytes: base64 decoders ignore a last character's spare bits.
        byte[] expected = signature(objectKey, expires, fileName).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return Verdict.INVALID_SIGNATURE;
        }
        return clock.millis() / 1000L >= Long.parseLong(expires) ? Verdict.EXPIRED : Verdict.VALID;
    }

    private String signature(String objectKey, String expires, String fileName) {
        String payload = CONTEXT + '\n' + objectKey + '\n' + expires + '\n' + (fileName == null ? "" : fileName);
        try {
            Mac mac = Mac.getInstance(ALGORITHM); // Mac instances are not thread-safe; creating one is cheap
            mac.init(key);
            byte[] digest = mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JVM", e);
        }
    }
}
