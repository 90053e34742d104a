package dev.podloom.podcasts;

import dev.podloom.accounts.Account;
import dev.podloom.accounts.Accounts;
import dev.podloom.auth.Caller;
import dev.podloom.credits.CreditLedger;
import dev.podloom.jobs.JobScheduler;
import dev.podloom.pricing.CostQuote;
import dev.podloom.pricing.Pricing;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.shared.Sql;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts a podcast in one transaction: concurrency check, charge, podcast row, render job. Either
 * all of it commits or none of it does, so a podcast is never charged without a job or vice versa.
 */
@Singleton
public class PodcastSubmission {

    /** What the 202 answer reports. */
    public record Accepted(Podcast podcast, CostQuote quote, long balanceAfter) {
    }

    private final Sql sql;
    private final Accounts accounts;
    private final Pricing pricing;
    private final CreditLedger ledger;
    private final PodcastRepository podcasts;
    private final JobScheduler jobs;
    private final JsonMapper json;
    private final Clock clock;

    public PodcastSubmission(Sql sql, Accounts accounts, Pricing pricing, CreditLedger ledger,
                             PodcastRepository podcasts, JobScheduler jobs, JsonMapper json, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.pricing = pricing;
        this.ledger = ledger;
        this.podcasts = podcasts;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    public static QuoteRequest quoteRequest(PodcastSpec spec) {
        return QuoteRequest.podcast(spec.targetMinutes(), spec.sourceCount(), spec.voices().size(),
                spec.sourceWeights() != null);
    }

    /**
     * Cheap, uncontended work first (reads, pricing, inserts); the two rows every concurrent submission
     * of this key and account competes for are updated last, each with a guarded UPDATE, so their locks
     * are held only until the COMMIT that follows.
     */
    @Transactional
    public Accepted submit(Caller caller, PodcastSpec spec) {
        Account account = accounts.find(caller.accountId()).orElseThrow();
        CostQuote quote = pricing.quote(quoteRequest(spec), caller.tokenType(), account.tier());
        UUID id = UUID.randomUUID();
        Podcast podcast = podcasts.insert(id, account.id(), caller.keyId(), toJson(spec), spec.language(),
                spec.style(), spec.targetMinutes(), quote.finalCredits(), Instant.now(clock));
        jobs.schedule(RenderPodcastJob.TASK, id.toString());

        reserveGenerationSlot(caller);
        String reference = "podcast:" + id;
        long balance = ledger.charge(account.id(), quote.finalCredits(), "podcast " + spec.targetMinutes() + " min",
                reference, "charge:" + reference);
        return new Accepted(podcast, quote, balance);
    }

    /** The concurrent-generation limit: a slot on the key, given back when the podcast finishes. */
    private void reserveGenerationSlot(Caller caller) {
        int limit = pricing.rules().forToken(caller.tokenType()).rateLimits().concurrentGenerations();
        int reserved = sql.update("UPDATE api_keys SET running_generations = running_generations + 1 "
                + "WHERE id = ? AND running_generations < ?", caller.keyId(), limit);
        if (reserved == 0) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "This key already has " + limit + " podcast"
                    + (limit == 1 ? "" : "s") + " generating; " + caller.tokenType().id() + " keys may run "
                    + limit + " at a time. Retry when one finishes.",
                    Map.of("limit", "concurrent_generations", "concurrent_generations", limit, "running", limit),
                    Map.of("Retry-After", "10"));
        }
    }

    private String toJson(PodcastSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
