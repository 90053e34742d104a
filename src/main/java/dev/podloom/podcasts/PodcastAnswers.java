package dev.podloom.podcasts;

import dev.podloom.metering.Metering;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The HTTP answer to a charged request that makes a podcast (a podcast, a revision, a translation). */
public final class PodcastAnswers {

    private PodcastAnswers() {
    }

    /**
     * A fresh or replayed answer as stored by {@link Metering}: on 202, {@code Location} to the new podcast's status
     * and the seed's polling pace as {@code Retry-After} (which keeps polls inside the key's request rate).
     */
    public static MutableHttpResponse<String> of(JsonMapper json, Metering.Answer answer) {
        MutableHttpResponse<String> response = HttpResponse.<String>status(HttpStatus.valueOf(answer.status()))
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(answer.body());
        if (answer.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        if (answer.status() == HttpStatus.ACCEPTED.getCode()) {
            podcastIdOf(json, answer.body()).ifPresent(id -> response.header("Location", "/v1/podcasts/" + id + "/status"));
            response.header("Retry-After", "10");
        }
        return response;
    }

    private static Optional<String> podcastIdOf(JsonMapper json, String body) {
        try {
            JsonNode data = json.readValue(body.getBytes(StandardCharsets.UTF_8), JsonNode.class).get("data");
            return data == null || data.get("podcast_id") == null ? Optional.empty()
                    : Optional.of(data.get("podcast_id").getStringValue());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
