package dev.podloom.series;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import dev.podloom.auth.Caller;
import dev.podloom.credits.CreditLedger;
import dev.podloom.credits.InsufficientCreditsException;
import dev.podloom.jobs.JobScheduler;
import dev.podloom.podcasts.PodcastSpec;
import dev.podloom.podcasts.PodcastSubmission;
import dev.podloom.ratelimit.ApiRateLimits;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.BeanProvider;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Moves a series on by one step: the db-scheduler job {@value #TASK_NAME} (any node) runs {@link #advance}. Under the
 * series' row lock it decides ({@link SeriesProgress}) whether the next episode may start; if so it submits the
 * episode as a podcast through the same path as {@code POST /v1/podcasts} ({@link PodcastSubmission}: charged by
 * {@link dev.podloom.metering.Metering} with the podcast quote, counted against the key's generation limits), and
 * records which podcast the episode became in that charging transaction. A refusal writes nothing: the series waits
 * for credits (woken when credits are added, by the periodic check, or by resume) or, for the key's limits, runs
 * again after their {@code Retry-After}.
 */
@Singleton
public class SeriesRunner {

    static final String TASK_NAME = "advance-series";
    public static final TaskDescriptor<Void> TASK = TaskDescriptor.of(TASK_NAME);
    private static final Logger LOG = LoggerFactory.getLogger(SeriesRunner.class);

    private final SeriesRepository series;
    // Providers: the scheduler is built with every task, this runner's among them (no construction cycle).
    private final BeanProvider<PodcastSubmission> submission;
    private final ApiRateLimits rateLimits;
    private final BeanProvider<JobScheduler> jobs;
    private final CreditLedger ledger;
    private final TransactionOperations<Connection> transactions;
    private final JsonMapper json;
    private final Clock clock;

    public SeriesRunner(SeriesRepository series, BeanProvider<PodcastSubmission> submission,
                        ApiRateLimits rateLimits, BeanProvider<JobScheduler> jobs, CreditLedger ledger, TransactionOperations<Connection> transactions,
                        JsonMapper json, Clock clock) {
        this.series = series;
        this.submission = submission;
        this.rateLimits = rateLimits;
        this.jobs = jobs;
        this.ledger = ledger;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /** Enqueues a run for this series, inside the caller's transaction (it commits with what caused it). */
    public void schedule(UUID seriesId, int number) {
        jobs.get().schedule(TASK, seriesId + "/" + number);
    }

    /** Enqueues a run about the series' next episode, inside the caller's transaction. */
    public void scheduleNext(UUID seriesId) {
        schedule(seriesId, series.nextNumber(seriesId));
    }

    /** What the locked decision found: start this episode as this podcast request, charged to this caller. */
    private record Starting(UUID seriesId, int number, Caller caller, PodcastSpec spec) {
    }

    /** The episode had been started by another run meanwhile: the charge is undone by this exception. */
    private static final class AlreadyStarted extends RuntimeException {
        AlreadyStarted() {
            super("episode already started", null, false, false);
        }
    }

    /** Thrown to the scheduler: run again after this delay (the key's generation limits refused for now). */
    public static final class RetryLater extends RuntimeException {
        private final Duration delay;

        RetryLater(Duration delay) {
            super("retry in " + delay, null, false, false);
            this.delay = delay;
        }

        public Duration delay() {
            return delay;
        }
    }

    public void advance(UUID seriesId) {
        // A second round only when credits arrived between a refusal and recording it (the wake-up could be lost).
        for (int round = 0; round < 3; round++) {
            Starting starting = transactions.executeWrite(status -> decide(seriesId));
            if (starting == null) {
                return;
            }
            try {
                rateLimits.generation(starting.caller(), () -> submission.get().submit(starting.caller(), starting.spec(),
                        null, accepted -> "", accepted -> {
                            if (!series.attach(seriesId, starting.number(), accepted.podcastId(),
                                    Instant.now(clock))) {
                                throw new AlreadyStarted();
                            }
                        }));
                LOG.info("Series {} episode {} started", seriesId, starting.number());
                return;
            } catch (AlreadyStarted e) {
                return;
            } catch (InsufficientCreditsException e) {
                long required = ((Number) e.details().get("required")).longValue();
                boolean waiting = series.markWaiting(seriesId, starting.number(), SeriesStatus.WAITING_FOR_CREDITS,
                        "insufficient_credits", Instant.now(clock));
                if (!waiting || ledger.balance(starting.caller().accountId()) < required) {
                    LOG.info("Series {} waits for credits before episode {} ({} needed)", seriesId,
                            starting.number(), required);
                    return;
                }
            } catch (ApiException e) {
                if (e.code() != ErrorCode.RATE_LIMITED) {
                    throw e;
                }
                Object limit = e.details().getOrDefault("limit", "generations");
                series.markWaiting(seriesId, starting.number(), SeriesStatus.WAITING_FOR_LIMITS, String.valueOf(limit),
                        Instant.now(clock));
                long seconds = parseSeconds(e.headers().get("Retry-After"));
                LOG.info("Series {} episode {} waits {} s for the key's limits ({})", seriesId, starting.number(),
                        seconds, limit);
                throw new RetryLater(Duration.ofSeconds(seconds));
            }
        }
    }

    /**
     * {@code POST …/resume}, in one transaction under the series' row lock: a failed episode becomes pending again,
     * this key is the one charged from now on, the series runs and a run is scheduled. False for a completed series
     * (nothing to do).
     */
    @Transactional
    public boolean resume(UUID seriesId, UUID keyId) {
        SeriesRepository.Series s = series.lock(seriesId).orElseThrow();
        if (!s.status().resumable()) {
            return false;
        }
        series.resetFailed(seriesId);
        series.adoptKey(seriesId, keyId);
        series.setStatus(seriesId, SeriesStatus.RUNNING, null, Instant.now(clock));
        scheduleNext(seriesId);
        LOG.info("Series {} resumed", seriesId);
        return true;
    }

    /** Under the series' row lock: finish, stop, or name the episode to start (marking the series running). */
    private Starting decide(UUID seriesId) {
        SeriesRepository.Series s = series.lock(seriesId).orElse(null);
        if (s == null) {
            return null; // deleted with its show
        }
        Instant now = Instant.now(clock);
        SeriesRepository.Key key = series.key(s.apiKeyId(), now).orElse(null);
        List<SeriesProgress.EpisodeState> states = series.episodes(seriesId).stream()
                .map(e -> new SeriesProgress.EpisodeState(e.number(), e.status())).toList();
        switch (SeriesProgress.next(s.status(), states, key != null && key.active())) {
            case SeriesProgress.Idle idle -> {
                return null;
            }
            case SeriesProgress.Finish finish -> {
                series.setStatus(seriesId, SeriesStatus.COMPLETED, null, now);
                LOG.info("Series {} completed: {} episodes", seriesId, s.episodeCount());
                return null;
            }
            case SeriesProgress.Stop stop -> {
                series.setStatus(seriesId, SeriesStatus.STOPPED, stop.reason(), now);
                LOG.info("Series {} stopped: {}", seriesId, stop.reason());
                return null;
            }
            case SeriesProgress.Start start -> {
                if (s.status() != SeriesStatus.RUNNING) {
                    series.setStatus(seriesId, SeriesStatus.RUNNING, null, now);
                }
                SeriesRepository.EpisodeRow episode = series.episodes(seriesId).get(start.number() - 1);
                Caller caller = new Caller(s.accountId(), key.id(), key.tokenType(), key.prefix());
                PodcastSpec spec = episodeSpec(readSpec(s.templateSpec()), s, episode);
                return new Starting(seriesId, start.number(), caller, spec);
            }
        }
    }

    /**
     * Episode {@code n}'s podcast: the series' request about the prompt and this episode's title and outline: its
     * {@code topic} (written from the model's knowledge) or, with sources, its focus on them. The series publishes
     * it itself (with the planned title), so the podcast does not auto-publish.
     */
    static PodcastSpec episodeSpec(PodcastSpec template, SeriesRepository.Series s, SeriesRepository.EpisodeRow e) {
        // No double quotes: the subject is quoted inside the writer's prompts.
        String subject = (e.title() + ": " + e.outline() + " This is episode " + e.number() + " of "
                + s.episodeCount() + " of the series '" + s.title() + "', about " + s.prompt() + ".")
                .replace('"', '\'');
        boolean sourced = !template.urls().isEmpty() || template.documents() != null;
        return sourced ? template.withSubject(null, subject, false) : template.withSubject(subject, null, false);
    }

    private PodcastSpec readSpec(String spec) {
        try {
            return json.readValue(spec, PodcastSpec.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parseSeconds(String retryAfter) {
        try {
            return Math.max(1, Long.parseLong(retryAfter == null ? "10" : retryAfter.strip()));
        } catch (NumberFormatException e) {
            return 10;
        }
    }
}
