package dev.podloom.render;

import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.pipeline.Pronunciation;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.RenderedEpisode;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptWriter;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.SourceFetcher;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Turn;
import dev.podloom.pipeline.Voice;
import dev.podloom.speech.ElevenLabsSpeechSynthesizer;
import dev.podloom.speech.EspeakSynthesizer;
import dev.podloom.speech.FliteSynthesizer;
import dev.podloom.speech.FreeTtsSynthesizer;
import dev.podloom.speech.GeminiSpeechSynthesizer;
import dev.podloom.speech.OpenAiSpeechSynthesizer;
import dev.podloom.speech.PollySpeechSynthesizer;
import dev.podloom.speech.ProviderGate;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.testsupport.FakePollyServer;
import dev.podloom.testsupport.FakeElevenLabsServer;
import dev.podloom.testsupport.FakeGeminiServer;
import dev.podloom.testsupport.FakeSpeechServer;
import dev.podloom.testsupport.RequiresTool;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A lexicon entry changes what each engine is sent (and not what the transcript says). */
class LexiconPerEngineTest {

    static final List<Pronunciation> LEXICON = List.of(new Pronunciation("Podloom", "pod loom", null),
            new Pronunciation("SQL", null, "ˈsiːkwəl"));

    @TempDir
    Path workDir;

    /** Passes every call to a real engine and keeps the texts it was sent. */
    record Recording(SpeechSynthesizer delegate, List<String> sent) implements SpeechSynthesizer {
        Recording(SpeechSynthesizer delegate) {
            this(delegate, new CopyOnWriteArrayList<>());
        }

        public String engine() {
            return delegate.engine();
        }

        public boolean available() {
            return delegate.available();
        }

        public List<Voice> voices() {
            return delegate.voices();
        }

        @Override
        public PhonemeInput phonemeInput() {
            return delegate.phonemeInput();
        }

        public AudioClip synthesize(String text, Voice voice) {
            sent.add(text);
            return delegate.synthesize(text, voice);
        }
    }

    List<String> sentTo(SpeechSynthesizer engine) {
        List<String> sent = rendered(engine);
        assertThat(sent).hasSize(2).noneMatch(t -> t.contains("Podloom") || t.contains("SQL"));
        return sent;
    }

    List<String> rendered(SpeechSynthesizer engine) {
        var recording = new Recording(engine);
        renderWith(recording);
        return recording.sent();
    }

    /** Renders the two-turn script with {@code engine} as the only engine (its whole-dialogue mode included). */
    void renderWith(SpeechSynthesizer engine) {
        var catalog = new VoiceCatalog(List.of(engine));
        SourceFetcher noFetching = url -> {
            throw new AssertionError("fetched " + url);
        };
        ScriptWriter noWriting = r -> {
            throw new AssertionError("wrote a script");
        };
        var dialogue = new Script("Lexicon", "interview", List.of(new Turn("Host", "Welcome to Podloom."),
                new Turn("Guest", "Our data lives in SQL tables.")), List.of(new Segment("Intro", 0)), false);
        var request = new RenderRequest(List.of(), List.of(), dialogue, "en", 1, "interview", Map.of(),
                engine.engine(), null, Map.of(), null, LEXICON);

        RenderedEpisode episode = new DefaultPodcastRenderer(noFetching, noWriting, catalog,
                new PipelineDoubles.PlanningEncoder()).render(request, workDir, ProgressListener.NONE);

        assertThat(episode.script().turns()).extracting(Turn::text).as("the transcript keeps the written words")
                .containsExactly("Welcome to Podloom.", "Our data lives in SQL tables.");
    }

    @Test
    void geminiIsSentRespellingsInItsMultiSpeakerDialogue() {
        try (var fake = new FakeGeminiServer("AIza-lexicon")) {
            var limits = new ProviderGate.Settings(2, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(1));
            renderWith(new GeminiSpeechSynthesizer(new GeminiSpeechSynthesizer.Config(fake.baseUrl(), "AIza-lexicon",
                    "gemini-tts-model", List.of(), "en", 2400, Duration.ofSeconds(60), limits), JsonMapper.createDefault(),
                    Clock.systemUTC()));

            assertThat(fake.calls()).filteredOn(FakeGeminiServer.Call::multiSpeaker).singleElement()
                    .extracting(FakeGeminiServer.Call::lines).asList()
                    .containsExactly("Welcome to pod loom.", "Our data lives in seekwuhl tables.");
        }
    }

    @Test
    void elevenLabsIsSentRespellingsInItsTextToDialogueRequest() {
        try (var fake = new FakeElevenLabsServer("xi-lexicon")) {
            var limits = new ProviderGate.Settings(2, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(1));
            renderWith(new ElevenLabsSpeechSynthesizer(new ElevenLabsSpeechSynthesizer.Config(fake.baseUrl(), "xi-lexicon",
                    null, "eleven_v3", true, List.of(), "en", Duration.ofSeconds(60), limits), JsonMapper.createDefault(),
                    Clock.systemUTC()));

            assertThat(fake.calls()).filteredOn(c -> c.path().equals("/v1/text-to-dialogue/with-timestamps")).singleElement()
                    .satisfies(c -> assertThat(c.body().get("inputs").toString())
                            .contains("text=Welcome to pod loom.").contains("text=Our data lives in seekwuhl tables.")
                            .doesNotContain("Podloom").doesNotContain("SQL"));
        }
    }

    @Test
    void freeTtsIsSentRespellings() {
        assertThat(sentTo(new FreeTtsSynthesizer()))
                .containsExactlyInAnyOrder("Welcome to pod loom.", "Our data lives in seekwuhl tables.");
    }

    @Test
    @RequiresTool("flite")
    void fliteIsSentRespellings() {
        assertThat(sentTo(new FliteSynthesizer()))
                .containsExactlyInAnyOrder("Welcome to pod loom.", "Our data lives in seekwuhl tables.");
    }

    @Test
    @RequiresTool("espeak-ng")
    void espeakIsSentPhonemesForIpaEntries() {
        assertThat(sentTo(new EspeakSynthesizer()))
                .containsExactlyInAnyOrder("Welcome to pod loom.", "Our data lives in [['si:kw@l]] tables.");
    }

    @Test
    void anOpenAiCompatibleServerIsSentRespellings() {
        try (var fake = new FakeSpeechServer()) {
            var limits = new ProviderGate.Settings(2, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(1));
            var openai = new OpenAiSpeechSynthesizer(new OpenAiSpeechSynthesizer.Config(fake.baseUrl(), "", "kokoro",
                    List.of(), null, "en", Duration.ofSeconds(30), limits), JsonMapper.createDefault(), Clock.systemUTC());

            sentTo(openai);

            assertThat(fake.calls()).extracting(FakeSpeechServer.SpeechCall::input)
                    .containsExactlyInAnyOrder("Welcome to pod loom.", "Our data lives in seekwuhl tables.");
        }
    }

    @Test
    void amazonPollyIsSentSsmlPhonemesForIpaEntriesAndSubstitutionsForRespellings() {
        System.setProperty("aws.accessKeyId", "AKIDPODLOOMLEXICON");
        System.setProperty("aws.secretAccessKey", "podloom-lexicon-secret");
        try (var fake = new FakePollyServer()) {
            var limits = new ProviderGate.Settings(2, 0, 0, Duration.ofMillis(100), Duration.ofSeconds(1));
            var polly = new PollySpeechSynthesizer(new PollySpeechSynthesizer.Config("neural", "us-east-1",
                    fake.endpoint(), List.of(), Duration.ofSeconds(30), limits), Clock.systemUTC());

            rendered(polly);

            assertThat(fake.calls()).extracting(FakePollyServer.SpeechCall::text).containsExactlyInAnyOrder(
                    "<speak>Welcome to <sub alias=\"pod loom\">Podloom</sub>.</speak>",
                    "<speak>Our data lives in <phoneme alphabet=\"ipa\" ph=\"ˈsiːkwəl\">SQL</phoneme> tables.</speak>");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
