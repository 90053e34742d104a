package dev.podloom.translations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.podloom.llm.LanguageModel;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmCall;
import dev.podloom.llm.LlmReply;
import dev.podloom.llm.LlmSettings;
import dev.podloom.llm.LlmUsage;
import dev.podloom.llm.StructuredOutput;
import dev.podloom.pipeline.Authorship;
import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptTranslator;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Translates a script with the configured language model, a batch of consecutive turns per call (the turns before
 * the batch are given as context), then the title and chapter titles in one more call. The model only writes
 * text: speakers, citations and where chapters start are copied from the original, so they cannot drift. Each answer
 * must return exactly the turns it was given (same count, same indexes, in order); an answer that does not is asked
 * again naming the problem, up to {@value #ATTEMPTS} calls per batch, then the translation fails with
 * {@link FailureCode#LLM_TRANSLATION_MISMATCH} (or {@link FailureCode#LLM_BAD_OUTPUT} when the answers were not
 * even JSON). Provider failures (429, 5xx, timeouts) are thrown as they are, for the render job to retry.
 */
@Singleton
public class LlmScriptTranslator implements ScriptTranslator {

    private static final Logger LOG = LoggerFactory.getLogger(LlmScriptTranslator.class);
    static final int MAX_TURNS_PER_CALL = 20;
    static final int MAX_CHARS_PER_CALL = 6_000;
    static final int ATTEMPTS = 3;
    private static final int CONTEXT_TURNS = 2;

    static final JsonObjectSchema TURNS_SCHEMA = JsonObjectSchema.builder()
            .addProperty("turns", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addIntegerProperty("index", "the turn's index, as given")
                    .addStringProperty("text", "the turn's text, translated")
                    .required("index", "text").additionalProperties(false).build()).build())
            .required("turns").additionalProperties(false).build();

    static final JsonObjectSchema TITLES_SCHEMA = JsonObjectSchema.builder()
            .addStringProperty("title", "the episode title, translated")
            .addProperty("segments", JsonArraySchema.builder().items(new JsonStringSchema()).build())
            .required("title", "segments").additionalProperties(false).build();

    private final LanguageModels models;

    public LlmScriptTranslator(LanguageModels models) {
        this.models = models;
    }

    @Override
    public Script translate(Script script, String fromLanguage, String toLanguage, ProgressListener progress) {
        LanguageModel model = models.configured().orElseThrow(() -> new PipelineException(
                FailureCode.LLM_NOT_CONFIGURED, "No language model is configured; set " + LlmSettings.VARIABLES));
        String system = system(fromLanguage, toLanguage);
        LlmUsage usage = new LlmUsage();
        List<Turn> turns = script.turns();
        List<List<Integer>> batches = TranslationAnswers.batches(turns, MAX_TURNS_PER_CALL, MAX_CHARS_PER_CALL);
        String[] texts = new String[turns.size()];
        AtomicInteger done = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(batches.size(),
                models.settings().concurrency())))) {
            List<Future<List<String>>> answers = batches.stream().map(batch -> pool.submit(() -> {
                List<String> translated = ask(model, usage, new LlmCall(system, turnsTask(turns, batch, toLanguage),
                        "translated_turns", TURNS_SCHEMA, null, maxTokens(turns, batch)),
                        answer -> TranslationAnswers.turns(answer, batch));
                progress.onProgress("translating", 95 * done.incrementAndGet() / batches.size());
                return translated;
            })).toList();
            for (int b = 0; b < batches.size(); b++) {
                List<String> translated = await(answers.get(b));
                for (int k = 0; k < translated.size(); k++) {
                    texts[batches.get(b).get(k)] = translated.get(k);
                }
            }
        }
        List<String> titles = ask(model, usage, new LlmCall(system, titlesTask(script, toLanguage),
                "translated_titles", TITLES_SCHEMA, null, 1_000),
                answer -> TranslationAnswers.titles(answer, script.segments().size()));
        progress.onProgress("translating", 100);

        List<Turn> translated = new ArrayList<>();
        for (int i = 0; i < turns.size(); i++) {
            translated.add(new Turn(turns.get(i).speaker(), texts[i], turns.get(i).cites()));
        }
        List<Segment> segments = new ArrayList<>();
        for (int s = 0; s < script.segments().size(); s++) {
            segments.add(new Segment(titles.get(s + 1), script.segments().get(s).firstTurn()));
        }
        LOG.info("Translated a script of {} turns from {} to {} in {} calls", turns.size(), fromLanguage, toLanguage,
                usage.calls());
        return new Script(titles.getFirst(), script.style(), translated, segments, script.sourcesExhausted(),
                script.passages(), new Authorship(Authorship.LLM, model.name(), null, usage.promptTokens(),
                usage.completionTokens(), usage.calls()));
    }

    /** Up to {@value #ATTEMPTS} calls, each after the first naming what was wrong with the previous answer. */
    private static <T> T ask(LanguageModel model, LlmUsage usage, LlmCall call, Function<JsonNode, T> reader) {
        boolean mismatch = false;
        String problem = null;
        LlmCall next = call;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            LlmReply reply = model.chat(next);
            usage.add(reply);
            try {
                return reader.apply(StructuredOutput.parse(reply.text()));
            } catch (TranslationAnswers.Mismatch e) {
                mismatch = true;
                problem = e.getMessage();
            } catch (StructuredOutput.Unusable e) {
                mismatch = false;
                problem = e.getMessage();
            }
            LOG.warn("{} answered a {} call unusably (attempt {} of {}): {}", model.name(), call.schemaName(),
                    attempt, ATTEMPTS, problem);
            next = new LlmCall(call.system(), call.user() + "\n\n---\nYour previous answer could not be used: "
                    + problem + "\nPrevious answer:\n" + StructuredOutput.abbreviate(reply.text(), 4_000)
                    + "\n\nAnswer again with only one JSON object that follows the schema, nothing else.",
                    call.schemaName(), call.schema(), call.seed(), call.maxOutputTokens());
        }
        throw new PipelineException(mismatch ? FailureCode.LLM_TRANSLATION_MISMATCH : FailureCode.LLM_BAD_OUTPUT,
                model.name() + " gave " + ATTEMPTS + " unusable " + call.schemaName() + " answers; last: " + problem);
    }

    static String system(String from, String to) {
        return "You translate podcast scripts from " + name(from) + " (language \"" + from + "\") into " + name(to)
                + " (language \"" + to + "\"), turn by turn. Translate each turn's text faithfully and naturally, "
                + "as spoken dialogue: keep its meaning, facts, numbers, names and tone; do not add, drop, merge or "
                + "split turns, and do not add commentary. Keep every turn's index. Answer with one JSON object.";
    }

    static String turnsTask(List<Turn> turns, List<Integer> batch, String to) {
        StringBuilder user = new StringBuilder();
        int first = batch.getFirst();
        if (first > 0) {
            user.append("Context (already translated; do not answer these):\n");
            for (int i = Math.max(0, first - CONTEXT_TURNS); i < first; i++) {
                user.append(turns.get(i).speaker()).append(": ").append(turns.get(i).text()).append('\n');
            }
            user.append('\n');
        }
        user.append("Translate these ").append(batch.size()).append(" turns into language \"").append(to)
                .append("\". Answer {\"turns\":[{\"index\":…,\"text\":\"…\"}]} with exactly ").append(batch.size())
                .append(" turns, one per turn below, in the same order:\n");
        for (int i : batch) {
            user.append("index ").append(i).append(" — ").append(turns.get(i).speaker()).append(": ")
                    .append(turns.get(i).text()).append('\n');
        }
        return user.toString();
    }

    static String titlesTask(Script script, String to) {
        StringBuilder user = new StringBuilder("Translate this episode title and its ")
                .append(script.segments().size()).append(" chapter titles into language \"").append(to)
                .append("\". Answer {\"title\":\"…\",\"segments\":[…]} with the chapter titles in the same order.\n")
                .append("title: ").append(script.title() == null ? "Podcast" : script.title()).append('\n');
        for (int s = 0; s < script.segments().size(); s++) {
            user.append("chapter ").append(s + 1).append(": ").append(script.segments().get(s).title()).append('\n');
        }
        return user.toString();
    }

    /** Room for the translation: about twice the source's tokens (some languages need more), plus the JSON. */
    private static int maxTokens(List<Turn> turns, List<Integer> batch) {
        int chars = batch.stream().mapToInt(i -> turns.get(i).text().length()).sum();
        return Math.min(16_000, 500 + chars * 2 / 3 + 30 * batch.size());
    }

    /** {@code fr} → {@code French}; an unknown tag stays as it is. */
    static String name(String tag) {
        String name = Locale.forLanguageTag(tag).getDisplayName(Locale.ENGLISH);
        return name.isBlank() ? tag : name;
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException(FailureCode.RENDER_FAILED, "Translation was interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PipelineException pipeline) {
                throw pipeline;
            }
            throw new PipelineException(FailureCode.INTERNAL_ERROR, "Translation failed unexpectedly", e.getCause());
        }
    }
}
