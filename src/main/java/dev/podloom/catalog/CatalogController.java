package dev.podloom.catalog;

import dev.podloom.auth.Caller;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.Voice;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.Arrays;
import java.util.List;
import io.swagger.v3.oas.annotations.Operation;

/**
 * Discovery: every value here is one the installed engines can produce, so a client can build its request from
 * these lists instead of guessing (the keyed {@code Caller} parameter keeps them behind an API key, like all /v1).
 */
@Controller("/v1")
public class CatalogController {

    @Serdeable
    record VoiceView(String id, String engine, String language, String gender, int sampleRate, String description) {
    }

    @Serdeable
    record Voices(List<VoiceView> voices) {
    }

    @Serdeable
    record StyleView(String id, int voices, String description) {
    }

    @Serdeable
    record Styles(List<StyleView> styles) {
    }

    @Serdeable
    record LanguageView(String code, int voices, List<String> engines) {
    }

    @Serdeable
    record Languages(List<LanguageView> languages) {
    }

    private final VoiceCatalog catalog;

    public CatalogController(VoiceCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code ?language=} takes any tag; only its primary subtag counts ({@code en-GB} lists English voices). */
    @Get("/voices")
    @Operation(operationId = "listVoices", summary = "Voices of the installed speech engines")
    public HttpResponse<Envelope> voices(Caller caller, @Nullable @QueryValue String language) {
        List<Voice> voices = language == null || language.isBlank() ? catalog.voices() : catalog.voicesFor(language);
        return ApiResponses.ok(new Voices(voices.stream().map(v -> new VoiceView(v.id(), v.engine(), v.language(),
                v.gender(), v.sampleRate(), v.description())).toList()));
    }

    @Get("/styles")
    @Operation(operationId = "listStyles", summary = "Podcast styles")
    public HttpResponse<Envelope> styles(Caller caller) {
        return ApiResponses.ok(new Styles(Arrays.stream(PodcastStyle.values())
                .map(s -> new StyleView(s.id(), s.voices(), s.description())).toList()));
    }

    @Get("/languages")
    @Operation(operationId = "listLanguages", summary = "Languages the installed voices speak")
    public HttpResponse<Envelope> languages(Caller caller) {
        return ApiResponses.ok(new Languages(catalog.languages().stream().map(code -> {
            List<Voice> voices = catalog.voicesFor(code);
            return new LanguageView(code, voices.size(), voices.stream().map(Voice::engine).distinct().toList());
        }).toList()));
    }
}
