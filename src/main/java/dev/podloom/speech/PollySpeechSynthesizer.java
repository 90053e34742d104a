package dev.podloom.speech;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.PollyClientBuilder;
import software.amazon.awssdk.services.polly.model.DescribeVoicesRequest;
import software.amazon.awssdk.services.polly.model.DescribeVoicesResponse;
import software.amazon.awssdk.services.polly.model.Engine;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechResponse;
import software.amazon.awssdk.services.polly.model.TextType;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Amazon Polly through the AWS SDK v2 ({@code SynthesizeSpeech}, {@code DescribeVoices}) on one of its engines
 * ({@code neural}, {@code generative}, {@code long-form}). Turns go as SSML ({@link PollySsml}: split at sentence
 * ends to at most 3,000 billed characters a request, lexicon entries as {@code <phoneme>}/{@code <sub>}); audio
 * comes back as {@code pcm} (signed 16-bit little-endian mono at 16 kHz, the highest PCM rate Polly documents), so
 * nothing is encoded twice. Credentials and region come from the SDK's default chains (environment, system
 * properties, profile, container or instance role); the region and endpoint may be overridden. The SDK's own retries
 * are off: every call goes through {@link ProviderGate}, which retries throttling and 5xx honouring
 * {@code Retry-After}. Public voice ids are {@code polly-<VoiceId>} ({@code polly-Joanna}).
 */
public final class PollySpeechSynthesizer implements SpeechSynthesizer {

    public static final String ENGINE = "polly";
    /** Polly's documented PCM rates are 8 and 16 kHz; 16 kHz is the one fit for a podcast. */
    static final int SAMPLE_RATE = 16_000;
    private static final String PREFIX = ENGINE + "-";
    private static final Set<String> ENGINES = Set.of("neural", "generative", "long-form");
    private static final Set<String> AUTH_ERRORS = Set.of("UnrecognizedClientException", "InvalidSignatureException",
            "AccessDeniedException", "AccessDenied", "ExpiredTokenException", "ExpiredToken", "InvalidClientTokenId",
            "MissingAuthenticationTokenException", "MissingAuthenticationToken", "IncompleteSignatureException",
            "IncompleteSignature", "SignatureDoesNotMatch", "NotAuthorized");
    private static final Set<String> VOICE_ERRORS = Set.of("EngineNotSupportedException", "LanguageNotSupportedException");
    private static final Set<String> QUOTA_ERRORS = Set.of("ServiceQuotaExceededException");
    private static final Logger LOG = LoggerFactory.getLogger(PollySpeechSynthesizer.class);

    /**
     * @param engine   {@code neural}, {@code generative} or {@code long-form}
     * @param region   the AWS region, or blank for the SDK's default region chain
     * @param endpoint an endpoint override (tests, Polly-compatible servers), or blank
     * @param voices   {@code VoiceId[:language[:gender]]} entries, used when {@code DescribeVoices} cannot be read
     * @param timeout  per-call timeout
     */
    public record Config(String engine, String region, String endpoint, List<String> voices, Duration timeout,
                         ProviderGate.Settings limits) {
    }

    private final Config config;
    private final Engine engine;
    private final PollyClient client;
    private final Clock clock;
    private final ProviderGate gate;
    private final ProviderHttp.LazyVoices voices = new ProviderHttp.LazyVoices(this::loadVoices);

    public PollySpeechSynthesizer(Config config, Clock clock) {
        this(config, clock, new ProviderGate(ENGINE, config.limits()));
    }

    public PollySpeechSynthesizer(Config config, Clock clock, ProviderGate gate) {
        String name = config.engine() == null || config.engine().isBlank() ? "neural"
                : config.engine().strip().toLowerCase(Locale.ROOT);
        if (!ENGINES.contains(name)) {
            throw new IllegalStateException("PODLOOM_SPEECH_POLLY_ENGINE must be neural, generative or long-form, was "
                    + config.engine());
        }
        this.engine = Engine.fromValue(name);
        this.config = config;
        this.clock = clock;
        this.gate = gate;
        PollyClientBuilder builder = PollyClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(config.timeout())
                        .build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(config.timeout())
                        .build());
        if (config.region() != null && !config.region().isBlank()) {
            builder.region(Region.of(config.region().strip()));
        }
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint().strip()));
        }
        try {
            this.client = builder.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException("Amazon Polly needs a region: set PODLOOM_SPEECH_POLLY_REGION or AWS_REGION", e);
        }
    }

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public boolean offline() {
        return false;
    }

    /** The Polly engine type, region and endpoint: part of the synthesis cache's key. */
    @Override
    public String cacheSettings() {
        return "engine=" + engine + "\nregion=" + (config.region() == null ? "" : config.region().strip())
                + "\nendpoint=" + (config.endpoint() == null ? "" : config.endpoint().strip()) + "\nrate=" + SAMPLE_RATE;
    }

    @Override
    public int maxConcurrency() {
        return gate.settings().maxConcurrent();
    }

    @Override
    public PhonemeInput phonemeInput() {
        return PhonemeInput.SSML;
    }

    @Override
    public List<Voice> voices() {
        return voices.get();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        return speak(text, voice).clip();
    }

    /** Speaks {@code text} in requests of at most 3,000 billed characters; counts what Polly says it billed. */
    @Override
    public Spoken speak(String text, Voice voice) {
        if (!voice.engine().equals(ENGINE) || !voice.id().startsWith(PREFIX)) {
            throw new PipelineException(FailureCode.UNKNOWN_VOICE, "polly has no voice " + voice.id());
        }
        String voiceId = voice.id().substring(PREFIX.length());
        List<AudioClip> parts = new ArrayList<>();
        long billed = 0;
        for (PollySsml.Chunk chunk : PollySsml.chunks(text, PollySsml.MAX_BILLED_CHARACTERS)) {
            Spoken part = gate.call("speech", () -> call(chunk, voiceId));
            parts.add(part.clip());
            billed += part.characters();
        }
        if (parts.isEmpty()) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "Nothing to say");
        }
        return new Spoken(ProviderAudio.concat(ENGINE, parts), billed);
    }

    private Spoken call(PollySsml.Chunk chunk, String voiceId) {
        SynthesizeSpeechRequest request = SynthesizeSpeechRequest.builder()
                .engine(engine)
                .outputFormat(OutputFormat.PCM)
                .sampleRate(Integer.toString(SAMPLE_RATE))
                .textType(TextType.SSML)
                .text(chunk.ssml())
                .voiceId(voiceId)
                .build();
        ResponseBytes<SynthesizeSpeechResponse> answer;
        try {
            answer = client.synthesizeSpeechAsBytes(request);
        } catch (SdkException e) {
            throw failure(e, clock);
        }
        AudioClip clip = ProviderAudio.check(ENGINE,
                ProviderAudio.decodePcm16(ENGINE, answer.asByteArray(), SAMPLE_RATE), chunk.spokenText());
        Integer counted = answer.response().requestCharacters();
        return new Spoken(clip, counted != null ? counted : chunk.billedCharacters());
    }

    /** What a failed Polly call means; the exception's own text goes to the log detail only. */
    static PipelineException failure(SdkException e, Clock clock) {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            String code = service.awsErrorDetails() == null ? "" : String.valueOf(service.awsErrorDetails().errorCode());
            String retryAfter = service.awsErrorDetails() == null || service.awsErrorDetails().sdkHttpResponse() == null
                    ? null : service.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After").orElse(null);
            Duration wait = ProviderGate.parseRetryAfter(retryAfter, clock);
            String detail = "polly answered HTTP " + status + " " + code + ": " + abbreviate(
                    service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage());
            if (service.isThrottlingException() || status == 429 || code.contains("Throttl")
                    || code.equals("TooManyRequestsException")) {
                return new PipelineException(FailureCode.TTS_RATE_LIMITED, detail, e, wait);
            }
            if (status >= 500 || status == 408 || code.equals("ServiceFailureException")) {
                return new PipelineException(FailureCode.TTS_UNAVAILABLE, detail, e, wait);
            }
            if (status == 401 || status == 403 || AUTH_ERRORS.contains(code)) {
                return new PipelineException(FailureCode.TTS_UNAUTHORIZED, detail, e);
            }
            if (QUOTA_ERRORS.contains(code)) {
                return new PipelineException(FailureCode.TTS_QUOTA_EXCEEDED, detail, e);
            }
            String message = detail.toLowerCase(Locale.ROOT);
            if (VOICE_ERRORS.contains(code) || code.equals("ValidationException") && message.contains("voiceid")) {
                return new PipelineException(FailureCode.TTS_VOICE_NOT_FOUND, detail, e);
            }
            return new PipelineException(FailureCode.TTS_REJECTED, detail, e);
        }
        String message = String.valueOf(e.getMessage());
        if (e instanceof SdkClientException && message.toLowerCase(Locale.ROOT).contains("credentials")) {
            return new PipelineException(FailureCode.TTS_UNAUTHORIZED, "polly: no AWS credentials were found: "
                    + abbreviate(message), e);
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return new PipelineException(FailureCode.TTS_UNAVAILABLE, "polly did not answer in time", e);
        }
        return new PipelineException(FailureCode.TTS_UNAVAILABLE, "polly could not be reached: " + abbreviate(message), e);
    }

    /** {@code DescribeVoices} for the configured engine (all pages), else the configured list. */
    private List<Voice> loadVoices() {
        Map<String, Voice> found = new LinkedHashMap<>();
        try {
            String next = null;
            do {
                DescribeVoicesResponse page = client.describeVoices(DescribeVoicesRequest.builder()
                        .engine(engine).nextToken(next).build());
                for (software.amazon.awssdk.services.polly.model.Voice v : page.voices()) {
                    if (v.supportedEngines().isEmpty() || v.supportedEngines().contains(engine)) {
                        Voice voice = voice(v.idAsString(), v.languageCodeAsString(), v.genderAsString(), v.languageName());
                        found.putIfAbsent(voice.id(), voice);
                    }
                }
                next = page.nextToken();
            } while (next != null && !next.isBlank());
        } catch (RuntimeException e) {
            LOG.warn("Listing Amazon Polly's {} voices failed ({}); using PODLOOM_SPEECH_POLLY_VOICES", engine,
                    e.getClass().getSimpleName(), e);
        }
        if (found.isEmpty()) {
            for (String entry : config.voices()) {
                String[] parts = entry.strip().split(":");
                if (parts[0].isBlank()) {
                    continue;
                }
                Voice v = voice(parts[0].strip(), parts.length > 1 ? parts[1].strip() : null,
                        parts.length > 2 ? parts[2].strip() : null, null);
                found.putIfAbsent(v.id(), v);
            }
        }
        if (found.isEmpty()) {
            LOG.warn("The polly speech engine has no voices: check the credentials, or set PODLOOM_SPEECH_POLLY_VOICES");
        }
        return List.copyOf(found.values());
    }

    private Voice voice(String id, String language, String gender, String languageName) {
        String sex = gender == null || gender.isBlank() ? "neutral" : gender.toLowerCase(Locale.ROOT);
        String describedLanguage = languageName != null ? languageName : language != null ? language : "unknown language";
        return new Voice(PREFIX + id, ENGINE, VoiceCatalog.primaryLanguage(language), sex, SAMPLE_RATE,
                id + " (" + describedLanguage + ", Amazon Polly " + engine + ")");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
