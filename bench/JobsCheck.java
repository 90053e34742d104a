/*
 * The HTTP side of bench/crash-recovery.sh and bench/end-to-end.sh: creates an account and a prod key, submits
 * podcasts, polls them, and checks states and money against the admin ledger. The scripts start, kill -9 and
 * restart the service around it. Every call goes to the service on 127.0.0.1; every loop is bounded in time.
 *
 *   submit   BASE ADMIN STATE ARTICLE_URL MISSING_URL COUNT MINUTES   account + key, COUNT podcasts + one that 404s
 *   wait     BASE STATE TIMEOUT_S        until at least one podcast is processing (exit 3 if all already ended)
 *   finish   BASE ADMIN STATE TIMEOUT_S  poll every podcast to the end, then assert states and money
 *   e2e      BASE ADMIN ARTICLE_URL MINUTES TIMEOUT_S   one podcast, time from POST to completed
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

public class JobsCheck {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final long INITIAL_CREDITS = 100_000;

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "submit" -> submit(args[1], args[2], Path.of(args[3]), args[4], args[5], Integer.parseInt(args[6]),
                    Integer.parseInt(args[7]));
            case "wait" -> exit(waitProcessing(args[1], Path.of(args[2]), Integer.parseInt(args[3])));
            case "finish" -> exit(finish(args[1], args[2], Path.of(args[3]), Integer.parseInt(args[4])));
            case "e2e" -> exit(endToEnd(args[1], args[2], args[3], Integer.parseInt(args[4]),
                    Integer.parseInt(args[5])));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void exit(int status) {
        System.out.flush();
        System.exit(status);
    }

    static String[] account(String base, String admin) throws Exception {
        JsonNode account = call(base, "POST", "/admin/v1/accounts", "Authorization", "Bearer " + admin,
                "{\"name\":\"bench-jobs\",\"tier\":\"pro\",\"credits\":" + INITIAL_CREDITS + "}", 201);
        String accountId = account.path("data").path("account_id").asText();
        JsonNode key = call(base, "POST", "/admin/v1/accounts/" + accountId + "/api-keys", "Authorization",
                "Bearer " + admin, "{\"type\":\"prod\"}", 201);
        return new String[] {accountId, key.path("data").path("api_key").asText()};
    }

    static JsonNode create(String base, String apiKey, String url, int minutes) throws Exception {
        return call(base, "POST", "/v1/podcasts", "X-Api-Key", apiKey,
                "{\"urls\":[\"" + url + "\"],\"target_duration_minutes\":" + minutes + "}", 202).path("data");
    }

    static void submit(String base, String admin, Path state, String article, String missing, int count,
                       int minutes) throws Exception {
        String[] acct = account(base, admin);
        Properties p = new Properties();
        p.setProperty("account", acct[0]);
        p.setProperty("key", acct[1]);
        p.setProperty("initial", Long.toString(INITIAL_CREDITS));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i <= count; i++) {
            boolean bad = i == count;
            JsonNode created = create(base, acct[1], bad ? missing : article, minutes);
            String id = created.path("podcast_id").asText();
            ids.add(id);
            p.setProperty("charged." + id, created.path("credits_charged").asText());
            System.out.printf("submitted %s  %d min  %s  charged %d%n", id, minutes, bad ? "(URL answers 404)" : "",
                    created.path("credits_charged").asLong());
        }
        p.setProperty("ids", String.join(",", ids));
        try (Writer w = Files.newBufferedWriter(state)) {
            p.store(w, null);
        }
    }

    static Properties load(Path state) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(state)) {
            p.load(r);
        }
        return p;
    }

    /** Every podcast's state in one request (GET /v1/podcasts lists them with the same fields as /status). */
    static Map<String, JsonNode> statuses(String base, Properties p) throws Exception {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        for (JsonNode d : call(base, "GET", "/v1/podcasts?per_page=100", "X-Api-Key", p.getProperty("key"), null, 200)
                .path("data").path("podcasts")) {
            byId.put(d.path("podcast_id").asText(), d);
        }
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String id : p.getProperty("ids").split(",")) {
            JsonNode d = byId.get(id);
            if (d == null) {
                throw new IllegalStateException("podcast " + id + " is missing from the list");
            }
            out.put(id, d);
        }
        return out;
    }

    static String summary(Map<String, JsonNode> statuses) {
        StringBuilder b = new StringBuilder();
        statuses.forEach((id, s) -> b.append(id, 0, 8).append('=').append(s.path("status").asText())
                .append(s.path("status").asText().equals("processing") ? "(" + (s.has("stage") ? s.path("stage").asText() + " " : "")
                        + s.path("progress").asInt() + "%)" : "").append("  "));
        return b.toString().strip();
    }

    static boolean finished(JsonNode s) {
        String status = s.path("status").asText();
        return status.equals("completed") || status.equals("failed");
    }

    static int waitProcessing(String base, Path state, int timeoutSeconds) throws Exception {
        Properties p = load(state);
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, JsonNode> s = statuses(base, p);
            if (s.values().stream().anyMatch(n -> n.path("status").asText().equals("processing"))) {
                System.out.println("before the kill: " + summary(s));
                return 0;
            }
            if (s.values().stream().allMatch(JobsCheck::finished)) {
                System.out.println("every podcast ended before the kill: " + summary(s));
                return 3;
            }
            Thread.sleep(200);
        }
        System.out.println("no podcast started processing within " + timeoutSeconds + " s");
        return 4;
    }

    static int finish(String base, String admin, Path state, int timeoutSeconds) throws Exception {
        Properties p = load(state);
        long start = System.nanoTime();
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        Map<String, JsonNode> s = statuses(base, p);
        System.out.println("after the restart: " + summary(s));
        String last = "";
        while (!s.values().stream().allMatch(JobsCheck::finished) && System.nanoTime() < deadline) {
            Thread.sleep(500);
            s = statuses(base, p);
            String now = summary(s).replaceAll("\\(.*?\\)", "");
            if (!now.equals(last)) {
                System.out.printf("  +%5.1f s  %s%n", (System.nanoTime() - start) / 1e9, summary(s));
                last = now;
            }
        }
        System.out.printf("all podcasts polled to the end in %.1f s after the restart answered%n",
                (System.nanoTime() - start) / 1e9);

        List<String> problems = new ArrayList<>();
        long initial = Long.parseLong(p.getProperty("initial"));
        long expectedBalance = initial;
        int completed = 0;
        int failed = 0;
        for (var e : s.entrySet()) {
            JsonNode st = e.getValue();
            String status = st.path("status").asText();
            long charged = st.path("credits_charged").asLong();
            long refunded = st.path("credits_refunded").asLong();
            if (charged != Long.parseLong(p.getProperty("charged." + e.getKey()))) {
                problems.add(e.getKey() + " credits_charged " + charged + " != " + p.getProperty("charged." + e.getKey()));
            }
            switch (status) {
                case "completed" -> {
                    completed++;
                    expectedBalance -= charged;
                    if (refunded != 0) {
                        problems.add(e.getKey() + " completed but refunded " + refunded);
                    }
                }
                case "failed" -> {
                    failed++;
                    if (refunded != charged) {
                        problems.add(e.getKey() + " failed with credits_refunded " + refunded + " != credits_charged "
                                + charged);
                    }
                }
                default -> problems.add(e.getKey() + " stuck in " + status);
            }
            System.out.printf("  %s  %-9s charged %3d refunded %3d  %s%n", e.getKey(), status, charged, refunded,
                    st.path("error").isNull() || st.path("error").isMissingNode() ? ""
                            : st.path("error").path("code").asText() + ": " + st.path("error").path("message").asText());
        }

        long balance = call(base, "GET", "/v1/account/credits", "X-Api-Key", p.getProperty("key"), null, 200)
                .path("data").path("credits").asLong();
        if (balance != expectedBalance) {
            problems.add("balance " + balance + " != initial " + initial + " - charges of completed podcasts = "
                    + expectedBalance);
        }
        // The admin ledger: one grant, one charge per podcast, one refund per failed podcast, nothing else.
        JsonNode details = call(base, "GET", "/admin/v1/accounts/" + p.getProperty("account"), "Authorization",
                "Bearer " + admin, null, 200).path("data");
        Map<String, Integer> charges = new LinkedHashMap<>();
        Map<String, Integer> refunds = new LinkedHashMap<>();
        long ledgerSum = 0;
        for (JsonNode entry : details.path("recent_ledger_entries")) {
            ledgerSum += entry.path("amount").asLong();
            String ref = entry.path("reference").asText().replaceFirst("^podcast:", "");
            switch (entry.path("kind").asText()) {
                case "charge" -> charges.merge(ref, 1, Integer::sum);
                case "refund" -> refunds.merge(ref, 1, Integer::sum);
                case "grant" -> { }
                default -> problems.add("unexpected ledger entry " + entry);
            }
        }
        if (ledgerSum != balance) {
            problems.add("ledger entries sum to " + ledgerSum + ", balance is " + balance);
        }
        for (var e : s.entrySet()) {
            String id = e.getKey();
            boolean isFailed = e.getValue().path("status").asText().equals("failed");
            if (charges.getOrDefault(id, 0) != 1) {
                problems.add(id + " has " + charges.getOrDefault(id, 0) + " charge entries");
            }
            if (refunds.getOrDefault(id, 0) != (isFailed ? 1 : 0)) {
                problems.add(id + " has " + refunds.getOrDefault(id, 0) + " refund entries");
            }
        }
        if (charges.size() != s.size()) {
            problems.add("charges for unknown references: " + charges.keySet());
        }
        System.out.printf("money: initial %,d, balance %,d (expected %,d = initial - charges of %d completed); "
                        + "ledger %d charges, %d refunds for %d podcasts (%d failed)%n", initial, balance,
                expectedBalance, completed, charges.values().stream().mapToInt(Integer::intValue).sum(),
                refunds.values().stream().mapToInt(Integer::intValue).sum(), s.size(), failed);
        if (problems.isEmpty()) {
            System.out.println("crash-recovery check: OK");
            return 0;
        }
        problems.forEach(x -> System.out.println("VIOLATION: " + x));
        return 1;
    }

    static int endToEnd(String base, String admin, String article, int minutes, int timeoutSeconds) throws Exception {
        String[] acct = account(base, admin);
        long start = System.nanoTime();
        JsonNode created = create(base, acct[1], article, minutes);
        String id = created.path("podcast_id").asText();
        long deadline = start + timeoutSeconds * 1_000_000_000L;
        String lastStage = "";
        JsonNode s;
        do {
            Thread.sleep(250);
            s = call(base, "GET", "/v1/podcasts/" + id + "/status", "X-Api-Key", acct[1], null, 200).path("data");
            String stage = s.path("status").asText() + "/" + s.path("stage").asText();
            if (!stage.equals(lastStage)) {
                System.out.printf("  +%5.1f s  %s %d%%%n", (System.nanoTime() - start) / 1e9, stage,
                        s.path("progress").asInt());
                lastStage = stage;
            }
        } while (!finished(s) && System.nanoTime() < deadline);
        double seconds = (System.nanoTime() - start) / 1e9;
        JsonNode details = call(base, "GET", "/v1/podcasts/" + id, "X-Api-Key", acct[1], null, 200).path("data");
        System.out.printf("%d-minute podcast %s: %s in %.1f s from POST (audio %.0f s, charged %d)%n", minutes, id,
                s.path("status").asText(), seconds, details.path("duration_seconds").asDouble(),
                details.path("credits_charged").asLong());
        return s.path("status").asText().equals("completed") ? 0 : 1;
    }

    static JsonNode call(String base, String method, String path, String header, String value, String body,
                         int expected) throws Exception {
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
