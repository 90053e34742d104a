package dev.podloom.testsupport;

import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Plain HTTP against the running server, as a client would send it: raw bodies, any header,
 * any method, and the JSON answer parsed into maps for assertions.
 */
public final class TestApi {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private final URI base;
    private final JsonMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestApi(EmbeddedServer server, JsonMapper json) {
        this.base = server.getURI();
        this.json = json;
    }

    /** A parsed response: status, headers and the JSON body (null when the body is not JSON). */
    public record Response(int status, java.net.http.HttpHeaders headers, Map<String, Object> body, String raw) {

        @SuppressWarnings("unchecked")
        public Map<String, Object> data() {
            return (Map<String, Object>) body.get("data");
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> error() {
            return (Map<String, Object>) body.get("error");
        }

        public String errorCode() {
            return (String) error().get("code");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String... headers) {
        return send("GET", path, null, "application/json", headers);
    }

    public Response post(String path, String body, String... headers) {
        return send("POST", path, body, "application/json", headers);
    }

    public Response send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, Map.class);
        } catch (IOException e) {
            return null;
        }
    }

    // --- the admin API, for setting up accounts and keys the way an operator would ---

    public String[] admin() {
        return new String[]{"Authorization", "Bearer " + ADMIN_TOKEN};
    }

    /** Creates an account and returns its id. */
    public String createAccount(String name, long credits) {
        Response r = post("/admin/v1/accounts",
                "{\"name\":\"" + name + "\",\"tier\":\"pro\",\"credits\":" + credits + "}", admin());
        if (r.status() != 201) {
            throw new IllegalStateException("account not created: " + r.raw());
        }
        return (String) r.data().get("account_id");
    }

    /** Issues a key of the given type ("test" or "prod") and returns it in full. */
    public String createKey(String accountId, String type) {
        Response r = post("/admin/v1/accounts/" + accountId + "/api-keys", "{\"type\":\"" + type + "\"}", admin());
        if (r.status() != 201) {
            throw new IllegalStateException("key not created: " + r.raw());
        }
        return (String) r.data().get("api_key");
    }

    /** Polls a podcast's status until it is completed or failed (3 minutes at most), noting each progress seen. */
    public Map<String, Object> awaitFinished(String podcastId, String apiKey, java.util.List<Integer> progress) {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            Response polled = get("/v1/podcasts/" + podcastId + "/status", key(apiKey));
            if (polled.status() == 429) { // over the key's request rate: wait as told, as a client must
                sleep(Long.parseLong(polled.header("Retry-After")) * 1000);
                continue;
            }
            Map<String, Object> data = polled.data();
            progress.add(((Number) data.get("progress")).intValue());
            if ("completed".equals(data.get("status")) || "failed".equals(data.get("status"))) {
                return data;
            }
            sleep(250);
        }
        throw new AssertionError("podcast " + podcastId + " did not finish in 3 minutes");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Map<String, Object> awaitFinished(String podcastId, String apiKey) {
        return awaitFinished(podcastId, apiKey, new java.util.ArrayList<>());
    }

    /** GETs a download link as a plain client would, returning the bytes (asserting 200). */
    public byte[] download(String url) {
        try {
            HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String[] key(String apiKey) {
        return new String[]{"X-Api-Key", apiKey};
    }
}
