package dev.podloom.storage;

import dev.podloom.testsupport.SettableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static dev.podloom.storage.DownloadLinkSigner.Verdict.EXPIRED;
import static dev.podloom.storage.DownloadLinkSigner.Verdict.INVALID_SIGNATURE;
import static dev.podloom.storage.DownloadLinkSigner.Verdict.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloadLinkSignerTest {

    private static final String KEY = "podcasts/pod_123/episode.mp3";

    private final SettableClock clock = new SettableClock("2026-11-23T12:00:00Z");
    private final DownloadLinkSigner signer = new DownloadLinkSigner(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8), clock);

    @Test
    void aLinkItSignedVerifies() {
        DownloadLinkSigner.SignedLink link = signer.sign(KEY, Duration.ofHours(1), "episode.mp3");

        assertThat(link.expires()).isEqualTo(Instant.parse("2026-11-23T13:00:00Z").getEpochSecond());
        assertThat(signer.verify(KEY, Long.toString(link.expires()), link.signature(), "episode.mp3")).isEqualTo(VALID);
    }

    @Test
    void anySingleChangedCharacterOfKeyExpiryOrSignatureIsRejected() {
        DownloadLinkSigner.SignedLink link = signer.sign(KEY, Duration.ofHours(1), null);
        String expires = Long.toString(link.expires());

        for (int i = 0; i < KEY.length(); i++) {
            assertThat(signer.verify(changeAt(KEY, i), expires, link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
        }
        for (int i = 0; i < expires.length(); i++) {
            assertThat(signer.verify(KEY, changeAt(expires, i), link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
        }
        for (int i = 0; i < link.signature().length(); i++) {
            assertThat(signer.verify(KEY, expires, changeAt(link.signature(), i), null)).isEqualTo(INVALID_SIGNATURE);
        }
    }

    @Test
    void aChangedOrAddedFileNameIsRejected() {
        DownloadLinkSigner.SignedLink link = signer.sign(KEY, Duration.ofHours(1), "episode.mp3");
        String expires = Long.toString(link.expires());

        assertThat(signer.verify(KEY, expires, link.signature(), "other.mp3")).isEqualTo(INVALID_SIGNATURE);
        assertThat(signer.verify(KEY, expires, link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
    }

    @Test
    void aLinkExpiresWhenItsLifetimeHasPassed() {
        DownloadLinkSigner.SignedLink link = signer.sign(KEY, Duration.ofMinutes(10), null);
        String expires = Long.toString(link.expires());

        clock.advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(signer.verify(KEY, expires, link.signature(), null)).isEqualTo(VALID);
        clock.advance(Duration.ofSeconds(1));
        assertThat(signer.verify(KEY, expires, link.signature(), null)).isEqualTo(EXPIRED);
    }

    @Test
    void aLinkSignedWithAnotherSecretIsRejected() {
        DownloadLinkSigner other = new DownloadLinkSigner(
                "another-secret-of-sufficient-size".getBytes(StandardCharsets.UTF_8), clock);
        DownloadLinkSigner.SignedLink link = other.sign(KEY, Duration.ofHours(1), null);

        assertThat(signer.verify(KEY, Long.toString(link.expires()), link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
    }

    @Test
    void missingOrMalformedPartsAreRejectedRatherThanFailing() {
        DownloadLinkSigner.SignedLink link = signer.sign(KEY, Duration.ofHours(1), null);

        assertThat(signer.verify(KEY, null, link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
        assertThat(signer.verify(KEY, Long.toString(link.expires()), null, null)).isEqualTo(INVALID_SIGNATURE);
        assertThat(signer.verify(KEY, "+" + link.expires(), link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
        assertThat(signer.verify(KEY, "99999999999999999999999", link.signature(), null)).isEqualTo(INVALID_SIGNATURE);
    }

    @Test
    void shortSecretsAndNonPositiveLifetimesAreRefused() {
        assertThatThrownBy(() -> new DownloadLinkSigner(new byte[8], clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign(KEY, Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static String changeAt(String text, int index) {
        char c = text.charAt(index);
        char replacement = Character.isDigit(c) ? (char) ('0' + (c - '0' + 1) % 10) : (c == 'a' ? 'b' : 'a');
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }
}
