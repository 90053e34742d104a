package dev.podloom.lexicon;

import io.swagger.v3.oas.annotations.Operation;
import dev.podloom.auth.Caller;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.Envelope;
import dev.podloom.web.JsonBody;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code GET/PUT /v1/account/lexicon}: the caller's pronunciation lexicon, applied to every podcast the account
 * makes from then on (a podcast keeps the entries it was paid with). PUT replaces the whole list.
 */
@Controller("/v1/account/lexicon")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LexiconController {

    @Serdeable
    record EntryView(String term, @Nullable String sayAs, @Nullable String ipa) {
    }

    @Serdeable
    record LexiconView(List<EntryView> entries, int count, int version, @Nullable Instant updatedAt) {
    }

    private final Lexicons lexicons;

    public LexiconController(Lexicons lexicons) {
        this.lexicons = lexicons;
    }

    @Operation(operationId = "getLexicon", summary = "The account's pronunciation lexicon")
    @Get
    public HttpResponse<Envelope> get(Caller caller) {
        return ApiResponses.ok(lexicons.find(caller.accountId()).map(LexiconController::view)
                .orElse(new LexiconView(List.of(), 0, 0, null)));
    }

    /** Body: {@code {"entries":[{"term":"Podloom","say_as":"pod loom"},{"term":"SQL","ipa":"ˈsiːkwəl"}]}}. */
    @Operation(operationId = "putLexicon", summary = "Replace the account's pronunciation lexicon (an empty list clears it)")
    @Put
    public HttpResponse<Envelope> put(Caller caller, @Nullable @Body JsonNode body) {
        JsonBody json = JsonBody.of(body);
        if (!json.has("entries")) {
            json.reject("entries", "is required: a list of {term, say_as} or {term, ipa} (an empty list clears it)");
        }
        List<Pronunciation> entries = LexiconEntries.parse(json, "entries");
        json.finish(Set.of("entries"));
        return ApiResponses.ok(view(lexicons.save(caller.accountId(), entries)));
    }

    private static LexiconView view(Lexicons.Stored stored) {
        return new LexiconView(stored.entries().stream().map(p -> new EntryView(p.term(), p.sayAs(), p.ipa())).toList(),
                stored.entries().size(), stored.version(), stored.updatedAt());
    }
}
