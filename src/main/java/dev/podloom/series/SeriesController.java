package dev.podloom.series;

import dev.podloom.auth.Caller;
import dev.podloom.fetch.UrlPolicy;
import dev.podloom.llm.LanguageModel;
import dev.podloom.llm.LlmSettings;
import dev.podloom.metering.IdempotencyRecords;
import dev.podloom.metering.Metering;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.podcasts.PodcastRequestParser;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastSubmission;
import dev.podloom.pricing.EstimateController;
import dev.podloom.pricing.Params;
import dev.podloom.pricing.Pricing;
import dev.podloom.pricing.PricingRules;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.pricing.SeriesQuote;
import dev.podloom.pricing.Tiers;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.shared.TokenType;
import dev.podloom.shows.Shows;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBodies;
import dev.podloom.web.JsonBody;
import dev.podloom.web.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /v1/shows/{show_id}/series}: a language model plans a series from one prompt (charged once, as a
 * script of one episode's length); then each episode is made as its own podcast, charged when it starts, and published
 * to the show in order. {@code GET} shows the plan and each episode's state; {@code POST …/resume} goes on after a
 * top-up or a failed episode.
 */
@Controller("/v1/shows/{showId}/series")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SeriesController {

    static final Set<String> FIELDS = Set.of("prompt", "episodes", "episode_minutes", "style", "language",
            "voice_config", "sources", "tts_model", "intro_text", "outro_text", "seed");
    /** Request fields handed to the podcast request parser as they are (same names, same rules). */
    private static final List<String> PODCAST_FIELDS = List.of("style", "language", "voice_config", "tts_model",
            "intro_text", "outro_text", "seed");
    static final int MAX_PROMPT_CHARS = 500;
    private static final int DEFAULT_EPISODE_MINUTES = 10;

    @Serdeable
    record ErrorView(String code, String message) {
    }

    @Serdeable
    record EpisodeView(int number, String title, String outline, String status, UUID podcastId, String podcastStatus,
                       Integer progress, long creditsCharged, long creditsRefunded, ErrorView error,
                       UUID failedPodcastId, Instant startedAt, Instant completedAt) {
    }

    @Serdeable
    record SeriesView(UUID seriesId, UUID showId, String status, String statusReason, String title,
                      String description, String prompt, int episodeCount, int episodeMinutes, String style,
                      String language, String grounding, String model, long planCredits, long creditsQuoted,
                      long creditsCharged, int episodesCompleted, Instant createdAt, Instant updatedAt,
                      Instant completedAt, List<EpisodeView> episodes) {
    }

    @Serdeable
    record SeriesPage(List<SeriesView> series, int page, int perPage, long total, boolean hasMore) {
    }

    private final SeriesPlanner planner;
    private final SeriesRepository repository;
    private final SeriesRunner runner;
    private final PodcastRequestParser parser;
    private final Shows shows;
    private final Metering metering;
    private final Pricing pricing;
    private final Tiers tiers;
    private final PricingRules rules;
    private final ApiRateLimits rateLimits;
    private final LlmSettings llmSettings;
    private final JsonMapper json;
    private final Clock clock;

    public SeriesController(SeriesPlanner planner, SeriesRepository repository, SeriesRunner runner,
                            PodcastRequestParser parser, Shows shows, Metering metering, Pricing pricing, Tiers tiers,
                            PricingRules rules, ApiRateLimits rateLimits, LlmSettings llmSettings, JsonMapper json,
                            Clock clock) {
        this.planner = planner;
        this.repository = repository;
        this.runner = runner;
        this.parser = parser;
        this.shows = shows;
        this.metering = metering;
        this.pricing = pricing;
        this.tiers = tiers;
        this.rules = rules;
        this.rateLimits = rateLimits;
        this.llmSettings = llmSettings;
        this.json = json;
        this.clock = clock;
    }

    @Post
    @Operation(operationId = "createSeries", summary = "Plan a series from one prompt; its episodes are made and "
            + "published one after the other")
    @ApiResponse(responseCode = "202", description = "Accepted")
    public HttpResponse<?> create(Caller caller, @PathVariable String showId, @Nullable @Body String body,
                                  @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey) {
        UUID show = showUuid(showId);
        String raw = body == null ? "" : body;
        Metering.Claim claim = idempotencyKey == null ? null
                : new Metering.Claim(idempotencyKey, IdempotencyRecords.hash(showId + "\n" + raw));
        if (claim != null) {
            Optional<Metering.Answer> replay = metering.replay(caller.accountId(), claim);
            if (replay.isPresent()) {
                return asResponse(replay.get(), showId);
            }
        }
        JsonBody request = JsonBody.of(parseJson(raw));
        String prompt = request.requiredString("prompt", MAX_PROMPT_CHARS).orElse(null);
        Long episodes = request.wholeNumber("episodes", 1, EstimateController.MAX_SERIES_EPISODES).orElse(null);
        if (episodes == null && !request.hasProblem("episodes")) {
            request.reject("episodes", "is required: how many episodes to plan (1 to "
                    + EstimateController.MAX_SERIES_EPISODES + ")");
        }
        BigDecimal minutes = request.number("episode_minutes").orElse(null);
        if (minutes != null && minutes.stripTrailingZeros().scale() > 0) {
            request.reject("episode_minutes", "must be a whole number of minutes");
        }
        List<String> sources = request.strings("sources", rules.forToken(TokenType.PROD).restrictions().maxUrls(),
                2048).orElse(List.of());
        for (int i = 0; i < sources.size(); i++) {
            String field = "sources[" + i + "]";
            UrlPolicy.problem(sources.get(i)).ifPresent(problem -> request.reject(field, problem));
        }
        request.finish(FIELDS);
        int episodeMinutes = minutes == null ? DEFAULT_EPISODE_MINUTES
                : Params.checkDuration("episode_minutes", minutes, rules).intValueExact();
        shows.owned(caller.accountId(), show); // 404 SHOW_NOT_FOUND for another account's show
        LanguageModel model = planner.model().orElseThrow(() -> new ApiException(ErrorCode.LLM_NOT_CONFIGURED,
                "A series is planned by a language model, and none is configured on this server. Ask the operator "
                        + "to set " + String.join(", ", LlmSettings.VARIABLES) + ".",
                Map.of("field", "prompt", "variables", LlmSettings.VARIABLES, "missing", llmSettings.missing())));

        PodcastSpec template = template(request.raw(), prompt, sources, episodeMinutes, show, caller);
        QuoteRequest episodeQuote = PodcastSubmission.quoteRequest(template);
        String tier = tiers.tierOf(caller.accountId());
        SeriesQuote quote = pricing.quoteSeries(episodeQuote, episodes.intValue(), caller.tokenType(), tier);
        metering.requireBalanceFor(caller, quote.plan());
        SeriesPlanner.Brief brief = new SeriesPlanner.Brief(prompt, episodes.intValue(), episodeMinutes,
                template.style(), template.language(), sources, template.seed());
        Metering.Answer answer = rateLimits.generation(caller, () -> {
            SeriesPlanner.Plan plan = plan(model, brief);
            return metering.submit(new Metering.Order(caller, SeriesQuote.planRequest(episodeQuote), false, "series",
                    claim, charged -> {
                        Instant now = Instant.now(clock);
                        var series = new SeriesRepository.Series(charged.id(), caller.accountId(), show,
                                caller.keyId(), prompt, plan.title(), plan.description(), episodes.intValue(),
                                episodeMinutes, write(template), SeriesStatus.RUNNING, null,
                                charged.quote().finalCredits(), quote.finalCredits(),
                                quote.episode().finalCredits(), plan.model(), now, now, null);
                        repository.insert(series, plan.episodes(), plan.promptTokens(), plan.completionTokens());
                        runner.schedule(series.id(), 1);
                        List<EpisodeView> planned = new ArrayList<>();
                        for (int i = 0; i < plan.episodes().size(); i++) {
                            planned.add(new EpisodeView(i + 1, plan.episodes().get(i).title(),
                                    plan.episodes().get(i).outline(), "pending", null, null, null, 0, 0, null, null,
                                    null, null));
                        }
                        Map<String, Object> meta = new LinkedHashMap<>();
                        meta.put("request_id", RequestIds.current());
                        meta.put("credits_charged", charged.quote().finalCredits());
                        meta.put("credit_balance", charged.balanceAfter());
                        meta.put("credits_quoted", quote.finalCredits());
                        return new Metering.Answer(202, write(Envelope.ok(view(series, template, planned), meta)),
                                false);
                    }));
        });
        return asResponse(answer, showId);
    }

    @Get
    @Operation(operationId = "listSeries", summary = "The show's series, newest first")
    public HttpResponse<Envelope> list(Caller caller, @PathVariable String showId, @Nullable @QueryValue String page,
                                       @Nullable @QueryValue("per_page") String perPage) {
        UUID show = showUuid(showId);
        shows.owned(caller.accountId(), show);
        int pageNumber = Params.positiveInt("page", page, 1);
        int size = Params.positiveInt("per_page", perPage, 20);
        if (size > 100) {
            throw ApiException.invalid("per_page", "'per_page' must be at most 100, not " + size + ".");
        }
        long total = repository.countForShow(show);
        List<SeriesView> items = repository.listForShow(show, size, (pageNumber - 1) * size).stream()
                .map(this::view).toList();
        return ApiResponses.ok(new SeriesPage(items, pageNumber, size, total, (long) pageNumber * size < total));
    }

    @Get("/{seriesId}")
    @Operation(operationId = "getSeries", summary = "A series: its plan and each episode's state")
    public HttpResponse<Envelope> get(Caller caller, @PathVariable String showId, @PathVariable String seriesId) {
        return ApiResponses.ok(view(owned(caller, showId, seriesId)));
    }

    /**
     * Goes on from where the series stopped: a failed episode is made again (as a new podcast), a series waiting for
     * credits or limits tries now; the calling key becomes the one its episodes are charged to. A completed series
     * answers 200 as it is; one with an episode being made goes on as before.
     */
    @Post("/{seriesId}/resume")
    @Operation(operationId = "resumeSeries", summary = "Resume a series that waits for credits or stopped at a "
            + "failed episode")
    @ApiResponse(responseCode = "202", description = "Accepted")
    public HttpResponse<Envelope> resume(Caller caller, @PathVariable String showId, @PathVariable String seriesId) {
        SeriesRepository.Series series = owned(caller, showId, seriesId);
        if (!rules.forToken(caller.tokenType()).restrictions().autoPublish()) {
            throw testKeyRestricted(caller.tokenType());
        }
        boolean resumed = runner.resume(series.id(), caller.keyId());
        SeriesView view = view(owned(caller, showId, seriesId));
        return ApiResponses.status(resumed ? HttpStatus.ACCEPTED : HttpStatus.OK, view, Map.of());
    }

    /**
     * The podcast request every episode is made from, checked by the podcast parser (voices, language, engine, the
     * key's restrictions, the show's intro and outro): the prompt is its topic (or, with sources, its focus), it is
     * written by the language model and published to the show.
     */
    private PodcastSpec template(JsonNode body, String prompt, List<String> sources, int minutes, UUID show,
                                 Caller caller) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("topic", JsonNode.createStringNode(prompt));
        if (!sources.isEmpty()) {
            fields.put("urls", JsonNode.createArrayNode(sources.stream().map(JsonNode::createStringNode).toList()));
        }
        fields.put("target_duration_minutes", JsonNode.createNumberNode(minutes));
        for (String name : PODCAST_FIELDS) {
            JsonNode value = body.get(name);
            if (value != null) {
                fields.put(name, value);
            }
        }
        fields.put("script_writer", JsonNode.createStringNode("llm"));
        fields.put("show_id", JsonNode.createStringNode(show.toString()));
        fields.put("auto_publish", JsonNode.createBooleanNode(true));
        try {
            return parser.parse(JsonNode.createObjectNode(fields), caller);
        } catch (ApiException e) {
            if (e.code() == ErrorCode.TEST_TOKEN_RESTRICTED && "auto_publish".equals(e.details().get("restriction"))) {
                throw testKeyRestricted(caller.tokenType());
            }
            throw e;
        }
    }

    private static ApiException testKeyRestricted(TokenType type) {
        return new ApiException(ErrorCode.TEST_TOKEN_RESTRICTED, "A series publishes its episodes to the show, and "
                + type.id() + " keys may not publish (auto_publish); use a production key.",
                Map.of("restriction", "auto_publish", "limit", false, "token_type", type.id()));
    }

    /** The model's plan; a model that fails is answered at once (nothing was charged). */
    private SeriesPlanner.Plan plan(LanguageModel model, SeriesPlanner.Brief brief) {
        try {
            return planner.plan(model, brief);
        } catch (PipelineException e) {
            ErrorCode code = switch (e.failure().httpStatus()) {
                case 400 -> ErrorCode.INVALID_REQUEST;
                case 409 -> ErrorCode.LLM_NOT_CONFIGURED;
                case 500 -> ErrorCode.INTERNAL_ERROR;
                default -> ErrorCode.SERVICE_UNAVAILABLE;
            };
            Map<String, String> headers = e.retryAfter().map(d -> Map.of("Retry-After",
                    String.valueOf(Math.max(1, d.toSeconds())))).orElse(Map.of());
            throw new ApiException(code, e.clientMessage() + " Nothing was charged.", Map.of("reason", e.code()),
                    headers);
        }
    }

    private SeriesRepository.Series owned(Caller caller, String showId, String seriesId) {
        UUID show = showUuid(showId);
        shows.owned(caller.accountId(), show);
        UUID id;
        try {
            id = UUID.fromString(seriesId);
        } catch (IllegalArgumentException e) {
            throw notFound(seriesId);
        }
        return repository.findOwned(id, caller.accountId(), show).orElseThrow(() -> notFound(seriesId));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.SERIES_NOT_FOUND, "Series " + id + " was not found in this show.",
                Map.of("series_id", id));
    }

    private SeriesView view(SeriesRepository.Series s) {
        List<EpisodeView> episodes = repository.episodes(s.id()).stream().map(e -> new EpisodeView(e.number(),
                e.title(), e.outline(), e.status(), e.podcastId(), e.podcastStatus(), e.progress(),
                e.creditsCharged(), e.creditsRefunded(),
                e.errorCode() == null ? null : new ErrorView(e.errorCode(), e.errorMessage()), e.failedPodcastId(),
                e.startedAt(), e.completedAt())).toList();
        return view(s, readSpec(s.templateSpec()), episodes);
    }

    private static SeriesView view(SeriesRepository.Series s, PodcastSpec template, List<EpisodeView> episodes) {
        long charged = s.planCredits() + episodes.stream().mapToLong(e -> e.creditsCharged() - e.creditsRefunded())
                .sum();
        int completed = (int) episodes.stream().filter(e -> e.status().equals("completed")).count();
        boolean sourced = !template.urls().isEmpty();
        return new SeriesView(s.id(), s.showId(), s.status().id(), s.statusReason(), s.title(), s.description(),
                s.prompt(), s.episodeCount(), s.episodeMinutes(), template.style(), template.language(),
                sourced ? PodcastSpec.GROUNDED : PodcastSpec.UNSOURCED, s.model(), s.planCredits(),
                s.quotedCredits(), charged, completed, s.createdAt(), s.updatedAt(), s.completedAt(), episodes);
    }

    private MutableHttpResponse<String> asResponse(Metering.Answer answer, String showId) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE).body(answer.body());
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (answer.status() == HttpStatus.ACCEPTED.getCode()) {
            seriesIdOf(answer.body()).ifPresent(id -> response.header("Location",
                    "/v1/shows/" + showId + "/series/" + id));
        }
        return response;
    }

    private Optional<String> seriesIdOf(String body) {
        try {
            JsonNode data = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class).get("data");
            return data == null || data.get("series_id") == null ? Optional.empty()
                    : Optional.of(data.get("series_id").getStringValue());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static UUID showUuid(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.SHOW_NOT_FOUND, "Show " + raw + " was not found.",
                    Map.of("show_id", raw));
        }
    }

    private JsonNode parseJson(String body) {
        return JsonBodies.parse(json, body.getBytes(StandardCharsets.UTF_8), "{\"prompt\":\"the history of tea\",\"episodes\":3,\"episode_minutes\":5}");
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
