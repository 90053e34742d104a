package dev.podloom.pricing;

import dev.podloom.auth.Caller;

/**
 * What {@code GET /v1/estimate-cost?kind=revision} prices: a revision of one of the caller's podcasts, worked out
 * exactly as {@code POST /v1/podcasts/{id}/revisions} works it out (implemented beside the podcasts, which pricing
 * must not depend on).
 */
public interface RevisionEstimates {

    /**
     * The quote request of a revision of {@code podcastId} with {@code edits} or {@code dialogue} (JSON, as in the
     * revision's body).
     *
     * @throws dev.podloom.web.ApiException 400, 404 or 409 exactly as the revision itself would answer
     */
    QuoteRequest revisionQuote(Caller caller, String podcastId, String edits, String dialogue);
}
