package dev.podloom.pricing;

import dev.podloom.auth.Caller;

/**
 * What a translation of one of the caller's podcasts is priced as ({@code estimate-cost?kind=translation}),
 * implemented by the {@code translations} feature with the same code its charge uses, so that pricing does not
 * depend on podcasts.
 */
public interface TranslationQuotes {

    /**
     * The quote request of translating podcast {@code podcastId} into {@code language} spoken by {@code ttsModel}
     * (null: the language's default engine).
     *
     * @throws dev.podloom.web.ApiException 404 for an unknown podcast, 409 when it is not completed, 400 for a
     *                                      language or engine that cannot speak it
     */
    QuoteRequest translation(Caller caller, String podcastId, String language, String ttsModel);
}
