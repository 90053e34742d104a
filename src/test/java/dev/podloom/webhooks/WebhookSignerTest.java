package dev.podloom.webhooks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignerTest {

    @Test
    void signaturesMatchTheStandardWebhooksReferenceVector() {
        assertThat(WebhookSigner.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void aSignatureVerifiesOnlyForTheSameSecretIdTimestampAndBody() {
        String secret = WebhookSigner.newSecret();
        String signature = WebhookSigner.sign(secret, "msg_1", 1700000000, "{\"a\":1}");

        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000000, "{\"a\":1}", "v1,bm9wZQ== " + signature)).isTrue();
        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000000, "{\"a\":2}", signature)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_2", 1700000000, "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSigner.verify(secret, "msg_1", 1700000001, "{\"a\":1}", signature)).isFalse();
        assertThat(WebhookSigner.verify(WebhookSigner.newSecret(), "msg_1", 1700000000, "{\"a\":1}", signature)).isFalse();
    }

    @Test
    void newSecretsAreWhsecPrefixedBase64Of32RandomBytes() {
        String secret = WebhookSigner.newSecret();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(WebhookSigner.newSecret()).isNotEqualTo(secret);
    }

    @Test
    void retriesFollowTheConfiguredDelaysAndStopAfterTheLast() {
        WebhookSettings settings = new WebhookSettings(List.of(Duration.ofSeconds(5), Duration.ofMinutes(2)), null);
        assertThat(settings.maxAttempts()).isEqualTo(3);
        assertThat(settings.delayAfter(1)).contains(Duration.ofSeconds(5));
        assertThat(settings.delayAfter(2)).contains(Duration.ofMinutes(2));
        assertThat(settings.delayAfter(3)).isEmpty();
        assertThat(new WebhookSettings(null, null).maxAttempts()).isEqualTo(8);
    }
}
