package dev.podloom.render;

import dev.podloom.pipeline.*;
import dev.podloom.render.PipelineDoubles.PlanningEncoder;
import dev.podloom.render.PipelineDoubles.PoolWriter;
import dev.podloom.render.PipelineDoubles.ToneSynthesizer;
import dev.podloom.audio.SpokenTurn;
import dev.podloom.speech.VoiceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.podloom.render.PipelineDoubles.fetcherOf;
import static dev.podloom.render.PipelineDoubles.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultPodcastRendererTest {

    private static final List<URI> ONE_URL = List.of(URI.create("https://example.org/article"));

    @TempDir
    Path workDir;

    private final ToneSynthesizer tones = new ToneSynthesizer();
    private final VoiceCatalog catalog = new VoiceCatalog(List.of(tones));
    private final PlanningEncoder encoder = new PlanningEncoder();

    private DefaultPodcastRenderer renderer(ScriptWriter writer) {
        return new DefaultPodcastRenderer(fetcherOf(5_000), writer, catalog, encoder);
    }

    @ParameterizedTest(name = "{0} min with a writer that writes {1}× the budget and voices {2}× slower than measured")
    @CsvSource({"1, 1.0, 1.0", "5, 1.25, 1.0", "10, 0.8, 1.15", "10, 1.0, 0.85"})
    void steersTheScriptUntilThePlannedLengthIsWithinThreePercentOfTheTarget(int minutes, double overshoot,
                                                                             double slowdown) {
        tones.slowdown = slowdown;
        var writer = new PoolWriter(100_000, overshoot);

        RenderOutcome outcome = renderer(writer).renderWithReport(request(ONE_URL, minutes, "deep_dive"), workDir,
                ProgressListener.NONE);

        double target = minutes * 60.0;
        assertThat(outcome.episode().durationSeconds()).isCloseTo(target, org.assertj.core.data.Offset.offset(target * 0.03));
        assertThat(outcome.episode().sourcesExhausted()).isFalse();
        assertThat(outcome.writingRounds()).isEqualTo(writer.budgets.size()).isLessThanOrEqualTo(5);
        assertThat(encoder.encodes).hasValue(1);
    }

    @Test
    void aRewriteSynthesizesOnlyTurnsItHasNotSpokenBefore() {
        var writer = new PoolWriter(100_000, 1.3);

        RenderOutcome outcome = renderer(writer).renderWithReport(request(ONE_URL, 5, "deep_dive"), workDir,
                ProgressListener.NONE);

        assertThat(outcome.writingRounds()).isGreaterThan(1);
        // The pool writer's turns are prefixes of each other, so only the longest script's turns are ever new.
        int longestScriptTurns = (int) Math.ceil(writer.budgets.stream().mapToInt(b -> (int) Math.round(b * 1.3)).max()
                .orElseThrow() / 10.0);
        assertThat(tones.calls.get()).isLessThanOrEqualTo(longestScriptTurns + 1);
    }

    @Test
    void aVoiceSlowerThanItsCalibrationIsCaughtOnASampleSoTheScriptIsSynthesizedOnce() {
        tones.slowdown = 1.2;
        var writer = new PoolWriter(100_000, 1.1);
        writer.rewordsEachDraft = true;

        RenderedEpisode episode = renderer(writer).render(request(ONE_URL, 10, "deep_dive"), workDir,
                ProgressListener.NONE);

        assertThat(episode.durationSeconds()).isCloseTo(600, org.assertj.core.data.Offset.offset(18.0));
        assertThat(writer.budgets).hasSizeGreaterThan(1);
        assertThat(tones.calls.get()).as("sample turns plus one full script")
                .isLessThanOrEqualTo(episode.script().turns().size() + DefaultPodcastRenderer.SAMPLE_TURNS + 1);
    }

    @Test
    void whenNoDraftCanFitTheDraftPredictedClosestIsTheOneSpoken() {
        var writer = new PoolWriter(100_000, 1.0);
        writer.granularity = 70;
        writer.rewordsEachDraft = true;

        RenderOutcome outcome = renderer(writer).renderWithReport(request(ONE_URL, 1, "deep_dive"), workDir,
                ProgressListener.NONE);

        assertThat(outcome.writingRounds()).isEqualTo(DefaultPodcastRenderer.MAX_WRITES);
        assertThat(outcome.fullSyntheses()).isEqualTo(1);
        double spokenError = Math.abs(outcome.episode().durationSeconds() - 60);
        for (int budget : List.copyOf(writer.budgets)) {
            double draftSeconds = spokenDraftSeconds(writer, budget);
            assertThat(spokenError).as("draft of budget %d lasts %.1f s", budget, draftSeconds)
                    .isLessThanOrEqualTo(Math.abs(draftSeconds - 60) + 0.01);
        }
    }

    @Test
    void aScriptThatStillMissesTheLengthByAFewPercentLandsOnItThroughItsPauses() {
        var writer = new PoolWriter(100_000, 1.0);
        writer.granularity = 35; // every draft misses a one-minute target by a few seconds
        writer.rewordsEachDraft = true;

        RenderOutcome outcome = renderer(writer).renderWithReport(request(ONE_URL, 1, "deep_dive"), workDir,
                ProgressListener.NONE);

        double closestDraft = Double.MAX_VALUE;
        for (int budget : List.copyOf(writer.budgets)) {
            closestDraft = Math.min(closestDraft, Math.abs(spokenDraftSeconds(writer, budget) - 60));
        }
        assertThat(closestDraft).as("the drafts themselves miss").isGreaterThan(0.6);
        assertThat(Math.abs(outcome.episode().durationSeconds() - 60)).isLessThan(0.6);
    }

    /** How long the writer's draft for {@code budget} lasts spoken by the tones, with the usual pauses. */
    private double spokenDraftSeconds(PoolWriter writer, int budget) {
        Script draft = writer.write(new ScriptRequest(List.of(), "deep_dive", budget, null, Map.of(), "en",
                List.of("Alex", "Sam")));
        return encoder.plannedDurationSeconds(draft.turns().stream()
                .map(t -> new SpokenTurn(t.speaker(), t.text(), tones.synthesize(t.text(),
                        t.speaker().equals("Alex") ? ToneSynthesizer.HOST : ToneSynthesizer.CO_HOST)))
                .toList(), draft.segments());
    }

    @Test
    void aReadyDialogueKeepsTheUsualPausesWhateverTheTargetLength() {
        var dialogue = new Script("Ready", "interview", List.of(new Turn("Host", "Welcome to the show everyone."),
                new Turn("Guest", "Thanks for having me here today.")), List.of(), false);
        var request = new RenderRequest(List.of(), List.of(), dialogue, "en", 1, "interview",
                Map.of("Host", "tone-low", "Guest", "tone-high"), null, null, Map.of(), null);
        List<SpokenTurn> spoken = List.of(
                new SpokenTurn("Host", "", tones.synthesize("Welcome to the show everyone.", ToneSynthesizer.HOST)),
                new SpokenTurn("Guest", "", tones.synthesize("Thanks for having me here today.", ToneSynthesizer.CO_HOST)));

        RenderedEpisode episode = renderer(new PoolWriter(100, 1.0)).render(request, workDir, ProgressListener.NONE);

        assertThat(episode.durationSeconds()).as("about 5 s of speech, far from the 60 s asked for: usual pauses")
                .isCloseTo(encoder.plannedDurationSeconds(spoken, List.of()), org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void shortSourcesGiveTheRealDurationAndAreFlaggedAsExhausted() {
        var writer = new PoolWriter(300, 1.0);

        RenderedEpisode episode = renderer(writer).render(request(ONE_URL, 5, "deep_dive"), workDir, ProgressListener.NONE);

        assertThat(episode.sourcesExhausted()).isTrue();
        assertThat(episode.durationSeconds()).isLessThan(300 * 0.9).isGreaterThan(60);
        assertThat(writer.budgets).hasSize(1);
    }

    @Test
    void aReadyDialogueSkipsFetchingAndWritingAndMapsItsSpeakersToVoices() {
        SourceFetcher noFetching = url -> {
            throw new AssertionError("fetched " + url);
        };
        ScriptWriter noWriting = r -> {
            throw new AssertionError("wrote a script");
        };
        var dialogue = new Script("Ready", "interview", List.of(new Turn("Host", "Welcome to the show everyone."),
                new Turn("Guest", "Thanks for having me here today."), new Turn("Host", "  ")),
                List.of(new Segment("Intro", 0)), false);
        var request = new RenderRequest(List.of(), List.of(), dialogue, "en", 5, "interview",
                Map.of("Guest", "tone-low"), null, null, Map.of(), null);

        RenderedEpisode episode = new DefaultPodcastRenderer(noFetching, noWriting, catalog, encoder)
                .render(request, workDir, ProgressListener.NONE);

        assertThat(episode.voiceIds()).as("Host takes the default voice Guest left free")
                .containsExactly("tone-high", "tone-low");
        assertThat(episode.script().turns()).hasSize(2);
        assertThat(episode.stageMillis()).containsEntry("fetch", 0L).containsEntry("write", 0L);
        assertThat(episode.sourcesExhausted()).isFalse();
    }

    @Test
    void writesTheEpisodeFilesAndTimesEveryStage() {
        RenderedEpisode episode = renderer(new PoolWriter(100_000, 1.0))
                .render(request(ONE_URL, 1, "deep_dive"), workDir, ProgressListener.NONE);

        assertThat(episode.audio()).isEqualTo(workDir.resolve("episode.mp3")).exists();
        assertThat(episode.transcript()).isEqualTo(workDir.resolve("episode.vtt")).exists();
        assertThat(episode.chapters()).isEqualTo(workDir.resolve("episode.chapters.json")).exists();
        assertThat(episode.stageMillis()).containsOnlyKeys("fetch", "write", "synthesize", "master", "encode")
                .containsEntry("master", 7L).containsEntry("encode", 11L);
        assertThat(episode.voiceIds()).containsExactly("tone-low", "tone-high");
        assertThat(episode.script().speakers()).containsExactly("Alex", "Sam");
    }

    @Test
    void reportsStagesInOrderWithAPercentageThatNeverGoesBack() {
        List<String> stages = new ArrayList<>();
        List<Integer> percents = new ArrayList<>();
        ProgressListener listener = (stage, percent) -> {
            synchronized (stages) {
                stages.add(stage);
                percents.add(percent);
            }
        };

        renderer(new PoolWriter(100_000, 1.3)).render(request(ONE_URL, 2, "deep_dive"), workDir, listener);

        assertThat(stages.stream().distinct().toList())
                .startsWith("fetching", "writing", "synthesizing").endsWith("mastering", "encoding");
        assertThat(percents).isSorted().first().isEqualTo(5);
        assertThat(percents).last().isEqualTo(90);
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).equals("synthesizing")) {
                assertThat(percents.get(i)).isBetween(30, 80);
            }
        }
    }

    @Test
    void aLectureHasOneSpeakerNamedAlex() {
        RenderedEpisode episode = renderer(new PoolWriter(100_000, 1.0))
                .render(request(ONE_URL, 1, "lecture"), workDir, ProgressListener.NONE);

        assertThat(episode.script().speakers()).containsExactly("Alex");
        assertThat(episode.voiceIds()).containsExactly("tone-low");
    }

    @Test
    void customSpeakersFromTheVoiceMapSpeakInTheirGivenOrderHostFirst() {
        var voices = new java.util.LinkedHashMap<String, String>();
        voices.put("Jane", "tone-high");
        voices.put("Bob", "tone-low");
        var request = new RenderRequest(ONE_URL, List.of(), null, "en", 1, "deep_dive", voices, null, null,
                Map.of(), null);

        RenderedEpisode episode = renderer(new PoolWriter(100_000, 1.0)).render(request, workDir, ProgressListener.NONE);

        assertThat(episode.script().speakers()).containsExactly("Jane", "Bob");
        assertThat(episode.voiceIds()).containsExactly("tone-high", "tone-low");
    }

    @Test
    void aFetchFailureKeepsItsCode() {
        SourceFetcher failing = url -> {
            throw new PipelineException(FailureCode.SOURCE_NOT_FOUND, url + " returned 404");
        };
        var renderer = new DefaultPodcastRenderer(failing, new PoolWriter(100, 1), catalog, encoder);

        assertThatThrownBy(() -> renderer.render(request(ONE_URL, 1, "deep_dive"), workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOURCE_NOT_FOUND");
                    assertThat(e.getMessage()).contains("https://example.org/article");
                });
    }

    @Test
    void anUnexpectedFailureBecomesAnInternalErrorWhoseClientMessageHoldsNoExceptionText() {
        ScriptWriter broken = r -> {
            throw new NullPointerException("Cannot invoke \"dev.podloom.script.Draft.turns()\" because \"draft\" is null");
        };

        assertThatThrownBy(() -> renderer(broken).render(request(ONE_URL, 1, "deep_dive"), workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.failure()).isEqualTo(FailureCode.INTERNAL_ERROR);
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.clientMessage()).doesNotContain("dev.podloom", "NullPointer", "draft");
                    assertThat(e.getCause()).isInstanceOf(NullPointerException.class);
                });
    }

    @Test
    void silentSpeechNeverBecomesAnEpisode() {
        tones.amplitude = 0;

        assertThatThrownBy(() -> renderer(new PoolWriter(100_000, 1.0))
                .render(request(ONE_URL, 1, "deep_dive"), workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("SILENT_AUDIO"));
        assertThat(encoder.encodes).hasValue(0);
        assertThat(workDir.resolve("episode.mp3")).doesNotExist();
    }

    @Test
    void requestErrorsAreNamedByCode() {
        var renderer = renderer(new PoolWriter(100_000, 1.0));
        assertThatThrownBy(() -> renderer.render(request(ONE_URL, 1, "karaoke"), workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("INVALID_REQUEST"));
        var unknownEngine = new RenderRequest(ONE_URL, List.of(), null, "en", 1, "deep_dive", Map.of(), "polly",
                null, Map.of(), null);
        assertThatThrownBy(() -> renderer.render(unknownEngine, workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_ENGINE"));
        var french = new RenderRequest(ONE_URL, List.of(), null, "fr", 1, "deep_dive", Map.of(), null,
                null, Map.of(), null);
        assertThatThrownBy(() -> renderer.render(french, workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_LANGUAGE"));
        var noSources = new RenderRequest(List.of(), List.of(), null, "en", 1, "deep_dive", Map.of(), null,
                null, Map.of(), null);
        assertThatThrownBy(() -> renderer.render(noSources, workDir, ProgressListener.NONE))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("NO_SOURCE_TEXT"));
    }
}
