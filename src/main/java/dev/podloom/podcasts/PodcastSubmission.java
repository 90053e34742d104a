package dev.podloom.podcasts;

import dev.podloom.accounts.Account;
import dev.podloom.accounts.Accounts;
import dev.podloom.auth.Caller;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.InsufficientCreditsException;
import dev.podloom.jobs.JobScheduler;
import dev.podloom.pricing.CostQuote;
import dev.podloom.pricing.Pricing;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.shared.Sql;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Accepts podcasts: generation slot, charge, podcast row and render job in one transaction, so a podcast
 * is never charged without a job or the reverse. Concurrent submissions of one account share that
 * transaction (see {@link #submit}), which is what lets one account take hundreds of charges a second.
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
    private final TransactionOperations<Connection> transactions;

    public PodcastSubmission(Sql sql, Accounts accounts, Pricing pricing, CreditLedger ledger,
                             PodcastRepository podcasts, JobScheduler jobs, JsonMapper json, Clock clock,
                             TransactionOperations<Connection> transactions) {
        this.sql = sql;
        this.accounts = accounts;
        this.pricing = pricing;
        this.ledger = ledger;
        this.podcasts = podcasts;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
        this.transactions = transactions;
    }

    public static QuoteRequest quoteRequest(PodcastSpec spec) {
        return QuoteRequest.podcast(spec.targetMinutes(), spec.sourceCount(), spec.voices().size(),
                spec.sourceWeights() != null).withEngine(spec.engine());
    }

    /**
     * Accepts one podcast. Concurrent submissions for the same account are gathered into batches that
     * share one transaction: the account's balance row and its keys' rows are locked once per batch and
     * released by one COMMIT, instead of once per podcast (which capped one account at about 90 a second).
     * Every request still gets its own answer: accepted, 402 or 429, decided in arrival order.
     */
    public Accepted submit(Caller caller, PodcastSpec spec) {
        Pending mine = new Pending(caller, spec, new CompletableFuture<>());
        AccountQueue queue = queues.computeIfAbsent(caller.accountId(), id -> new AccountQueue());
        synchronized (queue) {
            queue.pending.add(mine);
        }
        // Whoever finds no batch running leads the next one (FIFO, so every request is reached in turn).
        while (!mine.outcome().isDone()) {
            List<Pending> batch = null;
            synchronized (queue) {
                if (!mine.outcome().isDone() && queue.running) {
                    try {
                        queue.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while queued", e);
                    }
                    continue;
                }
                if (!mine.outcome().isDone()) {
                    queue.running = true;
                    batch = new ArrayList<>();
                    while (!queue.pending.isEmpty() && batch.size() < MAX_BATCH) {
                        batch.add(queue.pending.poll());
                    }
                }
            }
            if (batch != null) {
                try {
                    run(caller.accountId(), batch);
                } finally {
                    synchronized (queue) {
                        queue.running = false;
                        queue.notifyAll();
                    }
                }
            }
        }
        try {
            return mine.outcome().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static final int MAX_BATCH = 64;
    private final ConcurrentHashMap<UUID, AccountQueue> queues = new ConcurrentHashMap<>();

    private static final class AccountQueue {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        boolean running;
    }

    record Pending(Caller caller, PodcastSpec spec, CompletableFuture<Accepted> outcome) {
    }

    /**
     * A batch in one transaction, its outcomes published once it has committed; if the transaction
     * itself fails, each request is tried on its own so one bad request cannot sink the others.
     */
    private void run(UUID accountId, List<Pending> batch) {
        try {
            List<Object> outcomes = transactions.executeWrite(status -> decide(accountId, batch));
            for (int i = 0; i < batch.size(); i++) {
                if (outcomes.get(i) instanceof Accepted a) {
                    batch.get(i).outcome().complete(a);
                } else {
                    batch.get(i).outcome().completeExceptionally((RuntimeException) outcomes.get(i));
                }
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.getFirst().outcome().completeExceptionally(e);
                return;
            }
            for (Pending p : batch) {
                if (!p.outcome().isDone()) {
                    run(accountId, List.of(p));
                }
            }
        }
    }

    /**
     * One transaction for a batch: lock the batch's keys (in id order) and give each request a generation
     * slot while its key has one, take the charges in arrival order while the balance covers them, then
     * insert the accepted podcasts and their jobs. Returns per request an {@link Accepted} or the refusal.
     */
    private List<Object> decide(UUID accountId, List<Pending> batch) {
        Account account = accounts.find(accountId).orElseThrow();
        Map<UUID, Integer> running = new TreeMap<>();
        batch.forEach(p -> running.put(p.caller().keyId(), 0));
        for (UUID keyId : running.keySet()) {
            running.put(keyId, sql.one("SELECT running_generations FROM api_keys WHERE id = ? FOR UPDATE",
                    rs -> rs.getInt(1), keyId).orElseThrow());
        }
        List<RuntimeException> refused = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        List<Integer> slotted = new ArrayList<>();
        List<CostQuote> quotes = new ArrayList<>();
        List<CreditLedger.Charge> charges = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            CostQuote quote = pricing.quote(quoteRequest(p.spec()), p.caller().tokenType(), account.tier());
            quotes.add(quote);
            int limit = pricing.rules().forToken(p.caller().tokenType()).rateLimits().concurrentGenerations();
            if (running.get(p.caller().keyId()) >= limit) {
                refused.set(i, tooManyRunning(p.caller(), limit));
                continue;
            }
            UUID id = UUID.randomUUID();
            String reference = "podcast:" + id;
            slotted.add(i);
            ids.add(id);
            charges.add(new CreditLedger.Charge(quote.finalCredits(), "podcast " + p.spec().targetMinutes() + " min",
                    reference, "charge:" + reference));
            running.merge(p.caller().keyId(), 1, Integer::sum); // held for now; given back below if unpaid
        }
        List<CreditLedger.ChargeResult> results = ledger.chargeInOrder(accountId, charges);

        Instant now = Instant.now(clock);
        List<Object[]> rows = new ArrayList<>();
        List<String> jobIds = new ArrayList<>();
        List<Accepted> accepted = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        for (int j = 0; j < slotted.size(); j++) {
            int i = slotted.get(j);
            Pending p = batch.get(i);
            CostQuote quote = quotes.get(i);
            if (!results.get(j).taken()) {
                refused.set(i, new InsufficientCreditsException(quote.finalCredits(), results.get(j).balance()));
                running.merge(p.caller().keyId(), -1, Integer::sum);
                continue;
            }
            UUID id = ids.get(j);
            String spec = toJson(p.spec());
            rows.add(new Object[]{id, accountId, p.caller().keyId(), spec, p.spec().language(), p.spec().style(),
                    p.spec().targetMinutes(), quote.finalCredits(), now});
            jobIds.add(id.toString());
            accepted.set(i, new Accepted(new Podcast(id, accountId, p.caller().keyId(), PodcastStatus.REQUESTED,
                    "queued", 0, spec, null, p.spec().language(), p.spec().style(), p.spec().targetMinutes(),
                    quote.finalCredits(), 0, null, null, null, false, null, null, null, null, null, 0, now, null,
                    null), quote, results.get(j).balance()));
        }
        podcasts.insertAll(rows);
        if (!jobIds.isEmpty()) {
            jobs.scheduleAll(RenderPodcastJob.TASK, jobIds);
        }
        for (Map.Entry<UUID, Integer> key : running.entrySet()) {
            sql.update("UPDATE api_keys SET running_generations = ? WHERE id = ?", key.getValue(), key.getKey());
        }
        List<Object> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(accepted.get(i) != null ? accepted.get(i) : refused.get(i));
        }
        return outcomes;
    }

    private static ApiException tooManyRunning(Caller caller, int limit) {
        return new ApiException(ErrorCode.RATE_LIMITED, "This key already has " + limit + " podcast"
                + (limit == 1 ? "" : "s") + " generating; " + caller.tokenType().id() + " keys may run "
                + limit + " at a time. Retry when one finishes.",
                Map.of("limit", "concurrent_generations", "concurrent_generations", limit, "running", limit),
                Map.of("Retry-After", "10"));
    }

    private String toJson(PodcastSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
