package dev.podloom.scripts;

import dev.podloom.auth.Caller;
import dev.podloom.metering.IdempotencyRecords;
import dev.podloom.metering.Metering;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.Passage;
import dev.podloom.script.ScriptWriterSelection;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceFetcher;
import dev.podloom.podcasts.DocumentUploads;
import dev.podloom.podcasts.PodcastRequestParser;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.web.ApiException;
import dev.podloom.webhooks.Webhooks;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBodies;
import dev.podloom.web.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code POST /v1/scripts}: the same sources and options as a podcast ({@code urls}, {@code text_content},
 * a {@code document} upload; {@code topic} is the focus angle, or with no source the whole subject of a script the
 * language model writes from its own knowledge), answered with the script at once.
 */
@Controller("/v1/scripts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ScriptController {

    @Serdeable
    record SegmentView(String title, int firstTurn) {
    }

    @Serdeable
    record ScriptView(String title, String style, String stylePrompt, List<List<String>> dialogue,
                      List<SegmentView> segments, int wordCount, int estimatedDurationMinutes,
                      boolean sourcesExhausted, long creditsCharged, String writer, String model,
                      String fallbackReason, List<TurnView> turns, String grounding) {
    }

    /** A turn with its citations resolved to the passages of the sources it rests on. */
    @Serdeable
    record TurnView(String speaker, String text, List<CiteView> cites) {
    }

    @Serdeable
    record CiteView(int id, String source, String passage) {
    }

    /** Podcast options that make no sense for a script (it has no audio, is not published, is written here). */
    private static final java.util.Set<String> NOT_FOR_SCRIPTS = java.util.Set.of("dialogue", "custom_focus", "title",
            "auto_publish", "show_id", "tts_model", "pronunciations");

    private final PodcastRequestParser parser;
    private final DocumentUploads documents;
    private final SourceFetcher fetcher;
    private final ScriptWriterSelection writers;
    private final VoiceCatalog catalog;
    private final Metering metering;
    private final ApiRateLimits rateLimits;
    private final JsonMapper json;
    private final Webhooks webhooks;

    public ScriptController(PodcastRequestParser parser, DocumentUploads documents, SourceFetcher fetcher,
                            ScriptWriterSelection writers, VoiceCatalog catalog, Metering metering, ApiRateLimits rateLimits,
                            JsonMapper json, Webhooks webhooks) {
        this.parser = parser;
        this.documents = documents;
        this.fetcher = fetcher;
        this.writers = writers;
        this.catalog = catalog;
        this.metering = metering;
        this.rateLimits = rateLimits;
        this.json = json;
        this.webhooks = webhooks;
    }

    @Post
    @Operation(operationId = "createScript", summary = "Write a script only")
    public HttpResponse<?> create(Caller caller, @Nullable @Body String body,
                                  @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey) {
        String raw = body == null ? "" : body;
        return write(caller, raw, idempotencyKey, () -> parseJson(raw), null);
    }

    /** Part {@code document} (the file) and optionally part {@code request} with the JSON options. */
    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    // The multipart body is documented by hand (src/main/openapi/podloom-api.yml) after the JSON one: client
    // generators take an operation's first body, and the JSON one is what most clients send.
    @Hidden
    public HttpResponse<?> createFromDocument(Caller caller,
                                              @Nullable @Part("document") CompletedFileUpload document,
                                              @Nullable @Part("request") String request,
                                              @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey)
            throws IOException {
        if (document == null) {
            throw ApiException.invalid("document", "A multipart request needs a 'document' file part.");
        }
        String options = request == null || request.isBlank() ? "{}" : request;
        String fingerprint = IdempotencyRecords.hash(options) + IdempotencyRecords.hash(document.getBytes());
        return write(caller, fingerprint, idempotencyKey, () -> parseJson(options), documents.read(document));
    }

    /**
     * Replays a committed answer for the same {@code Idempotency-Key}; else parses, refuses early what the balance
     * cannot pay (nothing is written yet), writes the script, and charges it through {@link Metering}: the charge,
     * the {@code script.completed} webhook and the key's answer commit together. A script that cannot be written
     * costs nothing.
     */
    private HttpResponse<?> write(Caller caller, String fingerprint, String idempotencyKey,
                                  java.util.function.Supplier<JsonNode> body, SourceDocument upload) {
        Metering.Claim claim = idempotencyKey == null ? null
                : new Metering.Claim(idempotencyKey, IdempotencyRecords.hash(fingerprint));
        if (claim != null) {
            Optional<Metering.Answer> replay = metering.replay(caller.accountId(), claim);
            if (replay.isPresent()) {
                return asResponse(replay.get());
            }
        }
        PodcastSpec spec = parser.parse(asPodcastRequest(body.get(), upload != null), caller, upload);
        QuoteRequest quoteRequest = new QuoteRequest(QuoteRequest.Kind.SCRIPT,
                BigDecimal.valueOf(spec.targetMinutes()), spec.sourceCount(), spec.voices().size(), false);
        metering.requireBalanceFor(caller, metering.quote(caller, quoteRequest));
        Metering.Answer answer = rateLimits.generation(caller, () -> {
            Script script = writeScript(spec);
            return metering.submit(new Metering.Order(caller, quoteRequest, false, "script", claim, charged -> {
                if (spec.callbackUrl() != null) {
                    webhooks.enqueue(caller.accountId(), spec.callbackUrl(), "script.completed", Map.of(
                            "title", script.title(), "style", script.style(), "word_count", script.wordCount(),
                            "turns", script.turns().size(), "credits_charged", charged.quote().finalCredits()));
                }
                return new Metering.Answer(200, render(spec, script, charged), false);
            }));
        });
        return asResponse(answer);
    }

    private String render(PodcastSpec spec, Script script, Metering.Charged charged) {
        List<List<String>> dialogue = script.turns().stream().map(t -> List.of(t.speaker(), t.text())).toList();
        List<SegmentView> segments = script.segments().stream()
                .map(s -> new SegmentView(s.title(), s.firstTurn())).toList();
        int minutes = (int) Math.max(1, Math.round(script.wordCount() / (wordsPerSecond(spec) * 60)));
        long credits = charged.quote().finalCredits();
        var view = new ScriptView(script.title(), script.style(),
                PodcastStyle.byId(script.style()).map(PodcastStyle::description).orElse(script.style()), dialogue,
                segments, script.wordCount(), minutes, script.sourcesExhausted(), credits,
                script.authorship().writer(), script.authorship().model(), script.authorship().fallbackReason(),
                turnViews(script), spec.grounding());
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", RequestIds.current());
        meta.put("credits_charged", credits);
        meta.put("credit_balance", charged.balanceAfter());
        try {
            return json.writeValueAsString(Envelope.ok(view, meta));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> asResponse(Metering.Answer answer) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response;
    }

    private static List<TurnView> turnViews(Script script) {
        Map<Integer, Passage> passages = new LinkedHashMap<>();
        script.passages().forEach(p -> passages.put(p.id(), p));
        return script.turns().stream().map(t -> new TurnView(t.speaker(), t.text(), t.cites().stream()
                .filter(passages::containsKey).map(id -> new CiteView(id, passages.get(id).source(),
                        passages.get(id).text())).toList())).toList();
    }

    private Script writeScript(PodcastSpec spec) {
        try {
            List<String> speakers = spec.voices().stream().map(PodcastSpec.VoiceChoice::speaker).toList();
            return writers.select(spec.writer()).write(new ScriptRequest(sources(spec), spec.style(),
                    wordBudget(spec), spec.unsourced() ? spec.topic() : spec.customFocus(), spec.sourceWeights(),
                    spec.language(), speakers, spec.profiles(), spec.seed()))
                    .framed(speakers.getFirst(), spec.introText(), spec.outroText());
        } catch (PipelineException e) {
            throw asApiError(e);
        }
    }

    /**
     * The podcast parser knows every source and option; with sources, {@code topic} is its {@code custom_focus};
     * without, it is a topic-only script that the language model writes from its own knowledge.
     */
    private JsonNode asPodcastRequest(JsonNode body, boolean upload) {
        if (body == null || !body.isObject()) {
            return body;
        }
        boolean sources = upload || body.get("urls") != null || body.get("text_content") != null;
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.entries()) {
            String name = e.getKey();
            if (NOT_FOR_SCRIPTS.contains(name)) {
                throw ApiException.invalid(name, "'" + name + "' does not apply to scripts"
                        + (name.equals("custom_focus") ? "; use 'topic' for the focus angle." : "."));
            }
            fields.put(name.equals("topic") && sources ? "custom_focus" : name, e.getValue());
        }
        return JsonNode.createObjectNode(fields);
    }

    /**
     * Nothing is charged yet, so a failure is just an answer: the sources' problems are the caller's to
     * fix (400, the pipeline's code in details.reason); an engine that fails is ours (503).
     */
    private static ApiException asApiError(PipelineException e) {
        ErrorCode status = switch (e.failure().httpStatus()) {
            case 400 -> ErrorCode.INVALID_REQUEST;
            case 409 -> ErrorCode.LLM_NOT_CONFIGURED;
            case 500 -> ErrorCode.INTERNAL_ERROR;
            default -> ErrorCode.SERVICE_UNAVAILABLE;
        };
        return new ApiException(status, e.clientMessage(), Map.of("reason", e.code()));
    }

    private List<SourceDocument> sources(PodcastSpec spec) {
        List<SourceDocument> sources = new ArrayList<>();
        for (String url : spec.urls()) {
            try {
                sources.add(fetcher.fetch(URI.create(url)));
            } catch (PipelineException e) {
                throw new ApiException(ErrorCode.INVALID_REQUEST, e.clientMessage(),
                        Map.of("field", "urls", "reason", e.code(), "url", url));
            }
        }
        if (spec.documents() != null) {
            sources.addAll(spec.documents());
        }
        return sources;
    }

    private int wordBudget(PodcastSpec spec) {
        return (int) Math.round(spec.targetMinutes() * 60 * wordsPerSecond(spec));
    }

    /** The chosen voices' measured pace, so the script fits the minutes asked for once it is spoken. */
    private double wordsPerSecond(PodcastSpec spec) {
        try {
            return spec.voices().stream().map(v -> catalog.find(v.voice()).orElseThrow())
                    .mapToDouble(catalog::wordsPerSecond).average().orElse(2.5);
        } catch (PipelineException e) {
            throw asApiError(e);
        }
    }

    private JsonNode parseJson(String body) {
        return JsonBodies.parse(json, body.getBytes(StandardCharsets.UTF_8), "{\"urls\":[\"https://example.com/article\"]}");
    }
}
