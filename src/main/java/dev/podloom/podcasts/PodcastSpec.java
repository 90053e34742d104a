package dev.podloom.podcasts;

import dev.podloom.pipeline.RenderRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A validated podcast request: everything the render job needs, stored with the podcast so a job
 * picked up again after a crash renders exactly what was paid for.
 *
 * @param voices the speakers in order (host first) and the voice each one uses
 * @param engine      the engine asked for with {@code tts_model}, or null for the default
 * @param showId      the show to publish the episode to on completion ({@code auto_publish}), or null
 * @param callbackUrl where to POST the signed webhook when the podcast finishes, or null
 */
@Serdeable
public record PodcastSpec(List<String> urls, String language, int targetMinutes, String style,
                          List<VoiceChoice> voices, @Nullable String engine, @Nullable String customFocus,
                          @Nullable Map<String, Double> sourceWeights, boolean autoPublish,
                          @Nullable UUID showId, @Nullable String callbackUrl) {

    @Serdeable
    public record VoiceChoice(String speaker, String voice) {
    }

    public RenderRequest toRenderRequest() {
        Map<String, String> speakerVoices = new LinkedHashMap<>();
        voices.forEach(v -> speakerVoices.put(v.speaker(), v.voice()));
        return new RenderRequest(urls.stream().map(URI::create).toList(), List.of(), null, language, targetMinutes,
                style, speakerVoices, engine, customFocus, sourceWeights, null);
    }
}
