package dev.podloom.pricing;

import dev.podloom.accounts.Account;
import dev.podloom.accounts.Accounts;
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

/** {@code GET /v1/estimate-cost}: the price of a podcast (or script) before paying for it. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class EstimateController {

    private final Pricing pricing;
    private final Accounts accounts;

    public EstimateController(Pricing pricing, Accounts accounts) {
        this.pricing = pricing;
        this.accounts = accounts;
    }

    @Get("/estimate-cost")
    @Operation(operationId = "estimateCost", summary = "Estimate credit cost")
    public HttpResponse<Envelope> estimate(Caller caller,
                                           @Nullable @QueryValue("duration_minutes") String durationMinutes,
                                           @Nullable @QueryValue("source_count") String sourceCount,
                                           @Nullable @QueryValue("voice_count") String voiceCount,
                                           @Nullable @QueryValue("has_custom_weights") String hasCustomWeights,
                                           @Nullable @QueryValue("kind") String kind) {
        QuoteRequest.Kind quoteKind = switch (kind == null || kind.isBlank() ? "podcast" : kind.strip()) {
            case "podcast" -> QuoteRequest.Kind.PODCAST;
            case "script" -> QuoteRequest.Kind.SCRIPT;
            default -> throw ApiException.invalid("kind", "'kind' must be 'podcast' or 'script', not '" + kind + "'.");
        };
        var request = new QuoteRequest(quoteKind,
                Params.duration("duration_minutes", durationMinutes, BigDecimal.TEN, pricing.rules()),
                Params.positiveInt("source_count", sourceCount, 1),
                Params.positiveInt("voice_count", voiceCount, 2),
                Params.bool("has_custom_weights", hasCustomWeights, false));
        Account account = accounts.find(caller.accountId()).orElseThrow();
        return ApiResponses.ok(pricing.quote(request, caller.tokenType(), account.tier()));
    }
}
