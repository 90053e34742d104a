package dev.podloom.pipeline;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the pipeline needs to make one episode.
 *
 * @param urls          pages to fetch
 * @param documents     sources already extracted (raw text, uploaded documents)
 * @param dialogue      a ready script; when present no source is fetched and no script is written
 * @param language      BCP-47 language
 * @param targetMinutes target duration, 1–120
 * @param style         a {@link PodcastStyle} id
 * @param voices        speaker name → voice id, in speaking order (host first); empty means the catalog's defaults
 * @param engine        preferred engine id, or null for the default engine
 * @param customFocus   focus terms, or null
 * @param sourceWeights origin → weight, or empty
 * @param showTitle     album/show name for ID3 tags, or null
 * @param pronunciations lexicon entries applied to every turn before it is spoken (account's and request's)
 * @param scriptWriter  {@code extractive} or {@code llm} (see {@link ScriptWriterSelector})
 * @param profiles      speakers' roles and personas, for writers that use them
 * @param seed          sampling seed for writers that accept one, or null
 * @param topic         what a topic-only podcast is about (no sources: the language model writes from its own
 *                      knowledge), or null
 * @param introText     what the first speaker reads at the start, or null
 * @param outroText     what the first speaker reads at the end, or null
 * @param showAudio     the show's intro, outro and music bed mixed into the episode ({@link ShowAudio#NONE}: none)
 */
public record RenderRequest(List<URI> urls, List<SourceDocument> documents, Script dialogue, String language,
                            int targetMinutes, String style, Map<String, String> voices, String engine,
                            String customFocus, Map<String, Double> sourceWeights, String showTitle,
                            List<Pronunciation> pronunciations, String scriptWriter, List<SpeakerProfile> profiles,
                            Long seed, String topic, String introText, String outroText, ShowAudio showAudio) {

    public RenderRequest(List<URI> urls, List<SourceDocument> documents, Script dialogue, String language,
                         int targetMinutes, String style, Map<String, String> voices, String engine,
                         String customFocus, Map<String, Double> sourceWeights, String showTitle,
                         List<Pronunciation> pronunciations, String scriptWriter, List<SpeakerProfile> profiles,
                         Long seed, String topic, String introText, String outroText) {
        this(urls, documents, dialogue, language, targetMinutes, style, voices, engine, customFocus, sourceWeights,
                showTitle, pronunciations, scriptWriter, profiles, seed, topic, introText, outroText, ShowAudio.NONE);
    }

    public RenderRequest(List<URI> urls, List<SourceDocument> documents, Script dialogue, String language,
                         int targetMinutes, String style, Map<String, String> voices, String engine,
                         String customFocus, Map<String, Double> sourceWeights, String showTitle,
                         List<Pronunciation> pronunciations, String scriptWriter, List<SpeakerProfile> profiles,
                         Long seed) {
        this(urls, documents, dialogue, language, targetMinutes, style, voices, engine, customFocus, sourceWeights,
                showTitle, pronunciations, scriptWriter, profiles, seed, null, null, null);
    }

    public RenderRequest(List<URI> urls, List<SourceDocument> documents, Script dialogue, String language,
                         int targetMinutes, String style, Map<String, String> voices, String engine,
                         String customFocus, Map<String, Double> sourceWeights, String showTitle,
                         List<Pronunciation> pronunciations) {
        this(urls, documents, dialogue, language, targetMinutes, style, voices, engine, customFocus, sourceWeights,
                showTitle, pronunciations, Authorship.EXTRACTIVE, List.of(), null);
    }

    public RenderRequest(List<URI> urls, List<SourceDocument> documents, Script dialogue, String language,
                         int targetMinutes, String style, Map<String, String> voices, String engine,
                         String customFocus, Map<String, Double> sourceWeights, String showTitle) {
        this(urls, documents, dialogue, language, targetMinutes, style, voices, engine, customFocus, sourceWeights,
                showTitle, List.of(), Authorship.EXTRACTIVE, List.of(), null);
    }

    public RenderRequest {
        urls = urls == null ? List.of() : List.copyOf(urls);
        documents = documents == null ? List.of() : List.copyOf(documents);
        // Insertion order matters: the first speaker hosts.
        voices = voices == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(voices));
        sourceWeights = sourceWeights == null ? Map.of() : Map.copyOf(sourceWeights);
        pronunciations = pronunciations == null ? List.of() : List.copyOf(pronunciations);
        scriptWriter = scriptWriter == null ? Authorship.EXTRACTIVE : scriptWriter;
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        showAudio = showAudio == null ? ShowAudio.NONE : showAudio;
    }

    /** The same request with the show's audio mixed in. */
    public RenderRequest withShowAudio(ShowAudio audio) {
        return new RenderRequest(urls, documents, dialogue, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, showTitle, pronunciations, scriptWriter, profiles, seed, topic, introText, outroText,
                audio);
    }

    /** The same request speaking {@code script} as it is (nothing fetched or written): e.g. a translated script. */
    public RenderRequest withDialogue(Script script) {
        return new RenderRequest(urls, documents, script, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, showTitle, pronunciations, scriptWriter, profiles, seed, topic, introText, outroText,
                showAudio);
    }
}
