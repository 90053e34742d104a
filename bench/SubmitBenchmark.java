/*
 * Submit benchmark: POST /v1/podcasts latency and throughput against a running service (jobs disabled, limits
 * raised), then an exact check of the money. Run with bench/submit-benchmark.sh, which starts the service.
 *
 * Args: base-url admin-token label [clients=32] [seconds=20] [warmup-seconds=8] [accounts=1]
 * With several accounts (each with its own prod key), client i submits on account i mod accounts.
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

public class SubmitBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long INITIAL_CREDITS = 500_000_000L;
    // The cheapest podcast (1 minute, one URL, two voices): nothing is fetched while jobs are disabled.
    static final String BODY = "{\"urls\":[\"http://127.0.0.1:9/article\"],\"target_duration_minutes\":1}";

    static String base;
    static String admin;
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** What one phase (warm-up or measurement) saw. */
    static final class Phase {
        final LongAdder accepted = new LongAdder();
        final LongAdder[] acceptedBy;
        final LongAdder[] chargedBy;
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        final List<long[]> latencies = new ArrayList<>(); // one array per client, nanoseconds
        final int[] counts;

        Phase(int clients, int capacity, int accounts) {
            counts = new int[clients];
            acceptedBy = new LongAdder[accounts];
            chargedBy = new LongAdder[accounts];
            for (int a = 0; a < accounts; a++) {
                acceptedBy[a] = new LongAdder();
                chargedBy[a] = new LongAdder();
            }
            for (int i = 0; i < clients; i++) {
                latencies.add(new long[capacity]);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        base = args[0];
        admin = args[1];
        String label = args[2];
        int clients = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 20;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 8;
        int accountCount = args.length > 6 ? Integer.parseInt(args[6]) : 1;

        String[] accountIds = new String[accountCount];
        String[] apiKeys = new String[accountCount];
        for (int a = 0; a < accountCount; a++) {
            JsonNode account = call("POST", "/admin/v1/accounts", "Authorization", "Bearer " + admin,
                    "{\"name\":\"bench" + a + "\",\"tier\":\"pro\",\"credits\":" + INITIAL_CREDITS + "}", 201);
            accountIds[a] = account.path("data").path("account_id").asText();
            JsonNode key = call("POST", "/admin/v1/accounts/" + accountIds[a] + "/api-keys", "Authorization",
                    "Bearer " + admin, "{\"type\":\"prod\"}", 201);
            apiKeys[a] = key.path("data").path("api_key").asText();
        }

        System.out.printf("Podloom submit benchmark on %s: %d clients on %d account%s (one prod key each), %d s "
                        + "(after %d s warm-up), %d cores, Java %s%n", label, clients, accountCount,
                accountCount == 1 ? "" : "s", seconds, warmup, Runtime.getRuntime().availableProcessors(),
                Runtime.version());

        Phase warm = run(apiKeys, clients, warmup);
        System.out.printf("warm-up: %,d accepted%n", warm.accepted.sum());
        System.out.println("MEASURE-START"); // the wrapper samples the database while this phase runs
        Phase m = run(apiKeys, clients, seconds);
        System.out.println("MEASURE-END");

        long[] all = m.latencies.stream().flatMapToLong(a -> Arrays.stream(a, 0, countOf(m, a))).sorted().toArray();
        long accepted = m.accepted.sum();
        System.out.printf("requests: %,d   accepted (202): %,d   -> %.0f accepted charges/s%n", all.length, accepted,
                accepted / (double) seconds);
        if (all.length > 0) {
            System.out.printf("latency ms: p50 %.1f   p90 %.1f   p99 %.1f   max %.1f   mean %.1f%n",
                    pct(all, 50), pct(all, 90), pct(all, 99), all[all.length - 1] / 1e6,
                    Arrays.stream(all).average().orElse(0) / 1e6);
        }
        Map<String, Long> errors = new TreeMap<>();
        m.errors.forEach((k, v) -> errors.put(k, v.sum()));
        warm.errors.forEach((k, v) -> errors.merge("warm-up " + k, v.sum(), Long::sum));
        System.out.println("errors: " + (errors.isEmpty() ? "none" : errors));

        // Money, per account: the balance, the number of podcasts and the ledger must agree exactly with what
        // the clients saw accepted.
        boolean ok = true;
        for (int a = 0; a < accountCount; a++) {
            ok &= checkMoney(accountIds[a], apiKeys[a], warm.acceptedBy[a].sum() + m.acceptedBy[a].sum(),
                    warm.chargedBy[a].sum() + m.chargedBy[a].sum());
        }
        System.out.println(ok ? "ledger check: OK (exact) on " + accountCount + " account(s)" : "ledger check FAILED");
        System.exit(ok ? 0 : 1);
    }

    static boolean checkMoney(String accountId, String apiKey, long totalAccepted, long totalCharged)
            throws Exception {
        long balance = call("GET", "/v1/account/credits", "X-Api-Key", apiKey, null, 200)
                .path("data").path("credits").asLong();
        long podcasts = call("GET", "/v1/podcasts?per_page=1", "X-Api-Key", apiKey, null, 200)
                .path("data").path("total").asLong();
        JsonNode details = call("GET", "/admin/v1/accounts/" + accountId, "Authorization", "Bearer " + admin,
                null, 200).path("data");
        List<String> problems = new ArrayList<>();
        if (balance != INITIAL_CREDITS - totalCharged) {
            problems.add("balance " + balance + " != initial " + INITIAL_CREDITS + " - charged " + totalCharged);
        }
        if (podcasts != totalAccepted) {
            problems.add("podcasts total " + podcasts + " != accepted " + totalAccepted);
        }
        if (details.path("credits").asLong() != balance) {
            problems.add("admin balance " + details.path("credits").asLong() + " != " + balance);
        }
        // The admin API shows the 50 most recent entries: each must be a charge for a distinct podcast, and the
        // balances after them must step down by exactly the amount charged.
        JsonNode entries = details.path("recent_ledger_entries");
        long expectedAfter = balance;
        java.util.Set<String> references = new java.util.HashSet<>();
        for (JsonNode e : entries) {
            if (e.path("kind").asText().equals("grant")) {
                continue;
            }
            if (!e.path("kind").asText().equals("charge") || e.path("amount").asLong() >= 0) {
                problems.add("unexpected ledger entry " + e);
            }
            if (e.path("balance_after").asLong() != expectedAfter) {
                problems.add("ledger entry " + e.path("id") + " balance_after " + e.path("balance_after")
                        + " != " + expectedAfter);
            }
            if (!references.add(e.path("reference").asText())) {
                problems.add("two entries for " + e.path("reference").asText());
            }
            expectedAfter -= e.path("amount").asLong();
        }
        System.out.printf("ledger %s: initial %,d - %,d charges (%,d credits) = %,d; balance %,d; podcasts %,d; "
                        + "last %d ledger entries checked%n", accountId.substring(0, 8), INITIAL_CREDITS,
                totalAccepted, totalCharged, INITIAL_CREDITS - totalCharged, balance, podcasts, entries.size());
        problems.forEach(p -> System.out.println("ledger check FAILED: " + p));
        return problems.isEmpty();
    }

    static int countOf(Phase phase, long[] array) {
        return phase.counts[phase.latencies.indexOf(array)];
    }

    static double pct(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static Phase run(String[] apiKeys, int clients, int seconds) throws InterruptedException {
        Phase phase = new Phase(clients, 200_000, apiKeys.length);
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            int account = c % apiKeys.length;
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/podcasts"))
                    .header("X-Api-Key", apiKeys[account]).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
            Thread.ofVirtual().start(() -> {
                long[] mine = phase.latencies.get(client);
                int n = 0;
                try {
                    while (System.nanoTime() < deadline && n < mine.length) {
                        long start = System.nanoTime();
                        String outcome;
                        long charged = 0;
                        try {
                            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 202) {
                                charged = JSON.readTree(r.body()).path("data").path("credits_charged").asLong();
                                outcome = null;
                            } else {
                                outcome = r.statusCode() + " " + JSON.readTree(r.body()).path("error").path("code")
                                        .asText();
                            }
                        } catch (Exception e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        mine[n++] = System.nanoTime() - start;
                        if (outcome == null) {
                            phase.accepted.increment();
                            phase.acceptedBy[account].increment();
                            phase.chargedBy[account].add(charged);
                        } else {
                            phase.errors.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                        }
                    }
                } finally {
                    phase.counts[client] = n;
                    done.countDown();
                }
            });
        }
        done.await();
        return phase;
    }

    static JsonNode call(String method, String path, String header, String value, String body, int expected)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header(header, value)
                .timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
