/*
 * Speech-provider benchmark: one 10-minute deep_dive episode from the 2,000-word fixture, spoken by the openai engine
 * against a fake OpenAI-compatible server (JDK HttpServer) that waits 300 ms per call and answers real speech
 * (FreeTTS, 16-bit WAV). Runs with 1, 4 and 8 concurrent calls allowed and prints wall time, calls, characters and
 * the episode's length. Then a revision of one line: the app's own beans (VoiceCatalog with the synthesis cache on an
 * in-memory H2 database and a local object store) render the episode once, then its script with one turn edited,
 * as the revision job does; it prints the revision's wall time, stages and calls.
 * Usage: bench/speech-providers.sh [latency-ms=300] [minutes=10] [revision: only the revision table]
 */

import com.sun.net.httpserver.HttpServer;
import dev.podloom.audio.Mp3EpisodeEncoder;
import dev.podloom.fetch.ContentExtractor;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.render.DefaultPodcastRenderer;
import dev.podloom.render.RenderOutcome;
import dev.podloom.script.ExtractiveScriptWriter;
import dev.podloom.speech.FreeTtsSynthesizer;
import dev.podloom.speech.OpenAiSpeechSynthesizer;
import dev.podloom.speech.ProviderGate;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.Turn;
import dev.podloom.pipeline.RenderedEpisode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class SpeechProvidersBenchmark {

    static final AtomicInteger CALLS = new AtomicInteger();
    static final AtomicLong CHARACTERS = new AtomicLong();
    static final AtomicInteger IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger MAX_IN_FLIGHT = new AtomicInteger();
    static final Pattern INPUT = Pattern.compile("\"input\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    public static void main(String[] args) throws Exception {
        long latencyMs = args.length > 0 ? Long.parseLong(args[0]) : 300;
        int minutes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        FreeTtsSynthesizer tts = new FreeTtsSynthesizer();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/v1/audio/voices", ex -> {
            byte[] body = "{\"voices\":[\"af_bella\",\"am_adam\"]}".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.createContext("/v1/audio/speech", ex -> {
            int now = IN_FLIGHT.incrementAndGet();
            MAX_IN_FLIGHT.accumulateAndGet(now, Math::max);
            try {
                String request = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Matcher m = INPUT.matcher(request);
                String input = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : "";
                CALLS.incrementAndGet();
                CHARACTERS.addAndGet(input.length());
                Thread.sleep(latencyMs);
                byte[] wav = wav(tts.synthesize(input, tts.voices().getFirst()));
                ex.getResponseHeaders().add("Content-Type", "audio/wav");
                ex.sendResponseHeaders(200, wav.length);
                ex.getResponseBody().write(wav);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                IN_FLIGHT.decrementAndGet();
                ex.close();
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        byte[] html = Files.readAllBytes(Path.of("src/test/resources/fixtures/article-2000-words.html"));
        SourceDocument article = new ContentExtractor().extract("https://example.org/article", "text/html", html);

        System.out.printf("Speech providers: one %d-minute deep_dive podcast, openai engine against a fake server with "
                + "%d ms per call (FreeTTS audio); %d cores%n", minutes, latencyMs, Runtime.getRuntime().availableProcessors());
        if (args.length > 2 && args[2].equals("revision")) {
            revision(base, article, minutes);
            server.stop(0);
            System.exit(0);
        }
        System.out.println("| concurrent calls allowed | wall time (s) | synthesize stage (s) | calls | max in flight | characters sent | episode (s) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int concurrency : List.of(1, 4, 8)) {
            var limits = new ProviderGate.Settings(concurrency, 0, 3, Duration.ofMillis(500), Duration.ofSeconds(10));
            var engine = new OpenAiSpeechSynthesizer(new OpenAiSpeechSynthesizer.Config(base, "", "kokoro", List.of(),
                    null, "en", Duration.ofSeconds(60), limits), JsonMapper.createDefault(), Clock.systemUTC());
            var renderer = new DefaultPodcastRenderer(url -> article, new ExtractiveScriptWriter(),
                    new VoiceCatalog(List.of(engine)), new Mp3EpisodeEncoder());
            CALLS.set(0);
            CHARACTERS.set(0);
            MAX_IN_FLIGHT.set(0);
            Path work = Files.createTempDirectory("speech-bench-");
            long started = System.nanoTime();
            RenderOutcome outcome = renderer.renderWithReport(new RenderRequest(List.of(URI.create("https://example.org/article")),
                    List.of(), null, "en", minutes, "deep_dive", Map.of(), "openai", null, Map.of(), null), work,
                    ProgressListener.NONE);
            double wall = (System.nanoTime() - started) / 1e9;
            System.out.printf("| %d | %.1f | %.1f | %d | %d | %d | %.0f |%n", concurrency, wall,
                    outcome.episode().stageMillis().get("synthesize") / 1000.0, CALLS.get(), MAX_IN_FLIGHT.get(),
                    CHARACTERS.get(), outcome.episode().durationSeconds());
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        revision(base, article, minutes);
        server.stop(0);
        System.exit(0);
    }

    /** A podcast rendered with the synthesis cache, then a revision of one line of it: time and provider calls. */
    static void revision(String base, SourceDocument article, int minutes) throws Exception {
        Path data = Files.createTempDirectory("revision-bench-");
        try (ApplicationContext app = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:h2:mem:revision-bench;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "podloom.data-dir", data.toString(),
                "podloom.speech.openai.base-url", base,
                "podloom.speech.openai.model", "kokoro",
                "podloom.speech.openai.max-concurrent", "4",
                "podloom.speech.openai.requests-per-second", "0"))) {
            VoiceCatalog catalog = app.getBean(VoiceCatalog.class);
            var renderer = new DefaultPodcastRenderer(url -> article, new ExtractiveScriptWriter(), catalog,
                    new Mp3EpisodeEncoder());
            System.out.printf("%nA revision of one line (synthesis cache on; 4 concurrent calls allowed):%n");
            System.out.println("| render | wall time (s) | synthesize stage (s) | master + encode (s) | calls | characters sent | episode (s) |");
            System.out.println("|---|---|---|---|---|---|---|");
            CALLS.set(0);
            CHARACTERS.set(0);
            long started = System.nanoTime();
            RenderedEpisode original = renderer.render(new RenderRequest(List.of(URI.create("https://example.org/article")),
                    List.of(), null, "en", minutes, "deep_dive", Map.of(), "openai", null, Map.of(), null),
                    Files.createTempDirectory(data, "original-"), ProgressListener.NONE);
            row(minutes + "-minute podcast (cache empty)", started, original);

            Script script = original.script();
            int edited = script.turns().size() / 2;
            List<Turn> turns = new java.util.ArrayList<>(script.turns());
            Turn old = turns.get(edited);
            turns.set(edited, new Turn(old.speaker(), "Volunteers rolled new logs down the beach at dawn, and the "
                    + "harbour opened a week early."));
            Map<String, String> voices = new java.util.LinkedHashMap<>();
            for (int i = 0; i < script.speakers().size(); i++) {
                voices.put(script.speakers().get(i), original.voiceIds().get(i));
            }
            CALLS.set(0);
            CHARACTERS.set(0);
            started = System.nanoTime();
            RenderedEpisode revised = renderer.render(new RenderRequest(List.of(), List.of(),
                    script.withTurns(turns, script.segments()), "en", minutes, "deep_dive", voices, "openai", null,
                    Map.of(), null), Files.createTempDirectory(data, "revision-"), ProgressListener.NONE);
            row("revision of turn " + edited + " of " + turns.size(), started, revised);
        }
        try (var files = Files.walk(data)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static void row(String what, long startedNanos, RenderedEpisode episode) {
        double wall = (System.nanoTime() - startedNanos) / 1e9;
        Map<String, Long> stages = episode.stageMillis();
        System.out.printf("| %s | %.1f | %.1f | %.1f | %d | %d | %.0f |%n", what, wall, stages.get("synthesize") / 1000.0,
                (stages.get("master") + stages.get("encode")) / 1000.0, CALLS.get(), CHARACTERS.get(),
                episode.durationSeconds());
    }

    static byte[] wav(AudioClip clip) {
        float[] s = clip.samples();
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * s.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * s.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(clip.sampleRate())
                .putInt(clip.sampleRate() * 2).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * s.length);
        for (float v : s) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, v)) * 32767));
        }
        return b.array();
    }
}
