package dev.podloom.webhooks;

import dev.podloom.jobs.JobScheduler;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Enqueues webhook events. Enqueueing writes a delivery row and a job in the caller's transaction and never calls
 * the network, so it is safe inside the transaction that finishes a podcast; the job sends it.
 */
@Singleton
public class Webhooks {

    public static final String PODCAST_COMPLETED = "podcast.completed";
    public static final String PODCAST_FAILED = "podcast.failed";

    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    /** Looked up when first used: the scheduler needs every task, one of which (rendering) leads back here. */
    private final BeanProvider<JobScheduler> scheduler;
    private final JsonMapper json;
    private final Clock clock;

    public Webhooks(WebhookDeliveries deliveries, WebhookSecrets secrets, BeanProvider<JobScheduler> scheduler,
                    JsonMapper json, Clock clock) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.scheduler = scheduler;
        this.json = json;
        this.clock = clock;
    }

    /** Without a podcast to file the delivery under (e.g. a script). */
    @Transactional
    public UUID enqueue(UUID accountId, String callbackUrl, String eventType, Map<String, Object> data) {
        return enqueue(accountId, callbackUrl, eventType, data, null);
    }

    /**
     * Stores the event {@code {type, timestamp, data}} for {@code callbackUrl} and schedules its delivery; must run
     * inside the transaction of what it reports. The account's signing secret is created here if it has none, so a
     * client can fetch it (rotating it invalidates pending signatures only if it changes before sending).
     *
     * @param podcastId the podcast the event is about, so {@code GET /v1/webhooks/deliveries?podcast_id=} finds it
     * @return the delivery id (its {@code webhook-id} is {@code msg_} + the id without dashes)
     */
    @Transactional
    public UUID enqueue(UUID accountId, String callbackUrl, String eventType, Map<String, Object> data,
                        UUID podcastId) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", eventType);
        event.put("timestamp", now.toString());
        event.put("data", data);
        secrets.getOrCreate(accountId);
        deliveries.insert(id, accountId, podcastId, eventType, callbackUrl, write(event), now);
        scheduler.get().schedule(DeliverWebhookJob.TASK, id.toString());
        return id;
    }

    /** The caller's recent deliveries, newest first, optionally only those about one podcast. */
    @Transactional
    public List<WebhookDelivery> recent(UUID accountId, UUID podcastId, int limit) {
        return deliveries.recent(accountId, podcastId, limit);
    }

    private String write(Map<String, Object> event) {
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
