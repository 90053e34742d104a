package dev.podloom.webhooks;

import dev.podloom.auth.Caller;
import dev.podloom.pricing.Params;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;

/** The account's webhook signing secret, and what was delivered with it. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class WebhookController {

    private static final int MAX_LIMIT = 100;

    /** @param secret the full secret: shown only in the answer to creation or rotation */
    @Serdeable
    record SecretCreated(String secret, String prefix, Instant createdAt) {
    }

    @Serdeable
    record SecretStatus(boolean configured, String prefix, Instant createdAt) {
    }

    @Serdeable
    record DeliveryView(String webhookId, String eventType, UUID podcastId, String url, String status, int attempts,
                        Integer lastStatusCode, String lastError, Instant nextAttemptAt, Instant createdAt,
                        Instant deliveredAt) {
    }

    @Serdeable
    record DeliveryList(List<DeliveryView> deliveries) {
    }

    private final WebhookSecrets secrets;
    private final Webhooks webhooks;

    public WebhookController(WebhookSecrets secrets, Webhooks webhooks) {
        this.secrets = secrets;
        this.webhooks = webhooks;
    }

    /** Creates the secret, or replaces it: deliveries are signed with the new one from now on. */
    @Post("/v1/account/webhook-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Create or rotate the webhook secret (shown once)")
    public HttpResponse<Envelope> rotate(Caller caller) {
        String secret = secrets.rotate(caller.accountId());
        WebhookSecrets.SecretInfo info = secrets.info(caller.accountId()).orElseThrow();
        return ApiResponses.status(HttpStatus.CREATED, new SecretCreated(secret, info.prefix(), info.createdAt()),
                Map.of());
    }

    @Get("/v1/account/webhook-secret")
    @Operation(operationId = "getWebhookSecret", summary = "Whether a webhook secret is set")
    public HttpResponse<Envelope> status(Caller caller) {
        return ApiResponses.ok(secrets.info(caller.accountId())
                .map(i -> new SecretStatus(true, i.prefix(), i.createdAt()))
                .orElse(new SecretStatus(false, null, null)));
    }

    @Get("/v1/webhooks/deliveries")
    @Operation(operationId = "listWebhookDeliveries", summary = "Recent webhook deliveries")
    public HttpResponse<Envelope> deliveries(Caller caller, @Nullable @QueryValue("podcast_id") String podcastId,
                                             @Nullable @QueryValue String limit) {
        int size = Params.positiveInt("limit", limit, 20);
        if (size > MAX_LIMIT) {
            throw ApiException.invalid("limit", "'limit' must be at most " + MAX_LIMIT + ", not " + size + ".");
        }
        UUID podcast = null;
        if (podcastId != null && !podcastId.isBlank()) {
            try {
                podcast = UUID.fromString(podcastId.strip());
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("podcast_id", "'podcast_id' must be a podcast id.");
            }
        }
        return ApiResponses.ok(new DeliveryList(webhooks.recent(caller.accountId(), podcast, size).stream()
                .map(d -> new DeliveryView(d.webhookId(), d.eventType(), d.podcastId(), d.url(), d.status(),
                        d.attempts(), d.lastStatus(), d.lastError(), d.nextAttemptAt(), d.createdAt(),
                        d.deliveredAt()))
                .toList()));
    }
}
