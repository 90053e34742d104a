package dev.podloom.podcasts;

import dev.podloom.auth.Caller;
import dev.podloom.jobs.JobScheduler;
import dev.podloom.metering.Metering;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;
import dev.podloom.pipeline.Voice;
import dev.podloom.pricing.PricingRules;
import dev.podloom.pricing.QuoteRequest;
import dev.podloom.pricing.RevisionEstimates;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.storage.ObjectStore;
import dev.podloom.storage.StoredObject;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import dev.podloom.web.JsonBodies;
import dev.podloom.web.JsonBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Revisions of completed podcasts ({@code POST /v1/podcasts/{id}/revisions}). A revision is a <b>new podcast</b>
 * (its own id, status, files and charge) that names the podcast it revises; the revised podcast is not touched and
 * stays downloadable. Its dialogue is the revised podcast's script with the edits applied, spoken with the same
 * voices, engine and pronunciations, so every unchanged turn's audio comes from the synthesis cache and only the
 * changed turns reach the speech engine. It is charged by the {@code revision} rule on the minutes re-spoken, through
 * {@link Metering} (one transaction with the podcast row and its render job), and refunded once if it fails.
 */
@Singleton
public class PodcastRevisions implements RevisionEstimates {

    static final Set<String> FIELDS = Set.of("edits", "dialogue");
    private static final Set<String> EDIT_FIELDS = Set.of("turn", "text");

    /** A revision worked out and priced, ready to be charged. */
    record Prepared(Podcast original, PodcastSpec spec, RevisionPlan.Plan plan, QuoteRequest quote) {
    }

    /** What the 202 answer reports. */
    record Accepted(UUID podcastId, Prepared prepared, int finalCredits, long balanceAfter,
                    java.math.BigDecimal creditMultiplier) {
    }

    private final PodcastRepository podcasts;
    private final PodcastWritings writings;
    private final ObjectStore store;
    private final VoiceCatalog catalog;
    private final Metering metering;
    private final JobScheduler jobs;
    private final PricingRules rules;
    private final JsonMapper json;
    private final Clock clock;

    public PodcastRevisions(PodcastRepository podcasts, PodcastWritings writings, ObjectStore store,
                            VoiceCatalog catalog, Metering metering, JobScheduler jobs, PricingRules rules,
                            JsonMapper json, Clock clock) {
        this.podcasts = podcasts;
        this.writings = writings;
        this.store = store;
        this.catalog = catalog;
        this.metering = metering;
        this.jobs = jobs;
        this.rules = rules;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public QuoteRequest revisionQuote(Caller caller, String podcastId, @Nullable String edits,
                                      @Nullable String dialogue) {
        Map<String, JsonNode> body = new LinkedHashMap<>();
        if (edits != null) {
            body.put("edits", parseParameter("edits", edits));
        }
        if (dialogue != null) {
            body.put("dialogue", parseParameter("dialogue", dialogue));
        }
        return prepare(caller, podcastId, JsonNode.createObjectNode(body)).quote();
    }

    /**
     * Checks and works out a revision: the caller's podcast (else 404), completed with its script kept and its voices
     * still here (else 409), a body with valid {@code edits} or {@code dialogue} that changes something (else 400).
     */
    Prepared prepare(Caller caller, String podcastId, JsonNode body) {
        Podcast original = owned(caller, podcastId);
        if (original.status() != PodcastStatus.COMPLETED) {
            throw new ApiException(ErrorCode.PODCAST_NOT_READY, "Podcast " + original.id() + " is "
                    + original.status().id() + "; only a completed podcast can be revised.",
                    Map.of("status", original.status().id(), "podcast_id", original.id().toString()));
        }
        JsonNode script = script(original);
        List<Turn> turns = turns(script);
        List<Segment> chapters = chapters(script);
        Map<String, String> voices = voices(original, turns);

        JsonBody json = JsonBody.of(body);
        boolean hasEdits = json.has("edits");
        boolean hasDialogue = json.has("dialogue");
        RevisionPlan.Plan plan = null;
        if (hasEdits == hasDialogue) {
            json.reject(hasEdits ? "dialogue" : "edits", hasEdits ? "cannot be combined with edits"
                    : "is required: [{\"turn\": 0, \"text\": \"…\"}] (turns as GET /v1/podcasts/{id}/script lists "
                    + "them), or a whole edited 'dialogue'");
        } else if (hasEdits) {
            List<RevisionPlan.Edit> edits = edits(json, turns.size());
            if (edits != null) {
                plan = RevisionPlan.withEdits(turns, chapters, edits);
            }
        } else {
            List<Turn> dialogue = PodcastRequestParser.dialogue(json);
            if (dialogue != null) {
                dialogue = withKnownSpeakers(json, dialogue, voices.keySet());
            }
            if (dialogue != null) {
                plan = RevisionPlan.withDialogue(turns, chapters, dialogue);
            }
        }
        json.finish(FIELDS);
        if (plan == null || plan.changesNothing()) {
            throw ApiException.invalid(hasEdits ? "edits" : "dialogue", "The revision changes no turn: every turn "
                    + "it holds is already spoken in podcast " + original.id() + ".");
        }
        long words = plan.words();
        int minutes = (int) Math.max(1, (words + RevisionPlan.WORDS_PER_MINUTE - 1) / RevisionPlan.WORDS_PER_MINUTE);
        if (minutes > rules.podcast().maxDurationMinutes()) {
            throw new ApiException(ErrorCode.INVALID_DURATION, "The revised dialogue has " + words + " words, about "
                    + minutes + " minutes; the most is " + rules.podcast().maxDurationMinutes() + " minutes.",
                    Map.of("field", hasEdits ? "edits" : "dialogue", "words", words,
                            "max", rules.podcast().maxDurationMinutes()));
        }
        PodcastSpec was = readSpec(original.spec());
        List<PodcastSpec.VoiceChoice> choices = new ArrayList<>();
        voices.forEach((speaker, voice) -> choices.add(new PodcastSpec.VoiceChoice(speaker, voice)));
        PodcastSpec spec = new PodcastSpec(List.of(), null, plan.turns(), original.title(), was.language(), minutes,
                was.style(), choices, was.engine(), null, null, false, null, null, was.pronunciations(), null, null,
                null, null, null, new PodcastSpec.Revision(original.id(), plan.chapters(), plan.changedTurns(),
                plan.respokenMinutes()));
        String engine = catalog.find(voices.values().iterator().next()).map(Voice::engine).orElse(was.engine());
        return new Prepared(original, spec, plan, QuoteRequest.revision(plan.respokenMinutes(), engine));
    }

    /** Charges and enqueues a prepared revision, or refuses it (402, 429), or replays the key's committed answer. */
    Metering.Answer submit(Caller caller, Prepared prepared, @Nullable Metering.Claim claim,
                           Function<Accepted, String> answer) {
        String specJson = write(prepared.spec());
        PodcastSpec spec = prepared.spec();
        return metering.submit(new Metering.Order(caller, prepared.quote(), true, "revision", claim, charged -> {
            podcasts.insert(charged.id(), caller.accountId(), caller.keyId(), specJson, spec.language(), spec.style(),
                    spec.targetMinutes(), charged.quote().finalCredits(), Instant.now(clock));
            podcasts.markRevisionOf(charged.id(), prepared.original().id());
            jobs.schedule(RenderPodcastJob.TASK, charged.id().toString());
            return new Metering.Answer(202, answer.apply(new Accepted(charged.id(), prepared,
                    charged.quote().finalCredits(), charged.balanceAfter(), charged.quote().creditMultiplier())), false);
        }));
    }

    private Podcast owned(Caller caller, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw notFound(id);
        }
        return podcasts.findOwned(uuid, caller.accountId()).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return new ApiException(ErrorCode.PODCAST_NOT_FOUND, "Podcast " + id + " was not found.",
                Map.of("podcast_id", id));
    }

    /** The completed podcast's script as stored with it ({@code script.json}). */
    private JsonNode script(Podcast p) {
        String key = writings.find(p.id()).map(PodcastWritings.Writing::scriptKey).orElse(null);
        Optional<StoredObject> stat = key == null ? Optional.empty() : store.stat(key);
        if (stat.isEmpty()) {
            throw new ApiException(ErrorCode.REVISION_NOT_POSSIBLE, "Podcast " + p.id() + " was made before scripts "
                    + "were kept, so it cannot be revised; send its edited dialogue to POST /v1/podcasts instead.",
                    Map.of("podcast_id", p.id().toString()));
        }
        try (InputStream in = store.open(key, 0, stat.get().size())) {
            return json.readValue(in.readAllBytes(), JsonNode.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Turn> turns(JsonNode script) {
        List<Turn> turns = new ArrayList<>();
        JsonNode list = script.get("turns");
        if (list != null && list.isArray()) {
            for (JsonNode t : list.values()) {
                turns.add(new Turn(t.get("speaker").getStringValue(), t.get("text").getStringValue()));
            }
        }
        return turns;
    }

    private static List<Segment> chapters(JsonNode script) {
        List<Segment> chapters = new ArrayList<>();
        JsonNode list = script.get("segments");
        if (list != null && list.isArray()) {
            for (JsonNode s : list.values()) {
                chapters.add(new Segment(s.get("title").getStringValue(), s.get("first_turn").getIntValue()));
            }
        }
        return chapters;
    }

    /**
     * Speaker → the voice that spoke them: the podcast's voices are stored in the order its speakers first speak.
     * 409 when a voice is no longer available here (its engine was unconfigured).
     */
    private Map<String, String> voices(Podcast p, List<Turn> turns) {
        List<String> speakers = List.copyOf(new LinkedHashSet<>(turns.stream().map(Turn::speaker).toList()));
        List<String> voiceIds = p.voices() == null || p.voices().isBlank() ? List.of() : List.of(p.voices().split(","));
        if (speakers.isEmpty() || speakers.size() != voiceIds.size()) {
            throw new ApiException(ErrorCode.REVISION_NOT_POSSIBLE, "Podcast " + p.id() + " does not record which "
                    + "voice spoke each speaker, so it cannot be revised.", Map.of("podcast_id", p.id().toString()));
        }
        Map<String, String> voices = new LinkedHashMap<>();
        for (int i = 0; i < speakers.size(); i++) {
            String voice = voiceIds.get(i).strip();
            if (catalog.find(voice).isEmpty()) {
                throw new ApiException(ErrorCode.REVISION_NOT_POSSIBLE, "Voice " + voice + " that spoke " + speakers.get(i)
                        + " in podcast " + p.id() + " is no longer available here, so it cannot be revised.",
                        Map.of("podcast_id", p.id().toString(), "voice", voice));
            }
            voices.put(speakers.get(i), voice);
        }
        return voices;
    }

    /** {@code edits}: 1 edit per turn at most, each {@code {"turn": index, "text": "…"}} with an existing index. */
    private static List<RevisionPlan.Edit> edits(JsonBody json, int turnCount) {
        JsonNode node = json.array("edits").orElse(null);
        if (node == null) {
            return null;
        }
        if (node.size() == 0 || node.size() > turnCount) {
            json.reject("edits", "must hold 1 to " + turnCount + " edits like {\"turn\": 0, \"text\": \"…\"}");
            return null;
        }
        List<RevisionPlan.Edit> edits = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode edit = node.get(i);
            String field = "edits[" + i + "]";
            if (!edit.isObject()) {
                json.reject(field, "must be an object {\"turn\": index, \"text\": \"…\"}");
                continue;
            }
            boolean ok = true;
            for (Map.Entry<String, JsonNode> e : edit.entries()) {
                if (!EDIT_FIELDS.contains(e.getKey())) {
                    json.reject(field + "." + e.getKey(), "is not a field of an edit (turn, text)");
                    ok = false;
                }
            }
            JsonNode turn = edit.get("turn");
            Integer index = null;
            if (turn == null || !turn.isNumber() || !isWhole(turn)) {
                json.reject(field + ".turn", "must be a turn index, 0 to " + (turnCount - 1));
                ok = false;
            } else {
                BigDecimal value = new BigDecimal(turn.getNumberValue().toString());
                if (value.signum() < 0 || value.compareTo(BigDecimal.valueOf(turnCount - 1)) > 0) {
                    json.reject(field + ".turn", "is " + value.toPlainString() + "; the podcast's turns are 0 to "
                            + (turnCount - 1) + " (GET /v1/podcasts/{id}/script)");
                    ok = false;
                } else if (!seen.add(value.intValueExact())) {
                    json.reject(field + ".turn", "edits turn " + value.toPlainString() + " a second time");
                    ok = false;
                } else {
                    index = value.intValueExact();
                }
            }
            JsonNode text = edit.get("text");
            String value = text != null && text.isString() ? text.getStringValue().strip() : null;
            if (value == null || value.isEmpty() || value.length() > PodcastRequestParser.MAX_TURN_CHARS) {
                json.reject(field + ".text", "must be a text of 1 to " + PodcastRequestParser.MAX_TURN_CHARS
                        + " characters");
                ok = false;
            }
            if (ok) {
                edits.add(new RevisionPlan.Edit(index, value));
            }
        }
        return edits.size() == node.size() ? edits : null;
    }

    private static boolean isWhole(JsonNode number) {
        try {
            return new BigDecimal(number.getNumberValue().toString()).stripTrailingZeros().scale() <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The dialogue with each speaker named as in the podcast (case aside); null after rejecting unknown ones. */
    private static List<Turn> withKnownSpeakers(JsonBody json, List<Turn> dialogue, Set<String> speakers) {
        List<Turn> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < dialogue.size(); i++) {
            Turn t = dialogue.get(i);
            Optional<String> known = speakers.stream().filter(s -> s.equalsIgnoreCase(t.speaker())).findFirst();
            if (known.isEmpty()) {
                json.reject("dialogue[" + i + "]", "speaker '" + t.speaker() + "' did not speak in the podcast; its "
                        + "speakers are " + String.join(", ", speakers));
                ok = false;
            } else {
                out.add(new Turn(known.get(), t.text()));
            }
        }
        return ok ? out : null;
    }

    private JsonNode parseParameter(String field, String value) {
        try {
            return json.readValue(value.getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException e) {
            throw ApiException.invalid(field, "'" + field + "' must be URL-encoded JSON, as in the revision's body.");
        }
    }

    private PodcastSpec readSpec(String spec) {
        try {
            return json.readValue(spec, PodcastSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        return JsonBodies.write(json, value);
    }
}
