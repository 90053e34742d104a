package dev.podloom.podcasts;

import dev.podloom.auth.Caller;
import dev.podloom.metering.IdempotencyRecords;
import dev.podloom.metering.Metering;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.web.Envelope;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** {@code POST /v1/podcasts/{id}/revisions}: a new version of a completed podcast that re-speaks only what changed. */
@Controller("/v1/podcasts")
@ExecuteOn(TaskExecutors.BLOCKING)
public class RevisionController {

    @Serdeable
    record Created(UUID podcastId, String status, UUID revisionOf, List<Integer> changedTurns,
                   BigDecimal respokenMinutes, int estimatedDurationMinutes, long creditsCharged) {
    }

    private final PodcastRevisions revisions;
    private final Metering metering;
    private final ApiRateLimits rateLimits;
    private final JsonMapper json;

    public RevisionController(PodcastRevisions revisions, Metering metering, ApiRateLimits rateLimits,
                              JsonMapper json) {
        this.revisions = revisions;
        this.metering = metering;
        this.rateLimits = rateLimits;
        this.json = json;
    }

    @Post("/{id}/revisions")
    @Operation(operationId = "createPodcastRevision",
            summary = "Revise a completed podcast: a new version re-speaking only the edited turns")
    @ApiResponse(responseCode = "202", description = "Accepted")
    public HttpResponse<?> revise(Caller caller, @PathVariable String id, @Nullable @Body String body,
                                  @Nullable @Header(IdempotencyRecords.HEADER) String idempotencyKey) {
        byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        Metering.Claim claim = idempotencyKey == null ? null : new Metering.Claim(idempotencyKey,
                IdempotencyRecords.hash(("revision\n" + id + "\n" + new String(raw, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8)));
        if (claim != null) {
            Optional<Metering.Answer> replay = metering.replay(caller.accountId(), claim);
            if (replay.isPresent()) {
                return asResponse(replay.get());
            }
        }
        PodcastRevisions.Prepared prepared = revisions.prepare(caller, id, parseJson(raw));
        Metering.Answer answer = rateLimits.generation(caller,
                () -> revisions.submit(caller, prepared, claim, this::acceptedBody));
        return asResponse(answer);
    }

    private String acceptedBody(PodcastRevisions.Accepted accepted) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", RequestIds.current());
        meta.put("credits_charged", accepted.finalCredits());
        meta.put("credit_balance", accepted.balanceAfter());
        meta.put("credit_multiplier", accepted.creditMultiplier());
        PodcastRevisions.Prepared p = accepted.prepared();
        return write(Envelope.ok(new Created(accepted.podcastId(), PodcastStatus.REQUESTED.id(), p.original().id(),
                p.plan().changedTurns(), p.plan().respokenMinutes(), p.spec().targetMinutes(),
                accepted.finalCredits()), meta));
    }

    /** 202 with {@code Location} to the new version's status, as for a new podcast. */
    private MutableHttpResponse<String> asResponse(Metering.Answer answer) {
        return PodcastAnswers.of(json, answer);
    }

    private JsonNode parseJson(byte[] raw) {
        return JsonBodies.parse(json, raw, "{\"edits\":[{\"turn\":3,\"text\":\"The corrected line.\"}]}");
    }

    private String write(Object value) {
        return JsonBodies.write(json, value);
    }
}
