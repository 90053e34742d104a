package dev.podloom.pricing;

import dev.podloom.speech.VoiceCatalog;
import dev.podloom.web.ErrorCode;
import java.util.Map;

import dev.podloom.auth.Caller;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.math.BigDecimal;
import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /v1/estimate-cost}: the price of a podcast (or script, or a whole series, or a translation or a revision
 * of one of the caller's podcasts: {@code kind=revision} with {@code podcast_id} and {@code edits} or
 * {@code dialogue} as URL-encoded JSON) before paying for it.
 */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EstimateController {

    /** The most episodes one series may plan. */
    public static final int MAX_SERIES_EPISODES = 20;

    private final Pricing pricing;
    private final Tiers tiers;
    private final VoiceCatalog catalog;
    private final TranslationQuotes translations;
    private final RevisionEstimates revisions;

    public EstimateController(Pricing pricing, Tiers tiers, VoiceCatalog catalog, TranslationQuotes translations,
                              RevisionEstimates revisions) {
        this.pricing = pricing;
        this.tiers = tiers;
        this.catalog = catalog;
        this.translations = translations;
        this.revisions = revisions;
    }

    @Get("/estimate-cost")
    @Operation(operationId = "estimateCost", summary = "Estimate credit cost")
    public HttpResponse<Envelope> estimate(Caller caller,
                                           @Nullable @QueryValue("duration_minutes") String durationMinutes,
                                           @Nullable @QueryValue("source_count") String sourceCount,
                                           @Nullable @QueryValue("voice_count") String voiceCount,
                                           @Nullable @QueryValue("has_custom_weights") String hasCustomWeights,
                                           @Nullable @QueryValue("kind") String kind,
                                           @Nullable @QueryValue("tts_model") String ttsModel,
                                           @Nullable @QueryValue("language") String language,
                                           @Nullable @QueryValue("episodes") String episodes,
                                           @Nullable @QueryValue("podcast_id") String podcastId,
                                           @Nullable @QueryValue("edits") String edits,
                                           @Nullable @QueryValue("dialogue") String dialogue) {
        String tier = tiers.tierOf(caller.accountId());
        if ("revision".equals(kind == null ? null : kind.strip())) {
            // The revision's own function: the podcast's engine and the minutes its edits re-speak.
            if (podcastId == null || podcastId.isBlank()) {
                throw ApiException.invalid("podcast_id", "'kind=revision' needs 'podcast_id', the podcast to revise.");
            }
            return ApiResponses.ok(pricing.quote(revisions.revisionQuote(caller, podcastId.strip(), edits, dialogue),
                    caller.tokenType(), tier));
        }
        if ("translation".equals(kind == null ? null : kind.strip())) {
            // A translation of one of the caller's podcasts: priced as a podcast of its length, as its charge is.
            if (podcastId == null || podcastId.isBlank()) {
                throw ApiException.invalid("podcast_id", "'podcast_id' is required with kind=translation: the "
                        + "podcast to translate.");
            }
            if (language == null || language.isBlank()) {
                throw ApiException.invalid("language", "'language' is required with kind=translation: the "
                        + "language to translate into.");
            }
            return ApiResponses.ok(pricing.quote(translations.translation(caller, podcastId.strip(), language.strip(),
                    ttsModel == null || ttsModel.isBlank() ? null : ttsModel.strip()), caller.tokenType(), tier));
        }
        String asked = kind == null || kind.isBlank() ? "podcast" : kind.strip();
        QuoteRequest.Kind quoteKind = switch (asked) {
            case "podcast", "series" -> QuoteRequest.Kind.PODCAST;
            case "script" -> QuoteRequest.Kind.SCRIPT;
            default -> throw ApiException.invalid("kind", "'kind' must be 'podcast', 'script', 'series', "
                    + "'translation' or 'revision', not '" + kind + "'.");
        };
        if (!asked.equals("series") && episodes != null) {
            throw ApiException.invalid("episodes", "'episodes' applies to kind=series only.");
        }
        int episodeCount = asked.equals("series") ? seriesEpisodes(episodes) : 0;
        var request = new QuoteRequest(quoteKind,
                Params.duration("duration_minutes", durationMinutes, BigDecimal.TEN, pricing.rules()),
                Params.positiveInt("source_count", sourceCount, 1),
                Params.positiveInt("voice_count", voiceCount, 2),
                Params.bool("has_custom_weights", hasCustomWeights, false))
                .withEngine(engine(ttsModel, language));
        if (asked.equals("series")) {
            return ApiResponses.ok(pricing.quoteSeries(request, episodeCount, caller.tokenType(), tier));
        }
        return ApiResponses.ok(pricing.quote(request, caller.tokenType(), tier));
    }

    /** {@code episodes} of a series: required, 1 to {@value #MAX_SERIES_EPISODES}. */
    private static int seriesEpisodes(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid("episodes", "'episodes' is required with kind=series (1 to "
                    + MAX_SERIES_EPISODES + ").");
        }
        int n = Params.positiveInt("episodes", raw, 1);
        if (n > MAX_SERIES_EPISODES) {
            throw ApiException.invalid("episodes", "'episodes' must be at most " + MAX_SERIES_EPISODES + ", not " + n
                    + ".");
        }
        return n;
    }

    /** The engine {@code tts_model} means (as at POST /v1/podcasts), else the language's default engine. */
    private String engine(String ttsModel, String language) {
        if (ttsModel == null || ttsModel.isBlank()) {
            return catalog.defaultEngine(language).orElse(null);
        }
        return catalog.resolveEngine(ttsModel.strip(), language).orElseThrow(() -> new ApiException(
                ErrorCode.INVALID_REQUEST, "Unknown tts_model '" + ttsModel + "'.",
                Map.of("field", "tts_model", "tts_models", catalog.ttsModels())));
    }
}
