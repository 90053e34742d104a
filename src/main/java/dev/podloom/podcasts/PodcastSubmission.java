package dev.podloom.podcasts;

import dev.podloom.auth.Caller;
import dev.podloom.jobs.JobScheduler;
import dev.podloom.metering.Metering;
import dev.podloom.pricing.CostQuote;
import dev.podloom.pricing.QuoteRequest;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * Accepts podcasts through {@link Metering}: what a podcast's charge pays for is its row and its render job, written
 * in the charging transaction together with the generation slot and the {@code Idempotency-Key} answer.
 */
@Singleton
public class PodcastSubmission {

    /** What the 202 answer reports. */
    public record Accepted(UUID podcastId, int targetMinutes, CostQuote quote, long balanceAfter) {
    }

    private final Metering metering;
    private final PodcastRepository podcasts;
    private final JobScheduler jobs;
    private final JsonMapper json;
    private final Clock clock;

    public PodcastSubmission(Metering metering, PodcastRepository podcasts, JobScheduler jobs, JsonMapper json,
                             Clock clock) {
        this.metering = metering;
        this.podcasts = podcasts;
        this.jobs = jobs;
        this.json = json;
        this.clock = clock;
    }

    public static QuoteRequest quoteRequest(PodcastSpec spec) {
        return QuoteRequest.podcast(spec.targetMinutes(), spec.sourceCount(), spec.voices().size(),
                spec.sourceWeights() != null).withEngine(spec.engine());
    }

    /**
     * Charges and enqueues one podcast, or refuses it (402, 429) having written nothing, or replays the answer
     * committed under the same {@code Idempotency-Key}.
     *
     * @param answer renders the 202 body from what was accepted (stored with the key for replays)
     */
    public Metering.Answer submit(Caller caller, PodcastSpec spec, @Nullable Metering.Claim claim,
                                  Function<Accepted, String> answer) {
        return submit(caller, spec, claim, answer, accepted -> {
        });
    }

    /**
     * The same, with {@code alsoWrite} run inside the charging transaction once the podcast and its job are written
     * (e.g. a series recording which podcast its episode became); if it throws, nothing is charged or written.
     */
    public Metering.Answer submit(Caller caller, PodcastSpec spec, @Nullable Metering.Claim claim,
                                  Function<Accepted, String> answer, java.util.function.Consumer<Accepted> alsoWrite) {
        String specJson = toJson(spec);
        return metering.submit(new Metering.Order(caller, quoteRequest(spec), true, "podcast", claim, charged -> {
            podcasts.insert(charged.id(), caller.accountId(), caller.keyId(), specJson, spec.language(), spec.style(),
                    spec.targetMinutes(), charged.quote().finalCredits(), Instant.now(clock));
            jobs.schedule(RenderPodcastJob.TASK, charged.id().toString());
            alsoWrite.accept(new Accepted(charged.id(), spec.targetMinutes(), charged.quote(), charged.balanceAfter()));
            Accepted accepted = new Accepted(charged.id(), spec.targetMinutes(), charged.quote(), charged.balanceAfter());
            return new Metering.Answer(202, answer.apply(accepted), false);
        }));
    }

    private String toJson(PodcastSpec spec) {
        try {
            return json.writeValueAsString(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
