package dev.podloom.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * One event to deliver to one URL, as stored.
 *
 * @param status     {@code pending}, {@code delivered} or {@code failed} (gave up)
 * @param lastStatus the receiver's HTTP status on the last attempt, or null when none answered
 */
public record WebhookDelivery(UUID id, UUID accountId, UUID podcastId, String eventType, String url, String payload,
                              String status, int attempts, Integer lastStatus, String lastError,
                              Instant nextAttemptAt, Instant createdAt, Instant deliveredAt) {

    /** The {@code webhook-id} header: stable across retries so receivers can drop duplicates. */
    public String webhookId() {
        return "msg_" + id.toString().replace("-", "");
    }
}
