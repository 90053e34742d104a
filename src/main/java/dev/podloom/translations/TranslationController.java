package dev.podloom.translations;

import dev.podloom.auth.Caller;
import dev.podloom.metering.IdempotencyRecords;
import dev.podloom.metering.Metering;
import dev.podloom.podcasts.PodcastAnswers;
import dev.podloom.podcasts.PodcastRepository;
import dev.podloom.podcasts.PodcastStatus;
import dev.podloom.podcasts.PodcastSubmission;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.web.ApiException;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBodies;
import dev.podloom.web.RequestIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/podcasts/{id}/translations}: a new podcast whose script is the original's, translated. Charged
 * through {@link Metering} like any podcast (the podcast, its job, the charge and the {@code Idempotency-Key} answer in
 * one transaction), then rendered by the same job; a failed translation is refunded once, as a failed podcast is.
 */
@Controller("/v1/podcasts/{id}/translations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class TranslationController {

    @Serdeable
    record Created(UUID podcastId, String status, UUID translationOf, String language, int estimatedDurationMinutes,
                   long creditsCharged) {
    }

    private final TranslationRequests requests;
    private final PodcastSubmission submission;
    private final PodcastRepository podcasts;
    private final Metering metering;
    private final ApiRateLimits rateLimits;
    private final JsonMapper json;

    public TranslationController(TranslationRequests requests, PodcastSubmission submission,
                                 PodcastRepository podcasts, Metering metering, ApiRateLimits rateLimits,
                                 JsonMapper json) {
        this.requests = requests;
        this.submission = submission;
        this.podcasts = podcasts;
        this.metering = metering;
        this.rateLimits = rateLimits;
        this.json = json;
    }

    @Post
    @Operation(operationId = "createTranslation", summary = "Translate a completed podcast into another language "
            + "(a new podcast, charged as a podcast of the same length)")
    @ApiResponse(responseCode = "202", description = "Accepted")
    public HttpResponse<?> create(Caller caller, @PathVariable String id, @Nullable @Body String body,
                                  @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey) {
        byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        // The key covers the podcast translated as well as the body: the same body for another podcast is another request.
        Metering.Claim claim = idempotencyKey == null ? null : new Metering.Claim(idempotencyKey,
                IdempotencyRecords.hash(concat(("translation\n" + id + "\n").getBytes(StandardCharsets.UTF_8), raw)));
        if (claim != null) {
            var replay = metering.replay(caller.accountId(), claim);
            if (replay.isPresent()) {
                return asResponse(replay.get());
            }
        }
        TranslationRequests.Plan plan = requests.plan(caller, id, parseJson(raw));
        UUID originalId = plan.original().id();
        Metering.Answer answer = rateLimits.generation(caller, () -> submission.submit(caller, plan.spec(), claim,
                accepted -> acceptedBody(accepted, originalId, plan.spec().language()),
                accepted -> podcasts.markTranslation(accepted.podcastId(), originalId)));
        return asResponse(answer);
    }

    private String acceptedBody(PodcastSubmission.Accepted accepted, UUID originalId, String language) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", RequestIds.current());
        meta.put("credits_charged", accepted.quote().finalCredits());
        meta.put("credit_balance", accepted.balanceAfter());
        meta.put("credit_multiplier", accepted.quote().creditMultiplier());
        return write(Envelope.ok(new Created(accepted.podcastId(), PodcastStatus.REQUESTED.id(), originalId, language,
                accepted.targetMinutes(), accepted.quote().finalCredits()), meta));
    }

    /** 202 with {@code Location} to the new podcast's status, as for {@code POST /v1/podcasts}. */
    private MutableHttpResponse<String> asResponse(Metering.Answer answer) {
        return PodcastAnswers.of(json, answer);
    }

    private JsonNode parseJson(byte[] raw) {
        JsonNode node = JsonBodies.parse(json, raw, "{\"language\":\"fr\"}");
        if (node == null || !node.isObject()) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "The request body must be a JSON object, e.g. "
                    + "{\"language\":\"fr\"}.");
        }
        return node;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private String write(Object value) {
        return JsonBodies.write(json, value);
    }
}
