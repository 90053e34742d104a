/*
 * LLM writer benchmark: scripts written through the real writer (langchain4j OpenAI client, prompts, fact check,
 * length adjustments) against a local OpenAI-compatible fake that answers every call after a fixed latency
 * (default 500 ms). Prints model calls per podcast against the segment count, the time the writer adds per minute
 * of audio, and the peak memory of a 120-minute podcast from 20 sources. Run with bench/llm-writer.sh.
 */

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.podloom.llm.LanguageModels;
import dev.podloom.llm.LlmSettings;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.ScriptRequest;
import dev.podloom.pipeline.ScriptWriter;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.script.ExtractiveScriptWriter;
import dev.podloom.script.ScriptWriterSelection;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class LlmWriterBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final AtomicInteger CALLS = new AtomicInteger();
    static final Pattern PASSAGE = Pattern.compile("(?m)^(\\d+): (.+)$");
    static final Pattern SPEAKER = Pattern.compile("(?m)^- ([^,:\\n]+)");

    public static void main(String[] args) throws Exception {
        long latency = Long.parseLong(System.getProperty("latencyMillis", "500"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            CALLS.incrementAndGet();
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] answer = answer(JSON.readTree(body)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        LlmSettings settings = new LlmSettings("openai", base, "bench-model", null, "60s", 4, 32_000, 0.7, null);
        ScriptWriter writer = new ScriptWriterSelection(new ExtractiveScriptWriter(),
                new LanguageModels(settings, Clock.systemUTC())).select("llm");
        // One writer per podcast, as the renderer does: it keeps its drafts while the length is steered.
        String article = Files.readString(Path.of("src/test/resources/fixtures/article-2000-words.html"))
                .replaceAll("(?s)<(script|style)[^>]*>.*?</\\1>", " ").replaceAll("<[^>]+>", "\n");
        List<String> paragraphs = article.lines().map(String::strip).filter(l -> l.split("\\s+").length > 8).toList();
        System.out.printf("fake OpenAI-compatible server, %d ms per call; fixture article %d paragraphs%n", latency,
                paragraphs.size());
        System.out.println("minutes sources words  segments calls(first write) calls(with 2 steering rewrites) "
                + "writer-seconds  seconds-per-audio-minute  peak-heap-MB");
        for (int[] run : new int[][]{{2, 1}, {5, 1}, {10, 2}, {30, 5}, {120, 20}}) {
            int minutes = run[0];
            List<SourceDocument> sources = new ArrayList<>();
            for (int s = 0; s < run[1]; s++) {
                final int k = s;
                sources.add(new SourceDocument("https://example.com/source-" + s, "Source " + s,
                        List.of(new SourceDocument.Section(null, paragraphs.stream()
                                .map(p -> "In source " + k + ", " + p).toList()))));
            }
            int words = minutes * 150;
            System.gc();
            AtomicLong peak = new AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            int before = CALLS.get();
            long started = System.nanoTime();
            ScriptRequest request = new ScriptRequest(sources, "deep_dive", words, null, Map.of(), "en",
                    List.of("Alex", "Sam"), List.of(), 1L);
            ScriptWriter podcastWriter = writer.forOneScript();
            Script script = podcastWriter.write(request);
            int firstCalls = CALLS.get() - before;
            // What the renderer's steering does next: a longer then a shorter budget.
            podcastWriter.write(request.withTargetWords((int) (words * 1.15)));
            Script last = podcastWriter.write(request.withTargetWords((int) (words * 1.05)));
            double seconds = (System.nanoTime() - started) / 1e9;
            sampler.interrupt();
            int calls = CALLS.get() - before;
            System.out.printf("%7d %7d %6d %9d %17d %31d %15.1f %25.2f %13d%n", minutes, run[1], last.wordCount(),
                    script.segments().size(), firstCalls, calls, seconds, seconds / minutes, peak.get() >> 20);
        }
        server.stop(0);
    }

    static String answer(JsonNode body) throws java.io.IOException {
        String schema = body.path("response_format").path("json_schema").path("name").asText();
        String system = body.path("messages").get(0).path("content").asText();
        String user = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
        List<String[]> passages = new ArrayList<>();
        Matcher m = PASSAGE.matcher(user);
        while (m.find()) {
            passages.add(new String[]{m.group(1), m.group(2)});
        }
        ObjectNode content = JSON.createObjectNode();
        switch (schema) {
            case "podcast_outline" -> {
                int segments = number(user, "in exactly (\\d+) segments", 2);
                content.put("title", "Benchmark episode");
                ArrayNode list = content.putArray("segments");
                int per = Math.max(1, passages.size() / segments);
                for (int s = 0; s < segments; s++) {
                    ObjectNode seg = list.addObject().put("title", "Part " + (s + 1)).put("minutes", 1.0);
                    ArrayNode points = seg.putArray("points");
                    for (int k = 0; k < 3; k++) {
                        String[] p = passages.get(Math.min(passages.size() - 1, s * per + k));
                        points.addObject().put("point", p[1].substring(0, Math.min(40, p[1].length())))
                                .putArray("cites").add(Integer.parseInt(p[0]));
                    }
                }
            }
            case "podcast_dialogue" -> content.set("turns", turns(system, passages,
                    number(user, "about (\\d+) spoken words", 150)));
            case "adjusted_segments" -> {
                ArrayNode list = content.putArray("segments");
                Matcher a = Pattern.compile("Segment (\\d+) \"[^\"]*\": now \\d+ words, rewrite it to (\\d+) words")
                        .matcher(user);
                while (a.find()) {
                    list.addObject().put("index", Integer.parseInt(a.group(1)))
                            .set("turns", turns(system, passages, Integer.parseInt(a.group(2))));
                }
            }
            default -> content.putArray("turns");
        }
        ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-bench").put("object", "chat.completion")
                .put("created", 1).put("model", "bench-model");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", JSON.writeValueAsString(content));
        root.putObject("usage").put("prompt_tokens", user.length() / 4).put("completion_tokens", 500);
        return root.toString();
    }

    static ArrayNode turns(String system, List<String[]> passages, int words) {
        List<String> speakers = new ArrayList<>();
        Matcher m = SPEAKER.matcher(system.substring(system.indexOf("Speakers, in order"), system.indexOf("Every fact")));
        while (m.find()) {
            speakers.add(m.group(1).strip());
        }
        ArrayNode turns = JSON.createArrayNode();
        int written = 0;
        for (int i = 0; written < words; i++) {
            String[] p = passages.get(i % passages.size());
            String text = "Right, " + p[1];
            ObjectNode t = turns.addObject().put("speaker", speakers.get(i % speakers.size())).put("kind", "fact")
                    .put("text", text);
            t.putArray("cites").add(Integer.parseInt(p[0]));
            written += text.split("\\s+").length;
        }
        return turns;
    }

    static int number(String text, String regex, int fallback) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }
}
