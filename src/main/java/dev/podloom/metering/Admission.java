package dev.podloom.metering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who may be charged, decided in arrival order from plain values: a request that needs a generation slot gets one
 * while its key runs fewer than its limit, then is charged while the balance covers it. Pure: no SQL, no locks.
 */
public final class Admission {

    private Admission() {
    }

    /**
     * One request to decide.
     *
     * @param keyId                the API key it came with
     * @param cost                 credits it costs
     * @param takesSlot            whether it runs as a generation (podcasts) and so needs a concurrency slot
     * @param concurrentGeneration how many generations its key may run at once
     */
    public record Request(UUID keyId, long cost, boolean takesSlot, int concurrentGeneration) {
        public Request {
            if (cost < 0) {
                throw new IllegalArgumentException("cost must not be negative");
            }
        }
    }

    /** What happened to one request. */
    public sealed interface Decision permits Accepted, Refused {
    }

    /** Charged; {@code balanceAfter} is the account's balance once this charge is taken. */
    public record Accepted(long balanceAfter) implements Decision {
    }

    /** Not charged, with the reason. */
    public record Refused(Reason reason, long limit, long balance) implements Decision {
    }

    public enum Reason {
        /** The key already runs as many generations as it may. */
        CONCURRENT_GENERATIONS,
        /** The balance does not cover the cost. */
        INSUFFICIENT_CREDITS
    }

    /**
     * @param requests in arrival order
     * @param running  generations each key runs now (missing keys run none)
     * @param balance  the account's balance before these requests
     * @return one decision per request, in the same order
     */
    public static List<Decision> decide(List<Request> requests, Map<UUID, Integer> running, long balance) {
        Map<UUID, Integer> slots = new HashMap<>(running);
        List<Decision> decisions = new ArrayList<>(requests.size());
        long left = balance;
        for (Request r : requests) {
            int busy = slots.getOrDefault(r.keyId(), 0);
            if (r.takesSlot() && busy >= r.concurrentGeneration()) {
                decisions.add(new Refused(Reason.CONCURRENT_GENERATIONS, r.concurrentGeneration(), left));
            } else if (r.cost() > left) {
                decisions.add(new Refused(Reason.INSUFFICIENT_CREDITS, r.cost(), left));
            } else {
                left -= r.cost();
                if (r.takesSlot()) {
                    slots.put(r.keyId(), busy + 1);
                }
                decisions.add(new Accepted(left));
            }
        }
        return decisions;
    }

    /** The slots each key holds after the decisions (what the shell writes back). */
    public static Map<UUID, Integer> slotsAfter(List<Request> requests, List<Decision> decisions,
                                                Map<UUID, Integer> running) {
        Map<UUID, Integer> slots = new HashMap<>(running);
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).takesSlot() && decisions.get(i) instanceof Accepted) {
                slots.merge(requests.get(i).keyId(), 1, Integer::sum);
            }
        }
        return slots;
    }
}
