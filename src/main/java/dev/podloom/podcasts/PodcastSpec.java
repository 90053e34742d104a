package dev.podloom.podcasts;

import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.SpeakerProfile;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.Turn;
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
 * @param urls        pages to fetch (may be empty when other sources are given)
 * @param documents   sources given inline, already extracted: {@code text_content} and uploaded documents
 * @param dialogue    a ready script ({@code dialogue}); when present nothing is fetched or written
 * @param title       the episode title for a ready dialogue, or null
 * @param voices      the speakers in order (host first) and the voice each one uses
 * @param engine      the engine asked for with {@code tts_model}, or null for the default
 * @param showId      the show to publish the episode to on completion ({@code auto_publish}), or null
 * @param callbackUrl where to POST the signed webhook when the podcast finishes, or null
 * @param pronunciations the account's lexicon merged with the request's {@code pronunciations} (the request's
 *                    win), as they were when the podcast was paid for; null for none
 * @param scriptWriter the writer chosen at submission ({@code extractive} or {@code llm}); null means extractive
 * @param seed        the {@code seed} for language models that accept one, or null
 * @param topic       what a topic-only podcast is about ({@code topic} without sources): the language model writes it
 *                    from its own knowledge and it is marked unsourced; null when the podcast has sources
 * @param introText   what the host reads at the start ({@code intro_text}, or the show's), or null
 * @param outroText   what the host reads at the end ({@code outro_text}, or the show's), or null
 * @param revision    what makes this podcast a revision of another ({@link Revision}), or null
 * @param showAudio   {@code false} when the request opted out of the show's intro, outro and music bed
 *                    ({@code show_audio: false}); null or true: an episode with a {@code showId} gets them
 */
@Serdeable
public record PodcastSpec(List<String> urls, @Nullable List<SourceDocument> documents, @Nullable List<Turn> dialogue,
                          @Nullable String title, String language, int targetMinutes, String style,
                          List<VoiceChoice> voices, @Nullable String engine, @Nullable String customFocus,
                          @Nullable Map<String, Double> sourceWeights, boolean autoPublish,
                          @Nullable UUID showId, @Nullable String callbackUrl,
                          @Nullable List<Pronunciation> pronunciations, @Nullable String scriptWriter,
                          @Nullable Long seed, @Nullable String topic, @Nullable String introText,
                          @Nullable String outroText, @Nullable Revision revision,
                          @Nullable Boolean showAudio) {

    /** {@code grounding} of a podcast written from the caller's sources. */
    public static final String GROUNDED = "sources";
    /** {@code grounding} of a topic-only podcast: written from the model's own knowledge, nothing cited. */
    public static final String UNSOURCED = "none";

    @io.micronaut.core.annotation.Creator
    public PodcastSpec {
    }

    public PodcastSpec(List<String> urls, List<SourceDocument> documents, List<Turn> dialogue, String title,
                       String language, int targetMinutes, String style, List<VoiceChoice> voices, String engine,
                       String customFocus, Map<String, Double> sourceWeights, boolean autoPublish, UUID showId,
                       String callbackUrl, List<Pronunciation> pronunciations, String scriptWriter, Long seed,
                       String topic, String introText, String outroText) {
        this(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, autoPublish, showId, callbackUrl, pronunciations, scriptWriter, seed, topic, introText,
                outroText, null, null);
    }

    public PodcastSpec(List<String> urls, List<SourceDocument> documents, List<Turn> dialogue, String title,
                       String language, int targetMinutes, String style, List<VoiceChoice> voices, String engine,
                       String customFocus, Map<String, Double> sourceWeights, boolean autoPublish, UUID showId,
                       String callbackUrl, List<Pronunciation> pronunciations, String scriptWriter, Long seed,
                       String topic, String introText, String outroText, Revision revision) {
        this(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, autoPublish, showId, callbackUrl, pronunciations, scriptWriter, seed, topic, introText,
                outroText, revision, null);
    }

    /** Whether the episode gets its show's intro, outro and music bed: it has a show and did not opt out. */
    public boolean mixesShowAudio() {
        return showId != null && !Boolean.FALSE.equals(showAudio);
    }

    /** The same request without the show's audio ({@code show_audio: false}). */
    public PodcastSpec withoutShowAudio() {
        return new PodcastSpec(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine,
                customFocus, sourceWeights, autoPublish, showId, callbackUrl, pronunciations, scriptWriter, seed, topic,
                introText, outroText, revision, false);
    }

    /**
     * What makes a podcast a revision of another ({@code POST /v1/podcasts/{id}/revisions}): its dialogue is the
     * revised podcast's script with the edits applied, spoken with the same voices and pronunciations.
     *
     * @param of           the podcast revised
     * @param chapters     the revised podcast's chapters (title and first turn), kept
     * @param changedTurns indices of the turns re-spoken (the others' audio comes from the synthesis cache)
     * @param respokenMinutes the minutes priced: the changed turns' words at 150 words a minute
     */
    @Serdeable
    public record Revision(UUID of, List<Segment> chapters, List<Integer> changedTurns,
                           java.math.BigDecimal respokenMinutes) {

        @io.micronaut.core.annotation.Creator
        public Revision {
        }
    }

    public PodcastSpec(List<String> urls, List<SourceDocument> documents, List<Turn> dialogue, String title,
                       String language, int targetMinutes, String style, List<VoiceChoice> voices, String engine,
                       String customFocus, Map<String, Double> sourceWeights, boolean autoPublish, UUID showId,
                       String callbackUrl, List<Pronunciation> pronunciations, String scriptWriter, Long seed) {
        this(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, autoPublish, showId, callbackUrl, pronunciations, scriptWriter, seed, null, null, null);
    }

    public PodcastSpec(List<String> urls, List<SourceDocument> documents, List<Turn> dialogue, String title,
                       String language, int targetMinutes, String style, List<VoiceChoice> voices, String engine,
                       String customFocus, Map<String, Double> sourceWeights, boolean autoPublish, UUID showId,
                       String callbackUrl) {
        this(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, autoPublish, showId, callbackUrl, null, null, null);
    }

    public PodcastSpec(List<String> urls, List<SourceDocument> documents, List<Turn> dialogue, String title,
                       String language, int targetMinutes, String style, List<VoiceChoice> voices, String engine,
                       String customFocus, Map<String, Double> sourceWeights, boolean autoPublish, UUID showId,
                       String callbackUrl, List<Pronunciation> pronunciations) {
        this(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine, customFocus,
                sourceWeights, autoPublish, showId, callbackUrl, pronunciations, null, null);
    }

    /** A speaker, the voice it speaks with, and the role and persona a language model writes it with. */
    @Serdeable
    public record VoiceChoice(String speaker, String voice, @Nullable String role, @Nullable String persona) {

        @io.micronaut.core.annotation.Creator
        public VoiceChoice {
        }

        public VoiceChoice(String speaker, String voice) {
            this(speaker, voice, null, null);
        }
    }

    /** The same request with this intro and outro. */
    public PodcastSpec withIntroOutro(String intro, String outro) {
        return new PodcastSpec(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine,
                customFocus, sourceWeights, autoPublish, showId, callbackUrl, pronunciations, scriptWriter, seed, topic,
                intro, outro, revision, showAudio);
    }

    /**
     * The same request about another subject: with a {@code topic} (written from the model's knowledge, unsourced)
     * or, with sources, another {@code customFocus}; and whether it publishes itself to its show.
     */
    public PodcastSpec withSubject(String newTopic, String newCustomFocus, boolean publish) {
        return new PodcastSpec(urls, documents, dialogue, title, language, targetMinutes, style, voices, engine,
                newCustomFocus, sourceWeights, publish, showId, callbackUrl, pronunciations, scriptWriter, seed,
                newTopic, introText, outroText, null, showAudio);
    }

    /** The writer this podcast is written with. */
    public String writer() {
        return scriptWriter == null ? Authorship.EXTRACTIVE : scriptWriter;
    }

    public List<SpeakerProfile> profiles() {
        return voices.stream().filter(v -> v.role() != null || v.persona() != null)
                .map(v -> new SpeakerProfile(v.speaker(), v.role(), v.persona())).toList();
    }

    /**
     * How many sources pricing sees: every URL, text and document; a topic-only podcast is priced as one source.
     */
    public int sourceCount() {
        int count = urls.size() + (documents == null ? 0 : documents.size());
        return topic != null ? Math.max(1, count) : count;
    }

    /** Whether the podcast is written from a topic alone, with no source to cite. */
    public boolean unsourced() {
        return topic != null;
    }

    /** {@code sources} or {@code none} (topic-only); null for a ready dialogue, which nobody wrote here. */
    public String grounding() {
        return dialogue != null ? null : unsourced() ? UNSOURCED : GROUNDED;
    }

    public RenderRequest toRenderRequest() {
        Map<String, String> speakerVoices = new LinkedHashMap<>();
        voices.forEach(v -> speakerVoices.put(v.speaker(), v.voice()));
        // A revision keeps the chapters of the podcast it revises; another ready dialogue is one chapter.
        Script ready = dialogue == null ? null
                : new Script(title == null ? "Podcast" : title, style, dialogue,
                revision != null && !revision.chapters().isEmpty() ? revision.chapters()
                        : List.of(new Segment(title == null ? "Episode" : title, 0)), false);
        return new RenderRequest(urls.stream().map(URI::create).toList(), documents, ready, language, targetMinutes,
                style, speakerVoices, engine, customFocus, sourceWeights, null,
                pronunciations == null ? List.of() : pronunciations, writer(), profiles(), seed, topic, introText,
                outroText);
    }
}
