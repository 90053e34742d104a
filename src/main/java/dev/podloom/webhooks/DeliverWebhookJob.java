package dev.podloom.webhooks;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.podloom.fetch.FetchConfiguration;
import dev.podloom.fetch.GuardedClients;
import dev.podloom.fetch.UrlPolicy;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.podloom.metrics.PodloomMetrics;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends one attempt of a delivery: a signed POST of the stored body. A 2xx answer delivers it; anything else is
 * recorded (status, error) and the delivery is retried after the next configured delay, until they run out.
 * Redirects are not followed: a receiver must answer at the URL it gave.
 */
@Singleton
public class DeliverWebhookJob {

    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of("deliver-webhook");
    static final String USER_AGENT = "Podloom-Webhooks/1";
    private static final Logger LOG = LoggerFactory.getLogger(DeliverWebhookJob.class);
    private static final MediaType JSON = MediaType.get("application/json");

    /** What the job does next: nothing (delivered or given up), or run again at a time. */
    public sealed interface Outcome {
        record Finished() implements Outcome {
        }

        record RetryAt(Instant when) implements Outcome {
        }
    }

    private final WebhookDeliveries deliveries;
    private final WebhookSecrets secrets;
    private final WebhookSettings settings;
    private final Clock clock;
    private final FetchConfiguration fetch;
    /** Built on the first delivery, not at startup (OkHttp reads the JDK's trust store when it is built). */
    private OkHttpClient client;

    @Inject
    PodloomMetrics metrics; // field-injected to keep the constructor as it was

    public DeliverWebhookJob(WebhookDeliveries deliveries, WebhookSecrets secrets, WebhookSettings settings,
                             FetchConfiguration fetch, Clock clock) {
        this.deliveries = deliveries;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
        this.fetch = fetch;
    }

    private synchronized OkHttpClient client() {
        if (client == null) {
            client = GuardedClients.guard(new OkHttpClient.Builder(), GuardedClients.policy(fetch))
                    .callTimeout(settings.timeout())
                    .connectTimeout(settings.timeout())
                    .readTimeout(settings.timeout())
                    .followRedirects(false)
                    .followSslRedirects(false)
                    .retryOnConnectionFailure(false) // our own retries are counted and spaced
                    .build();
        }
        return client;
    }

    public Outcome run(UUID id) {
        Optional<WebhookDelivery> found = load(id);
        if (found.isEmpty() || !found.get().status().equals("pending")) {
            return new Outcome.Finished(); // already delivered or given up (a revived execution)
        }
        WebhookDelivery delivery = found.get();
        int attempt = delivery.attempts() + 1;
        Optional<String> badUrl = UrlPolicy.problem(delivery.url());
        if (badUrl.isPresent()) {
            // Never deliverable: give up at once instead of retrying for hours.
            return record(delivery, attempt, null, "The callback URL " + badUrl.get() + ".", false);
        }
        String secret = secrets.getOrCreate(delivery.accountId());
        long timestamp = Instant.now(clock).getEpochSecond();
        Request request = new Request.Builder()
                .url(delivery.url())
                .header("webhook-id", delivery.webhookId())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSigner.sign(secret, delivery.webhookId(), timestamp,
                        delivery.payload()))
                .header("User-Agent", USER_AGENT)
                .post(RequestBody.create(delivery.payload(), JSON))
                .build();
        try (Response response = client().newCall(request).execute()) {
            if (response.isSuccessful()) {
                markDelivered(delivery.id(), attempt, response.code());
                countAttempt(true);
                return new Outcome.Finished();
            }
            return record(delivery, attempt, response.code(), "The receiver answered HTTP " + response.code() + ".",
                    true);
        } catch (IOException e) {
            Optional<String> refused = GuardedClients.refusal(e);
            if (refused.isPresent()) {
                return record(delivery, attempt, null, "Refused to call the callback URL: " + refused.get()
                        + " (private addresses are blocked; see podloom.fetch.allow-private-networks).", false);
            }
            String why = e instanceof InterruptedIOException ? "The receiver did not answer within "
                    + settings.timeout().toSeconds() + " s." : "The receiver could not be reached: " + e.getMessage();
            return record(delivery, attempt, null, why, true);
        }
    }

    private Outcome record(WebhookDelivery delivery, int attempt, Integer status, String error, boolean retryable) {
        Optional<Duration> delay = retryable ? settings.delayAfter(attempt) : Optional.empty();
        Instant next = delay.map(d -> Instant.now(clock).plus(d)).orElse(null);
        markFailedAttempt(delivery.id(), attempt, status, error, next);
        countAttempt(false);
        if (next == null) {
            LOG.warn("Webhook {} to {} given up after {} attempt(s): {}", delivery.webhookId(), delivery.url(),
                    attempt, error);
            return new Outcome.Finished();
        }
        LOG.info("Webhook {} attempt {} failed ({}); next at {}", delivery.webhookId(), attempt, error, next);
        return new Outcome.RetryAt(next);
    }

    private void countAttempt(boolean delivered) {
        if (metrics != null) { // null only when a test builds the job by hand
            metrics.webhookAttempt(delivered);
        }
    }

    public Optional<WebhookDelivery> load(UUID id) {
        return deliveries.find(id);
    }

    private void markDelivered(UUID id, int attempt, int status) {
        deliveries.delivered(id, attempt, status, Instant.now(clock));
    }

    private void markFailedAttempt(UUID id, int attempt, Integer status, String error, Instant next) {
        deliveries.attemptFailed(id, attempt, status, error, next);
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }
}
