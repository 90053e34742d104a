package dev.podloom.admin;

import dev.podloom.accounts.Account;
import dev.podloom.accounts.Accounts;
import dev.podloom.auth.ApiKeys;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.LedgerEntry;
import dev.podloom.podcasts.Podcast;
import dev.podloom.podcasts.PodcastRepository;
import dev.podloom.pricing.PricingRules;
import dev.podloom.shared.TokenType;
import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBody;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import dev.podloom.podcasts.PodcastWritings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

@Controller("/admin/v1")
@Requires(property = AdminTokenFilter.PROPERTY, pattern = ".+")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {

    private static final long MAX_CREDITS = 1_000_000_000L;

    @Serdeable
    record AccountCreated(UUID accountId, String name, String tier, long credits) {
    }

    @Serdeable
    record KeyCreated(UUID keyId, UUID accountId, String apiKey, String type, String prefix, Instant expiresAt) {
    }

    @Serdeable
    record KeyRevoked(UUID keyId, boolean revoked) {
    }

    @Serdeable
    record CreditsGranted(UUID accountId, long credits, long granted) {
    }

    @Serdeable
    record AccountDetails(UUID accountId, String name, String tier, long credits, Instant createdAt,
                          List<ApiKeys.KeyInfo> apiKeys, List<LedgerEntry> recentLedgerEntries,
                          PodcastWritings.Totals languageModelUsage) {
    }

    @Serdeable
    record PodcastUsage(UUID podcastId, UUID accountId, String status, long creditsCharged, long creditsRefunded,
                        Double durationSeconds, Map<String, Long> speechCharacters) {
    }

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final CreditLedger ledger;
    private final PricingRules rules;
    private final Clock clock;
    private final PodcastWritings writings;

    private final PodcastRepository podcasts;

    public AdminController(Accounts accounts, ApiKeys apiKeys, CreditLedger ledger, PricingRules rules, Clock clock,
                           PodcastRepository podcasts, PodcastWritings writings) {
        this.podcasts = podcasts;
        this.writings = writings;
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.ledger = ledger;
        this.rules = rules;
        this.clock = clock;
    }

    @Post("/accounts")
    @Operation(operationId = "adminCreateAccount", summary = "Create an account (operator)")
    @ApiResponse(responseCode = "201", description = "Created")
    public HttpResponse<Envelope> createAccount(@Nullable @Body JsonNode body) {
        JsonBody json = JsonBody.of(body);
        String name = json.requiredString("name", 200).orElse(null);
        String tier = json.string("tier", 50).orElse(rules.defaultTier());
        if (!rules.tiers().contains(tier)) {
            json.reject("tier", "must be one of " + rules.tiers());
        }
        long credits = json.wholeNumber("credits", 0, MAX_CREDITS).orElse(0L);
        json.finish(Set.of("name", "tier", "credits"));
        Account account = accounts.create(name, tier, credits);
        return ApiResponses.status(HttpStatus.CREATED,
                new AccountCreated(account.id(), account.name(), account.tier(), account.balance()), Map.of());
    }

    @Get("/accounts/{accountId}")
    @Operation(operationId = "adminGetAccount", summary = "An account: balance, keys (prefixes), recent ledger entries (operator)")
    public HttpResponse<Envelope> account(@PathVariable String accountId) {
        Account account = existingAccount(accountId);
        return ApiResponses.ok(new AccountDetails(account.id(), account.name(), account.tier(), account.balance(),
                account.createdAt(), apiKeys.list(account.id()), ledger.recentEntries(account.id(), 50),
                writings.totals(account.id())));
    }

    /** One podcast's money and provider usage: credits charged and refunded, characters sent per speech engine. */
    @Operation(operationId = "adminGetPodcast", summary = "One podcast's money and provider usage (operator)")
    @Get("/podcasts/{podcastId}")
    public HttpResponse<Envelope> podcast(@PathVariable String podcastId) {
        UUID id;
        try {
            id = UUID.fromString(podcastId);
        } catch (IllegalArgumentException e) {
            throw new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + podcastId + " was not found.");
        }
        Podcast p = podcasts.find(id).orElseThrow(() ->
                new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + podcastId + " was not found."));
        return ApiResponses.ok(new PodcastUsage(p.id(), p.accountId(), p.status().id(), p.creditsCharged(),
                p.creditsRefunded(), p.durationSeconds(), podcasts.speechUsage(p.id())));
    }

    /** Body: {@code {"type":"test"|"prod", "expires_at":"2027-01-01T00:00:00Z"?, "expires_in_days":30?}}. */
    @Post("/accounts/{accountId}/api-keys")
    @Operation(operationId = "adminCreateApiKey", summary = "Issue an API key, shown in full this once (operator)")
    @ApiResponse(responseCode = "201", description = "Created")
    public HttpResponse<Envelope> createKey(@PathVariable String accountId, @Nullable @Body JsonNode body) {
        Account account = existingAccount(accountId);
        JsonBody json = JsonBody.of(body);
        String typeId = json.requiredString("type", 10).orElse(null);
        TokenType type = TokenType.fromId(typeId).orElse(null);
        if (typeId != null && type == null) {
            json.reject("type", "must be 'test' or 'prod'");
        }
        Instant expiresAt = json.string("expires_at", 64).map(s -> parseInstant(json, s)).orElse(null);
        Long days = json.wholeNumber("expires_in_days", 1, 3650).orElse(null);
        if (expiresAt != null && days != null) {
            json.reject("expires_in_days", "give either expires_at or expires_in_days, not both");
        } else if (days != null) {
            expiresAt = Instant.now(clock).plus(Duration.ofDays(days));
        }
        if (expiresAt != null && !expiresAt.isAfter(Instant.now(clock))) {
            json.reject("expires_at", "must be in the future");
        }
        json.finish(Set.of("type", "expires_at", "expires_in_days"));
        ApiKeys.IssuedKey key = apiKeys.issue(account.id(), type, expiresAt);
        return ApiResponses.status(HttpStatus.CREATED, new KeyCreated(key.keyId(), account.id(), key.apiKey(),
                key.type().id(), key.prefix(), key.expiresAt()), Map.of());
    }

    @Delete("/api-keys/{keyId}")
    @Operation(operationId = "adminRevokeApiKey", summary = "Revoke an API key (operator)")
    public HttpResponse<Envelope> revokeKey(@PathVariable String keyId) {
        UUID id = uuid("key_id", keyId, ErrorCode.API_KEY_NOT_FOUND);
        if (!apiKeys.revoke(id)) {
            throw new ApiException(ErrorCode.API_KEY_NOT_FOUND, "No API key " + keyId + ".");
        }
        return ApiResponses.ok(new KeyRevoked(id, true));
    }

    /** Body: {@code {"amount":100, "reason":"top-up"}}. */
    @Post("/accounts/{accountId}/credits")
    @Operation(operationId = "adminGrantCredits", summary = "Grant credits to an account (operator)")
    public HttpResponse<Envelope> grantCredits(@PathVariable String accountId, @Nullable @Body JsonNode body) {
        Account account = existingAccount(accountId);
        JsonBody json = JsonBody.of(body);
        Long amount = json.wholeNumber("amount", 1, MAX_CREDITS).orElse(null);
        if (amount == null && !json.hasProblem("amount")) {
            json.reject("amount", "is required");
        }
        String reason = json.string("reason", 500).orElse("operator grant");
        json.finish(Set.of("amount", "reason"));
        long balance = ledger.grant(account.id(), amount, reason, "admin");
        return ApiResponses.ok(new CreditsGranted(account.id(), balance, amount));
    }

    private Account existingAccount(String accountId) {
        UUID id = uuid("account_id", accountId, ErrorCode.ACCOUNT_NOT_FOUND);
        return accounts.find(id)
                .orElseThrow(() -> new ApiException(ErrorCode.ACCOUNT_NOT_FOUND, "No account " + accountId + "."));
    }

    /** A malformed id cannot name anything: answer it like an unknown one. */
    private static UUID uuid(String field, String raw, ErrorCode notFound) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new ApiException(notFound, "No " + field.replace("_id", "") + " " + raw + ".", Map.of("field", field));
        }
    }

    private static Instant parseInstant(JsonBody json, String raw) {
        try {
            return Instant.parse(raw);
        } catch (DateTimeParseException e) {
            json.reject("expires_at", "must be an ISO-8601 instant such as 2027-01-01T00:00:00Z");
            return null;
        }
    }
}
