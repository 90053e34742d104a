package dev.podloom.podcasts;

import dev.podloom.auth.Caller;
import dev.podloom.metering.IdempotencyRecords;
import dev.podloom.metering.Metering;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pricing.Params;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.script.ScriptWriterSelection;
import dev.podloom.storage.ObjectStore;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBodies;
import dev.podloom.web.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** The Podhoc workflow: create, poll, download; plus listing and details. */
@Controller("/v1/podcasts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PodcastController {

    static final Duration LINK_TTL = Duration.ofHours(1);
    static final Duration POLL_INTERVAL = Duration.ofSeconds(10);

    @Serdeable
    record Created(UUID podcastId, String status, int estimatedDurationMinutes, long creditsCharged) {
    }

    @Serdeable
    record ErrorView(String code, String message) {
    }

    @Serdeable
    record StatusView(UUID podcastId, String status, int progress, String stage, Instant startedAt,
                      Instant completedAt, ErrorView error, long creditsCharged, long creditsRefunded) {
    }

    @Serdeable
    record Links(String status, String download, String transcript, String chapters, String script) {
    }

    @Serdeable
    record DetailsView(UUID podcastId, String status, int progress, String title, List<String> sources, String style,
                       String language, List<PodcastSpec.VoiceChoice> voices, int targetDurationMinutes,
                       Double durationSeconds, boolean sourcesExhausted, long creditsCharged, long creditsRefunded,
                       Instant createdAt, Instant startedAt, Instant completedAt, ErrorView error, Links links,
                       List<String> speechEngines, Map<String, Long> speechCharacters, WritingView writing,
                       String topic, String grounding, String introText, String outroText, UUID translationOf,
                       List<PodcastRepository.TranslationRef> translations, UUID revisionOf) {
    }

    /** Which writer wrote (or will write) the script, with which model, and whether it fell back. */
    @Serdeable
    record WritingView(String writer, String model, String fallbackReason, Long promptTokens,
                       Long completionTokens) {
    }

    @Serdeable
    record Page(List<DetailsView> podcasts, int page, int perPage, long total, boolean hasMore) {
    }

    @Serdeable
    record Download(String downloadUrl, Instant expiresAt, String format, Long durationSeconds, Long sizeBytes) {
    }

    private final PodcastRequestParser parser;
    private final PodcastSubmission submission;
    private final PodcastRepository podcasts;
    private final Metering metering;
    private final ObjectStore store;
    private final ApiRateLimits rateLimits;
    private final DocumentUploads documents;
    private final JsonMapper json;
    private final Clock clock;
    private final PodcastWritings writings;
    private final ScriptWriterSelection writers;

    public PodcastController(PodcastRequestParser parser, PodcastSubmission submission, PodcastRepository podcasts,
                             Metering metering, ObjectStore store, ApiRateLimits rateLimits,
                             DocumentUploads documents, JsonMapper json, Clock clock, PodcastWritings writings,
                             ScriptWriterSelection writers) {
        this.writings = writings;
        this.writers = writers;
        this.parser = parser;
        this.submission = submission;
        this.podcasts = podcasts;
        this.metering = metering;
        this.store = store;
        this.rateLimits = rateLimits;
        this.documents = documents;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createPodcast", summary = "Create a podcast")
    @ApiResponse(responseCode = "202", description = "Accepted")
    public HttpResponse<?> create(Caller caller, @Nullable @Body String body,
                                  @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey) {
        byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        JsonNode node = parseJson(raw);
        return create(caller, node, raw, null, idempotencyKey);
    }

    /**
     * A podcast from an uploaded document: part {@code document} (the file) and, optionally, part
     * {@code request} holding the same JSON options as the JSON endpoint (without urls, or with them).
     */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    // The multipart body is documented by hand (src/main/openapi/podloom-api.yml) after the JSON one: client
    // generators take an operation's first body, and the JSON one is what most clients send.
    @Hidden
    public HttpResponse<?> createFromDocument(Caller caller, @Nullable @Part("document") CompletedFileUpload document,
                                              @Nullable @Part("request") String request,
                                              @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey)
            throws IOException {
        if (document == null) {
            throw ApiException.invalid("document", "A multipart request needs a 'document' file part.");
        }
        byte[] options = request == null || request.isBlank() ? "{}".getBytes(StandardCharsets.UTF_8)
                : request.getBytes(StandardCharsets.UTF_8);
        JsonNode node = parseJson(options);
        SourceDocument upload = documents.read(document);
        byte[] fingerprint = (IdempotencyRecords.hash(options) + IdempotencyRecords.hash(document.getBytes()))
                .getBytes(StandardCharsets.US_ASCII);
        return create(caller, node, fingerprint, upload, idempotencyKey);
    }

    private HttpResponse<?> create(Caller caller, JsonNode node, byte[] fingerprint, SourceDocument upload,
                                   String idempotencyKey) {
        Metering.Claim claim = idempotencyKey == null ? null
                : new Metering.Claim(idempotencyKey, IdempotencyRecords.hash(fingerprint));
        if (claim != null) {
            Optional<Metering.Answer> replay = metering.replay(caller.accountId(), claim);
            if (replay.isPresent()) {
                return asResponse(replay.get());
            }
        }
        PodcastSpec spec = parser.parse(node, caller, upload);
        // Only valid requests count as generations, and only accepted ones use the budget up.
        Metering.Answer answer = rateLimits.generation(caller,
                () -> submission.submit(caller, spec, claim, this::acceptedBody));
        return asResponse(answer);
    }

    private String acceptedBody(PodcastSubmission.Accepted accepted) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", RequestIds.current());
        meta.put("credits_charged", accepted.quote().finalCredits());
        meta.put("credit_balance", accepted.balanceAfter());
        meta.put("credit_multiplier", accepted.quote().creditMultiplier());
        return write(Envelope.ok(new Created(accepted.podcastId(), PodcastStatus.REQUESTED.id(),
                accepted.targetMinutes(), accepted.quote().finalCredits()), meta));
    }

    /** A fresh or replayed answer: 202 with {@code Location} to the status and the seed's polling pace. */
    private MutableHttpResponse<String> asResponse(Metering.Answer answer) {
        return PodcastAnswers.of(json, answer);
    }

    @Get
    @Operation(operationId = "listPodcasts", summary = "The caller's podcasts, newest first")
    public HttpResponse<Envelope> list(Caller caller, @Nullable @QueryValue String page,
                                       @Nullable @QueryValue("per_page") String perPage,
                                       @Nullable @QueryValue String status) {
        int pageNumber = Params.positiveInt("page", page, 1);
        int size = Params.positiveInt("per_page", perPage, 20);
        if (size > 100) {
            throw ApiException.invalid("per_page", "'per_page' must be at most 100, not " + size + ".");
        }
        PodcastStatus filter = status == null || status.isBlank() ? null : Arrays.stream(PodcastStatus.values())
                .filter(s -> s.id().equals(status.strip())).findFirst()
                .orElseThrow(() -> ApiException.invalid("status", "'status' must be one of requested, processing, "
                        + "completed, failed."));
        long total = podcasts.countOwned(caller.accountId(), filter);
        List<DetailsView> items = podcasts.listOwned(caller.accountId(), filter, size, (pageNumber - 1) * size)
                .stream().map(this::details).toList();
        return ApiResponses.ok(new Page(items, pageNumber, size, total, (long) pageNumber * size < total));
    }

    @Get("/{id}")
    @Operation(operationId = "getPodcast", summary = "Podcast details")
    public HttpResponse<Envelope> get(Caller caller, @PathVariable String id) {
        return ApiResponses.ok(details(owned(caller, id)));
    }

    @Get("/{id}/status")
    @Operation(operationId = "getPodcastStatus", summary = "Poll generation status")
    public HttpResponse<Envelope> status(Caller caller, @PathVariable String id) {
        Podcast p = owned(caller, id);
        MutableHttpResponse<Envelope> response = ApiResponses.ok(new StatusView(p.id(), p.status().id(), p.progress(),
                p.stage(), p.startedAt(), p.completedAt(), error(p), p.creditsCharged(), p.creditsRefunded()));
        if (!p.status().finished()) {
            // when to poll again: far enough apart that a test key's 10 requests a minute are never the limit
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(POLL_INTERVAL.toSeconds()));
        }
        return response;
    }

    @Get("/{id}/download")
    @Operation(operationId = "getPodcastDownload", summary = "Download podcast (a fresh link, valid 1 h)")
    public HttpResponse<Envelope> download(Caller caller, @PathVariable String id) {
        Podcast p = ready(owned(caller, id));
        return ApiResponses.ok(link(p, p.audioKey(), "mp3", fileName(p, "mp3"), p.audioBytes()));
    }

    @Get("/{id}/transcript")
    @Operation(operationId = "getPodcastTranscript", summary = "A fresh link to the WebVTT transcript")
    public HttpResponse<Envelope> transcript(Caller caller, @PathVariable String id) {
        Podcast p = ready(owned(caller, id));
        return ApiResponses.ok(link(p, p.transcriptKey(), "vtt", fileName(p, "vtt"), null));
    }

    /**
     * The script as written: turns with their citations resolved to {@code {id, source, passage}}, chapters, and the
     * writer and model. A ready dialogue's script has no citations.
     */
    @Operation(operationId = "getPodcastScript", summary = "The script as written, with its citations resolved to source passages")
    @Get("/{id}/script")
    public HttpResponse<Envelope> script(Caller caller, @PathVariable String id) {
        Podcast p = ready(owned(caller, id));
        String key = writings.find(p.id()).map(PodcastWritings.Writing::scriptKey).orElse(null);
        if (key == null || store.stat(key).isEmpty()) {
            throw new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + id + " was made before scripts were "
                    + "kept; its transcript is at /v1/podcasts/" + id + "/transcript.", Map.of("podcast_id", id));
        }
        try (java.io.InputStream in = store.open(key, 0, store.stat(key).get().size())) {
            return ApiResponses.ok(json.readValue(in.readAllBytes(), Object.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/{id}/chapters")
    @Operation(operationId = "getPodcastChapters", summary = "A fresh link to the JSON chapters")
    public HttpResponse<Envelope> chapters(Caller caller, @PathVariable String id) {
        Podcast p = ready(owned(caller, id));
        return ApiResponses.ok(link(p, p.chaptersKey(), "json", fileName(p, "chapters.json"), null));
    }

    private Download link(Podcast p, String key, String format, String fileName, Long size) {
        Instant expires = Instant.now(clock).plus(LINK_TTL);
        Long seconds = p.durationSeconds() == null ? null : Math.round(p.durationSeconds());
        return new Download(store.downloadUrl(key, LINK_TTL, fileName).toString(), expires, format, seconds, size);
    }

    private Podcast owned(Caller caller, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return podcasts.findOwned(uuid, caller.accountId()).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + id + " was not found.",
                Map.of("podcast_id", id));
    }

    private static Podcast ready(Podcast p) {
        if (p.status() != PodcastStatus.COMPLETED) {
            String why = p.status() == PodcastStatus.FAILED
                    ? "Podcast " + p.id() + " failed (" + p.errorCode() + ") and has no audio; its credits were refunded."
                    : "Podcast " + p.id() + " is still " + p.status().id() + " (" + p.progress() + "%); poll "
                    + "/v1/podcasts/" + p.id() + "/status until it is completed.";
            throw new ApiException(ErrorCode.PODCAST_NOT_READY, why,
                    Map.of("status", p.status().id(), "progress", p.progress()));
        }
        return p;
    }

    private DetailsView details(Podcast p) {
        PodcastSpec spec = readSpec(p.spec());
        String base = "/v1/podcasts/" + p.id();
        boolean done = p.status() == PodcastStatus.COMPLETED;
        // Which engines spoke, and how many characters each was sent: known once the podcast completed.
        Map<String, Long> usage = done ? podcasts.speechUsage(p.id()) : Map.of();
        List<String> sources = new java.util.ArrayList<>(spec.urls());
        if (spec.documents() != null) {
            spec.documents().forEach(d -> sources.add(d.origin()));
        }
        if (spec.dialogue() != null) {
            sources.add("dialogue");
        }
        return new DetailsView(p.id(), p.status().id(), p.progress(), p.title(), sources, p.style(), p.language(),
                spec.voices(), p.targetMinutes(), p.durationSeconds(), p.sourcesExhausted(), p.creditsCharged(),
                p.creditsRefunded(), p.createdAt(), p.startedAt(), p.completedAt(), error(p),
                new Links(base + "/status", done ? base + "/download" : null, done ? base + "/transcript" : null,
                        done ? base + "/chapters" : null, done ? base + "/script" : null),
                List.copyOf(usage.keySet()), usage, writing(p, spec), spec.topic(), spec.grounding(), spec.introText(),
                spec.outroText(), podcasts.translationOf(p.id()).orElse(null), podcasts.translations(p.id()),
                spec.revision() == null ? null : spec.revision().of());
    }

    private WritingView writing(Podcast p, PodcastSpec spec) {
        if (spec.dialogue() != null) {
            return null;
        }
        return writings.find(p.id()).map(w -> new WritingView(w.writer(), w.model(), w.fallbackReason(),
                        w.promptTokens(), w.completionTokens()))
                .orElseGet(() -> new WritingView(spec.writer(),
                        spec.writer().equals("llm") ? writers.modelName() : null, null, null, null));
    }

    private static ErrorView error(Podcast p) {
        return p.errorCode() == null ? null : new ErrorView(p.errorCode(), p.errorMessage());
    }

    private static String fileName(Podcast p, String extension) {
        String base = p.title() == null ? "podcast" : p.title().replaceAll("[^A-Za-z0-9]+", "-")
                .replaceAll("(^-|-$)", "").toLowerCase(java.util.Locale.ROOT);
        if (base.isEmpty()) {
            base = "podcast";
        }
        return (base.length() > 60 ? base.substring(0, 60) : base) + "." + extension;
    }

    private JsonNode parseJson(byte[] raw) {
        return JsonBodies.parse(json, raw, "{\"urls\":[\"https://example.com/article\"]}");
    }

    private PodcastSpec readSpec(String spec) {
        try {
            return json.readValue(spec, PodcastSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        return JsonBodies.write(json, value);
    }
}
