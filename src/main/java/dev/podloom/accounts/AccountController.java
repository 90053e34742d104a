package dev.podloom.accounts;

import dev.podloom.auth.Caller;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.LedgerEntry;
import dev.podloom.pricing.PricingRules;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;

/** The caller's own account: balance ({@code /credits}, as the seed) and everything else about it. */
@Controller("/v1/account")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AccountController {

    @Serdeable
    record Credits(long credits, String tier) {
    }

    @Serdeable
    record ApiKeyView(String type, String prefix, BigDecimal creditMultiplier) {
    }

    /** @param languages language codes this key may use, or "all" */
    @Serdeable
    record RestrictionsView(int maxDurationMinutes, int maxUrls, Object languages, int maxVoices,
                            boolean customFocus, boolean sourceWeights, boolean autoPublish) {

        static RestrictionsView of(PricingRules.Restrictions r) {
            Object languages = r.languages().isEmpty() ? "all" : r.languages().stream().sorted().toList();
            return new RestrictionsView(r.maxDurationMinutes(), r.maxUrls(), languages, r.maxVoices(),
                    r.customFocus(), r.sourceWeights(), r.autoPublish());
        }
    }

    @Serdeable
    record AccountView(UUID accountId, String name, String tier, long credits, int tierMaxCost, ApiKeyView apiKey,
                       RestrictionsView restrictions, PricingRules.RateLimits rateLimits,
                       List<LedgerEntry> recentLedgerEntries) {
    }

    private final Accounts accounts;
    private final CreditLedger ledger;
    private final PricingRules rules;

    public AccountController(Accounts accounts, CreditLedger ledger, PricingRules rules) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.rules = rules;
    }

    @Get("/credits")
    @Operation(operationId = "getCredits", summary = "Check credit balance")
    public HttpResponse<Envelope> credits(Caller caller) {
        Account account = accounts.find(caller.accountId()).orElseThrow();
        return ApiResponses.ok(new Credits(account.balance(), account.tier()));
    }

    @Get
    @Operation(operationId = "getAccount", summary = "The account, the calling key, its restrictions and rate limits")
    public HttpResponse<Envelope> account(Caller caller) {
        Account account = accounts.find(caller.accountId()).orElseThrow();
        PricingRules.TokenRules token = rules.forToken(caller.tokenType());
        return ApiResponses.ok(new AccountView(account.id(), account.name(), account.tier(), account.balance(),
                Math.min(rules.podcast().maxCost(), rules.tierMaxCost(account.tier()).orElse(rules.podcast().maxCost())),
                new ApiKeyView(caller.tokenType().id(), caller.keyPrefix(), token.creditMultiplier()),
                RestrictionsView.of(token.restrictions()), token.rateLimits(), ledger.recentEntries(account.id(), 20)));
    }
}
