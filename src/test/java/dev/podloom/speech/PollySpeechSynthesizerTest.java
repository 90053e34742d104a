package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import dev.podloom.testsupport.FakePollyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The polly engine through the AWS SDK against a fake Polly endpoint that answers real speech; credentials come
 * from the SDK's default chain (system properties here).
 */
class PollySpeechSynthesizerTest {

    static final String ACCESS_KEY = "AKIDPODLOOMTEST";

    final FakePollyServer fake = new FakePollyServer();
    final List<Duration> waits = new ArrayList<>();

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", "podloom-test-secret");
    }

    @AfterAll
    static void forgetCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    PollySpeechSynthesizer engine(String pollyEngine) {
        var limits = new ProviderGate.Settings(4, 0, 2, Duration.ofMillis(100), Duration.ofSeconds(5));
        var config = new PollySpeechSynthesizer.Config(pollyEngine, "eu-west-1", fake.endpoint(), List.of(),
                Duration.ofSeconds(30), limits);
        return new PollySpeechSynthesizer(config, Clock.systemUTC(),
                new ProviderGate(PollySpeechSynthesizer.ENGINE, limits, waits::add));
    }

    static Voice voice(SpeechSynthesizer engine, String id) {
        return engine.voices().stream().filter(v -> v.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void voicesComeFromDescribeVoicesForTheConfiguredEngineWithLanguageAndGender() {
        var neural = engine("neural");
        var generative = engine("generative");

        assertThat(neural.voices()).extracting(Voice::id, Voice::language, Voice::gender, Voice::engine).containsExactly(
                tuple("polly-Joanna", "en", "female", "polly"), tuple("polly-Matthew", "en", "male", "polly"),
                tuple("polly-Vicki", "de", "female", "polly"));
        assertThat(generative.voices()).extracting(Voice::id).containsExactly("polly-Joanna", "polly-Matthew");
        assertThat(fake.voiceRequests()).extracting(r -> r.getUrl().queryParameter("Engine"))
                .containsExactly("neural", "generative");
    }

    @Test
    void aTurnIsSentAsSignedSsmlForPcmAt16KhzAndComesBackAsRealSpeechWithItsBilledCharacters() {
        var engine = engine("neural");
        String text = "Welcome back to the show. Today we talk about bicycles & the people who repair them.";

        SpeechSynthesizer.Spoken spoken = engine.speak(text, voice(engine, "polly-Matthew"));

        assertThat(fake.calls()).singleElement().satisfies(call -> {
            assertThat(call.body()).containsEntry("Engine", "neural").containsEntry("OutputFormat", "pcm")
                    .containsEntry("SampleRate", "16000").containsEntry("TextType", "ssml")
                    .containsEntry("VoiceId", "Matthew")
                    .containsEntry("Text", "<speak>Welcome back to the show. Today we talk about bicycles &amp; the "
                            + "people who repair them.</speak>");
            assertThat(call.authorization()).startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/")
                    .contains("/eu-west-1/polly/aws4_request").contains("Signature=");
        });
        assertThat(spoken.characters()).isEqualTo(text.length());
        assertThat(spoken.clip().sampleRate()).isEqualTo(16_000);
        assertThat(spoken.clip().durationSeconds()).isBetween(3.0, 12.0);
        assertThat(ProviderAudio.rms(spoken.clip())).isGreaterThan(0.01);
    }

    @Test
    void aTurnLongerThan3000CharactersGoesInSeveralRequestsSplitAtSentenceEnds() {
        var engine = engine("long-form");
        String text = "Libraries in the north were rebuilt by volunteers after the storms. ".repeat(50).strip();

        SpeechSynthesizer.Spoken spoken = engine.speak(text, voice(engine, "polly-Joanna"));

        assertThat(fake.calls()).hasSize(2).allSatisfy(call -> {
            assertThat(call.billedCharacters()).isLessThanOrEqualTo(3000);
            assertThat(call.text()).startsWith("<speak>Libraries").endsWith("storms.</speak>");
            assertThat(call.body()).containsEntry("Engine", "long-form");
        });
        assertThat(spoken.characters()).isEqualTo(text.length() - 1);
    }

    @Test
    void throttlingIsRetriedHonouringRetryAfter() {
        var engine = engine("neural");
        fake.failNext(0, FakePollyServer.error(400, "ThrottlingException", "Rate exceeded"),
                new mockwebserver3.MockResponse.Builder(FakePollyServer.error(429, "ThrottlingException", "Rate exceeded"))
                        .addHeader("Retry-After", "2").build());

        SpeechSynthesizer.Spoken spoken = engine.speak("Good morning and welcome.", voice(engine, "polly-Joanna"));

        assertThat(spoken.clip().samples()).isNotEmpty();
        assertThat(fake.calls()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    @Test
    void aServiceFailureIsRetriedAndWhenRetriesRunOutGoesUpAsRetryable() {
        var engine = engine("neural");
        var failure = FakePollyServer.error(500, "ServiceFailureException", "An unknown condition has caused a service failure.");
        fake.failNext(0, failure, failure, failure);

        assertThatThrownBy(() -> engine.speak("Good morning and welcome.", voice(engine, "polly-Joanna")))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
        assertThat(fake.calls()).hasSize(3);
    }

    @Test
    void refusedCredentialsFailAtOnceWithTtsUnauthorized() {
        var engine = engine("neural");
        fake.failNext(0, FakePollyServer.error(403, "UnrecognizedClientException",
                "The security token included in the request is invalid."));

        assertThatThrownBy(() -> engine.speak("Good morning and welcome.", voice(engine, "polly-Joanna")))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.failure().clientMessage()).doesNotContain("token", "Unrecognized");
                });
        assertThat(fake.calls()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aVoiceTheEngineDoesNotHaveFailsWithTtsVoiceNotFound() {
        var engine = engine("neural");
        Voice brian = new Voice("polly-Brian", "polly", "en", "male", 16_000, "standard only");

        assertThatThrownBy(() -> engine.speak("Good morning and welcome.", brian))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureCode.TTS_VOICE_NOT_FOUND));
    }

    @Test
    void aLexiconEntryWithIpaReachesPollyAsAPhonemeTag() {
        var engine = engine("neural");
        String text = Lexicon.apply("We store it in SQL.", List.of(new dev.podloom.pipeline.Pronunciation("SQL", null,
                "ˈsiːkwəl")), engine.phonemeInput());

        SpeechSynthesizer.Spoken spoken = engine.speak(text, voice(engine, "polly-Joanna"));

        assertThat(fake.calls()).singleElement().extracting(FakePollyServer.SpeechCall::text)
                .isEqualTo("<speak>We store it in <phoneme alphabet=\"ipa\" ph=\"ˈsiːkwəl\">SQL</phoneme>.</speak>");
        assertThat(spoken.characters()).isEqualTo("We store it in SQL.".length());
    }

    @Test
    void aCallThatTimesOutIsATransientFailure() {
        var limits = new ProviderGate.Settings(1, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(5));
        var engine = new PollySpeechSynthesizer(new PollySpeechSynthesizer.Config("neural", "eu-west-1", fake.endpoint(),
                List.of("Joanna:en-US:female"), Duration.ofMillis(700), limits), Clock.systemUTC(),
                new ProviderGate(PollySpeechSynthesizer.ENGINE, limits, waits::add));
        Voice joanna = voice(engine, "polly-Joanna");
        fake.failNext(0, new mockwebserver3.MockResponse.Builder(FakePollyServer.error(500, "ServiceFailureException", "slow"))
                .headersDelay(3, java.util.concurrent.TimeUnit.SECONDS).build());

        assertThatThrownBy(() -> engine.speak("Good morning and welcome.", joanna))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAVAILABLE);
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void silenceFromPollyIsBadAudioAndRetried() {
        var engine = engine("neural");
        fake.failNext(0, new mockwebserver3.MockResponse.Builder().code(200).addHeader("Content-Type", "audio/pcm")
                .addHeader("x-amzn-RequestCharacters", "25").body(new okio.Buffer().write(new byte[64_000])).build());

        SpeechSynthesizer.Spoken spoken = engine.speak("Good morning and welcome.", voice(engine, "polly-Joanna"));

        assertThat(fake.calls()).hasSize(2);
        assertThat(ProviderAudio.rms(spoken.clip())).isGreaterThan(0.01);
    }

    @Test
    void missingCredentialsAreTtsUnauthorizedNotARetry() {
        PipelineException e = PollySpeechSynthesizer.failure(software.amazon.awssdk.core.exception.SdkClientException
                .create("Unable to load credentials from any of the providers in the chain"), Clock.systemUTC());

        assertThat(e.failure()).isEqualTo(FailureCode.TTS_UNAUTHORIZED);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void withoutAVoiceListingTheConfiguredVoicesAreOffered() {
        fake.close();
        var limits = new ProviderGate.Settings(1, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(5));
        var engine = new PollySpeechSynthesizer(new PollySpeechSynthesizer.Config("neural", "eu-west-1",
                "http://127.0.0.1:1", List.of("Joanna:en-US:female", "Hans:de-DE:male"), Duration.ofSeconds(2), limits),
                Clock.systemUTC());

        assertThat(engine.voices()).extracting(Voice::id, Voice::language, Voice::gender).containsExactly(
                tuple("polly-Joanna", "en", "female"), tuple("polly-Hans", "de", "male"));
    }
}
