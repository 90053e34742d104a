package dev.podloom.webhooks;

import dev.podloom.fetch.UrlPolicy;
import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastFinishedListener;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** A finished podcast with a {@code callback_url} gets a webhook carrying its status body. */
@Singleton
public class WebhookListener implements PodcastFinishedListener {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookListener.class);
    private final Webhooks webhooks;

    public WebhookListener(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public void podcastFinished(Podcast podcast, PodcastSpec spec) {
        if (spec.callbackUrl() == null) {
            return;
        }
        var problem = UrlPolicy.problem(spec.callbackUrl());
        if (problem.isPresent()) {
            // Requests are validated with the same rule; skipping (not failing) keeps the podcast's outcome intact.
            LOG.warn("Podcast {} has an unusable callback_url ({}); no webhook sent", podcast.id(), problem.get());
            return;
        }
        String type = podcast.status() == PodcastStatus.COMPLETED ? Webhooks.PODCAST_COMPLETED : Webhooks.PODCAST_FAILED;
        webhooks.enqueue(podcast.accountId(), spec.callbackUrl(), type, statusBody(podcast), podcast.id());
    }

    /** The same fields as {@code GET /v1/podcasts/{id}/status}. */
    static Map<String, Object> statusBody(Podcast p) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("podcast_id", p.id().toString());
        data.put("status", p.status().id());
        data.put("progress", p.progress());
        data.put("stage", p.stage());
        data.put("started_at", p.startedAt() == null ? null : p.startedAt().toString());
        data.put("completed_at", p.completedAt() == null ? null : p.completedAt().toString());
        Map<String, Object> error = null;
        if (p.errorCode() != null) {
            error = new LinkedHashMap<>();
            error.put("code", p.errorCode());
            error.put("message", p.errorMessage());
        }
        data.put("error", error);
        data.put("credits_charged", p.creditsCharged());
        data.put("credits_refunded", p.creditsRefunded());
        return data;
    }
}
