package dev.podloom.series;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.podloom.llm.LanguageModel;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmCall;
import dev.podloom.llm.LlmUsage;
import dev.podloom.llm.PromptFiles;
import dev.podloom.llm.StructuredOutput;
import dev.podloom.pipeline.PodcastStyle;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans a series in one structured call to the configured language model: a title, a description and, for each
 * episode, a title and an outline. The prompts are {@code prompts/series.md}; the answer is strict JSON-schema output
 * read tolerantly, with one repair request ({@link StructuredOutput}).
 */
@Singleton
public class SeriesPlanner {

    static final int MAX_TITLE_CHARS = 200;
    static final int MAX_OUTLINE_CHARS = 1_500;
    static final int MAX_DESCRIPTION_CHARS = 2_000;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** What the model planned. */
    public record Plan(String title, String description, List<Planned> episodes, String model, long promptTokens,
                       long completionTokens) {
    }

    /** One planned episode. */
    public record Planned(String title, String outline) {
    }

    /** What to plan. */
    public record Brief(String prompt, int episodes, int minutes, String style, String language, List<String> sources,
                        Long seed) {
    }

    static final JsonObjectSchema PLAN_SCHEMA = JsonObjectSchema.builder()
            .addStringProperty("title", "the series' title")
            .addStringProperty("description", "one paragraph for the show's listeners")
            .addProperty("episodes", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addStringProperty("title", "the episode's title, without a number")
                    .addStringProperty("outline", "two to four sentences: what the episode covers")
                    .required("title", "outline").additionalProperties(false).build()).build())
            .required("title", "description", "episodes").additionalProperties(false).build();

    private final LanguageModels models;
    private final Map<String, String> prompts;

    public SeriesPlanner(LanguageModels models) {
        this.models = models;
        this.prompts = PromptFiles.sections("series", "system", "plan");
    }

    /** The configured model, if any. */
    public Optional<LanguageModel> model() {
        return models.configured();
    }

    /**
     * Asks the model for the plan.
     *
     * @throws dev.podloom.pipeline.PipelineException an {@code LLM_*} failure (nothing is charged for it)
     */
    public Plan plan(LanguageModel model, Brief brief) {
        PodcastStyle style = PodcastStyle.byId(brief.style()).orElse(PodcastStyle.DEEP_DIVE);
        Map<String, String> values = new HashMap<>();
        values.put("language", brief.language());
        values.put("minutes", String.valueOf(brief.minutes()));
        values.put("style", style.id());
        values.put("style_description", style.description());
        values.put("episodes", String.valueOf(brief.episodes()));
        values.put("prompt", brief.prompt());
        values.put("sources", brief.sources().isEmpty()
                ? "The episodes have no sources: they are written from general knowledge."
                : "Every episode is written from these sources, each focusing on its own outline:\n- "
                + String.join("\n- ", brief.sources()));
        LlmCall call = new LlmCall(fill(prompts.get("system"), values), fill(prompts.get("plan"), values),
                "series_plan", PLAN_SCHEMA, brief.seed(), Math.min(8_000, 400 + brief.episodes() * 250));
        LlmUsage usage = new LlmUsage();
        Read read = StructuredOutput.ask(model, call, usage, json -> read(json, brief.episodes()));
        return new Plan(read.title(), read.description(), read.episodes(), model.name(), usage.promptTokens(),
                usage.completionTokens());
    }

    /** A usable answer. */
    record Read(String title, String description, List<Planned> episodes) {
    }

    /**
     * Reads an answer: at least the episodes asked for (extra ones are dropped), each with a title and an outline,
     * no title twice; else {@link StructuredOutput.Unusable} naming the problem (the model gets one repair request).
     */
    static Read read(JsonNode json, int wanted) {
        JsonNode list = json.path("episodes");
        if (!list.isArray()) {
            throw new StructuredOutput.Unusable("'episodes' must be an array of {title, outline}");
        }
        if (list.size() < wanted) {
            throw new StructuredOutput.Unusable("'episodes' has " + list.size() + " items; exactly " + wanted
                    + " are needed");
        }
        List<Planned> episodes = new ArrayList<>();
        Set<String> titles = new HashSet<>();
        for (int i = 0; i < wanted; i++) {
            JsonNode e = list.get(i);
            String title = clip(e.path("title").asText(""), MAX_TITLE_CHARS);
            String outline = clip(e.path("outline").asText(""), MAX_OUTLINE_CHARS);
            if (title.isEmpty() || outline.isEmpty()) {
                throw new StructuredOutput.Unusable("episode " + (i + 1) + " needs a title and an outline");
            }
            if (!titles.add(title.toLowerCase(Locale.ROOT))) {
                throw new StructuredOutput.Unusable("episode " + (i + 1) + " repeats the title '" + title + "'");
            }
            episodes.add(new Planned(title, outline));
        }
        String title = clip(json.path("title").asText(""), MAX_TITLE_CHARS);
        if (title.isEmpty()) {
            throw new StructuredOutput.Unusable("the series needs a 'title'");
        }
        return new Read(title, clip(json.path("description").asText(""), MAX_DESCRIPTION_CHARS), episodes);
    }

    private static String clip(String text, int max) {
        String t = text.strip().replaceAll("\\s+", " ");
        return t.length() <= max ? t : t.substring(0, max - 1).strip() + "…";
    }

    static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for prompt placeholder {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString().strip();
    }
}
