package dev.podloom.metering;

import dev.podloom.accounts.Accounts;
import dev.podloom.auth.Caller;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.InsufficientCreditsException;
import dev.podloom.pricing.CostQuote;
import dev.podloom.pricing.Pricing;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one way credits are spent. {@link #submit} prices a request with {@link Pricing} (the function estimate-cost
 * uses), then in <b>one transaction</b> claims its {@code Idempotency-Key}, locks the balance and the key's
 * generation slots, lets {@link Admission} decide, and writes the charge, what it pays for (the
 * {@link Fulfilment}: a podcast and its job, a script's webhook …), the slot and the key's stored answer. Either all
 * of it commits or none: a retry after any failure or crash replays the committed answer or runs fresh.
 *
 * <p>Concurrent submissions of one account are gathered into batches that share that transaction, so an account's
 * row is locked once per batch rather than once per charge; each request still gets its own answer.
 */
@Singleton
public class Metering {

    /** What the caller wants charged. */
    public record Order(Caller caller, QuoteRequest quote, boolean generation, String what, @Nullable Claim claim,
                        Fulfilment fulfilment) {
    }

    /** The request's {@code Idempotency-Key} and the hash of what it asks for. */
    public record Claim(String key, String requestHash) {
        public Claim {
            IdempotencyRecords.validateKey(key);
        }
    }

    /** Writes what the charge pays for, inside the charging transaction, and renders the answer to store. */
    @FunctionalInterface
    public interface Fulfilment {
        Answer fulfil(Charged charged);
    }

    /** A charge that was taken: the id of the thing paid for, its quote and the balance left. */
    public record Charged(UUID id, CostQuote quote, long balanceAfter, String reference) {
    }

    /** An HTTP answer: status and exact JSON body; {@code replayed} when it is a stored answer sent again. */
    public record Answer(int status, String body, boolean replayed) {
    }

    private final Accounts accounts;
    private final Pricing pricing;
    private final CreditLedger ledger;
    private final IdempotencyRecords idempotency;
    private final GenerationSlots slots;
    private final TransactionOperations<Connection> transactions;

    public Metering(Accounts accounts, Pricing pricing, CreditLedger ledger, IdempotencyRecords idempotency,
                    GenerationSlots slots, TransactionOperations<Connection> transactions) {
        this.accounts = accounts;
        this.pricing = pricing;
        this.ledger = ledger;
        this.idempotency = idempotency;
        this.slots = slots;
        this.transactions = transactions;
    }

    /** The answer already committed under this key, if the same request made it; 422 for another request. */
    public Optional<Answer> replay(UUID accountId, Claim claim) {
        return idempotency.find(accountId, claim.key()).map(stored -> {
            if (!stored.requestHash().equals(claim.requestHash())) {
                throw reused();
            }
            return new Answer(stored.status(), stored.body(), true);
        });
    }

    /** The price of an order for this caller: the same function estimate-cost answers with. */
    public CostQuote quote(Caller caller, QuoteRequest request) {
        return pricing.quote(request, caller.tokenType(), accounts.find(caller.accountId()).orElseThrow().tier());
    }

    /**
     * A fast refusal before expensive work (e.g. writing a script): 402 when the balance cannot cover the quote
     * now. Not a reservation; {@link #submit} decides for real.
     */
    public void requireBalanceFor(Caller caller, CostQuote quote) {
        long balance = accounts.find(caller.accountId()).orElseThrow().balance();
        if (balance < quote.finalCredits()) {
            throw new InsufficientCreditsException(quote.finalCredits(), balance);
        }
    }

    /**
     * Charges one order and writes what it pays for, all in one transaction; or refuses it (402, 429) having
     * written nothing; or replays the committed answer of the same {@code Idempotency-Key}.
     *
     * @throws ApiException 402, 429 (concurrent generations), 409 (the same key is running on this node), 422
     */
    public Answer submit(Order order) {
        Claim claim = order.claim();
        String inFlight = claim == null ? null : order.caller().accountId() + "\n" + claim.key();
        if (inFlight != null) {
            Optional<Answer> done = replay(order.caller().accountId(), claim);
            if (done.isPresent()) {
                return done.get();
            }
            if (!running.add(inFlight)) {
                throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "A request with this Idempotency-Key is "
                        + "still being processed; retry shortly.", Map.of(), Map.of("Retry-After", "1"));
            }
        }
        try {
            for (int round = 0; ; round++) {
                Outcome outcome = enqueue(order);
                switch (outcome) {
                    case Done done -> {
                        return done.answer();
                    }
                    case Refused refused -> throw refused.error();
                    case Conflict ignored -> {
                        // Another node committed (or rolled back) this key while we waited for it.
                        Optional<Answer> done = replay(order.caller().accountId(), claim);
                        if (done.isPresent()) {
                            return done.get();
                        }
                        if (round >= 2) {
                            throw new ApiException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "A request with this "
                                    + "Idempotency-Key is still being processed; retry shortly.", Map.of(),
                                    Map.of("Retry-After", "1"));
                        }
                    }
                }
            }
        } finally {
            if (inFlight != null) {
                running.remove(inFlight);
            }
        }
    }

    /** Gives the generation's slot back to its key (on completion or failure), in the caller's transaction. */
    public void releaseSlot(UUID apiKeyId) {
        slots.release(apiKeyId);
    }

    /** Refunds a failed generation's charge at most once, in the caller's transaction. Empty if already refunded. */
    public Optional<Long> refundOnce(UUID accountId, long amount, String reason, String reference) {
        return ledger.refundOnce(accountId, amount, reason, reference, "refund:" + reference);
    }

    // --- the shell: batching, locks and writes -------------------------------------------------------------------

    private sealed interface Outcome permits Done, Refused, Conflict {
    }

    private record Done(Answer answer) implements Outcome {
    }

    private record Refused(ApiException error) implements Outcome {
    }

    /** The key was claimed by another transaction: look for its committed answer. */
    private record Conflict() implements Outcome {
    }

    private record Pending(Order order, CompletableFuture<Outcome> outcome) {
    }

    private static final class AccountQueue {
        final ArrayDeque<Pending> pending = new ArrayDeque<>();
        boolean running;
    }

    private static final int MAX_BATCH = 64;
    private final ConcurrentHashMap<UUID, AccountQueue> queues = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    /** Whoever finds no batch running for the account leads the next one (FIFO: every request is reached). */
    private Outcome enqueue(Order order) {
        Pending mine = new Pending(order, new CompletableFuture<>());
        UUID accountId = order.caller().accountId();
        AccountQueue queue = queues.computeIfAbsent(accountId, id -> new AccountQueue());
        synchronized (queue) {
            queue.pending.add(mine);
        }
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
                    run(accountId, batch);
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

    /**
     * A batch in one transaction, outcomes published once it has committed; if the transaction fails, each request
     * is tried on its own so that one bad request cannot sink the others.
     */
    private void run(UUID accountId, List<Pending> batch) {
        try {
            List<Outcome> outcomes = transactions.executeWrite(status -> decideAndWrite(accountId, batch));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).outcome().complete(outcomes.get(i));
            }
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                if (isUniqueViolation(e) && batch.getFirst().order().claim() != null) {
                    batch.getFirst().outcome().complete(new Conflict()); // H2 reports the claim race as a violation
                } else {
                    batch.getFirst().outcome().completeExceptionally(e);
                }
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
     * The transaction, in lock order: idempotency claims (sorted by key), the account's balance, the keys' slots
     * (sorted by key id). Then the decision, then every write.
     */
    private List<Outcome> decideAndWrite(UUID accountId, List<Pending> batch) {
        Outcome[] outcomes = new Outcome[batch.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparing(i -> batch.get(i).order().claim() == null ? ""
                : batch.get(i).order().claim().key()));
        for (int i : order) {
            Claim claim = batch.get(i).order().claim();
            if (claim != null && !idempotency.claim(accountId, claim.key(), claim.requestHash())) {
                outcomes[i] = new Conflict();
            }
        }

        List<Integer> live = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            if (outcomes[i] == null) {
                live.add(i);
            }
        }
        if (live.isEmpty()) {
            return List.of(outcomes);
        }
        String tier = accounts.find(accountId).orElseThrow().tier();
        long balance = ledger.lockBalance(accountId);
        Set<UUID> slotKeys = new TreeSet<>();
        live.stream().map(batch::get).filter(p -> p.order().generation())
                .forEach(p -> slotKeys.add(p.order().caller().keyId()));
        Map<UUID, Integer> runningNow = slots.lock(slotKeys);

        List<Admission.Request> requests = new ArrayList<>();
        List<CostQuote> quotes = new ArrayList<>();
        for (int i : live) {
            Order o = batch.get(i).order();
            CostQuote quote = pricing.quote(o.quote(), o.caller().tokenType(), tier);
            quotes.add(quote);
            int limit = pricing.rules().forToken(o.caller().tokenType()).rateLimits().concurrentGenerations();
            requests.add(new Admission.Request(o.caller().keyId(), quote.finalCredits(), o.generation(), limit));
        }
        List<Admission.Decision> decisions = Admission.decide(requests, runningNow, balance);

        List<CreditLedger.Charge> charges = new ArrayList<>();
        List<Charged> charged = new ArrayList<>();
        for (int j = 0; j < live.size(); j++) {
            if (decisions.get(j) instanceof Admission.Accepted accepted) {
                Order o = batch.get(live.get(j)).order();
                UUID id = UUID.randomUUID();
                String reference = o.what() + ":" + id;
                charges.add(new CreditLedger.Charge(quotes.get(j).finalCredits(), chargeReason(o), reference,
                        "charge:" + reference));
                charged.add(new Charged(id, quotes.get(j), accepted.balanceAfter(), reference));
            } else {
                charged.add(null);
            }
        }
        ledger.takeCharges(accountId, balance, charges);
        slots.write(Admission.slotsAfter(requests, decisions, runningNow), runningNow);

        for (int j = 0; j < live.size(); j++) {
            int i = live.get(j);
            Order o = batch.get(i).order();
            switch (decisions.get(j)) {
                case Admission.Accepted ignored -> {
                    Answer answer = o.fulfilment().fulfil(charged.get(j));
                    if (o.claim() != null) {
                        idempotency.answer(accountId, o.claim().key(), answer.status(), answer.body());
                    }
                    outcomes[i] = new Done(answer);
                }
                case Admission.Refused refused -> {
                    if (o.claim() != null) {
                        idempotency.release(accountId, o.claim().key());
                    }
                    outcomes[i] = new Refused(refusal(o.caller(), refused));
                }
            }
        }
        return List.of(outcomes);
    }

    private static String chargeReason(Order o) {
        return o.what() + " " + o.quote().durationMinutes().stripTrailingZeros().toPlainString() + " min";
    }

    private static ApiException refusal(Caller caller, Admission.Refused refused) {
        return switch (refused.reason()) {
            case INSUFFICIENT_CREDITS -> new InsufficientCreditsException(refused.limit(), refused.balance());
            case CONCURRENT_GENERATIONS -> {
                long limit = refused.limit();
                yield new ApiException(ErrorCode.RATE_LIMITED, "This key already has " + limit + " podcast"
                        + (limit == 1 ? "" : "s") + " generating; " + caller.tokenType().id() + " keys may run "
                        + limit + " at a time. Retry when one finishes.",
                        Map.of("limit", "concurrent_generations", "concurrent_generations", limit, "running", limit),
                        Map.of("Retry-After", "10"));
            }
        };
    }

    private static ApiException reused() {
        return new ApiException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "This Idempotency-Key was already used with a "
                + "different request body. Use a new key for a new request.",
                Map.of("field", IdempotencyRecords.HEADER));
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
