package dev.podloom.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI chat-completions server (POST {@code /v1/chat/completions}, answers in the documented
 * {@code chat.completion} shape with {@code usage}) that writes podcast answers from what it is asked: an outline of
 * the number of segments requested over the passages listed, dialogue of the requested length whose fact turns quote
 * the passages they cite, rewrites and adjustments. Scripted answers ({@link #enqueue}) come first, for failures.
 */
public final class FakeChatServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PASSAGE = Pattern.compile("(?m)^(\\d+): (.+)$");
    private static final Pattern SPEAKER = Pattern.compile("(?m)^- ([^,:\\n]+)");

    private final MockWebServer server = new MockWebServer();
    private final Queue<MockResponse> scripted = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<RecordedRequest> recorded = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    /** When set, the first dialogue answer's second turn cites this id (and rewrites keep citing it). */
    public volatile Integer unknownCitation;
    /** Fixed latency per call, for benchmarks. */
    public volatile long latencyMillis;

    public FakeChatServer() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The base URL to configure as {@code PODLOOM_LLM_BASE_URL}. */
    public String baseUrl() {
        return server.url("/v1").toString();
    }

    public void enqueue(MockResponse response) {
        scripted.add(response);
    }

    public List<JsonNode> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> recorded() {
        return List.copyOf(recorded);
    }

    public int calls() {
        return calls.get();
    }

    /** Requests whose JSON schema has this name. */
    public List<JsonNode> requests(String schemaName) {
        return requests().stream()
                .filter(r -> schemaName.equals(r.path("response_format").path("json_schema").path("name").asText()))
                .toList();
    }

    private MockResponse answer(RecordedRequest request) {
        calls.incrementAndGet();
        recorded.add(request);
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            JsonNode body = JSON.readTree(request.getBody().utf8());
            requests.add(body);
            MockResponse next = scripted.poll();
            if (next != null) {
                return next;
            }
            String schema = body.path("response_format").path("json_schema").path("name").asText();
            String system = body.path("messages").get(0).path("content").asText();
            String user = body.path("messages").get(body.path("messages").size() - 1).path("content").asText();
            ObjectNode content = switch (schema) {
                case "podcast_outline" -> outline(user);
                case "podcast_dialogue" -> dialogue(system, user);
                case "rewritten_turns" -> rewrite(user);
                case "adjusted_segments" -> adjust(system, user);
                case "translated_turns" -> translateTurns(user);
                case "translated_titles" -> translateTitles(user);
                case "series_plan" -> seriesPlan(user);
                default -> throw new IllegalArgumentException("unexpected schema " + schema);
            };
            return completion(JSON.writeValueAsString(content), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A documented chat.completion body whose message content is {@code content}. */
    public static MockResponse completion(String content, int unused) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000)
                .put("model", "fake-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 120).put("completion_tokens", 80).put("total_tokens", 200);
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(root.toString()).build();
    }

    private static List<String[]> passages(String user) {
        List<String[]> out = new ArrayList<>();
        Matcher m = PASSAGE.matcher(user);
        while (m.find()) {
            out.add(new String[]{m.group(1), m.group(2)});
        }
        return out;
    }

    private static int number(String text, String regex, int fallback) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? Integer.parseInt(m.group(1)) : fallback;
    }

    private ObjectNode outline(String user) {
        int segments = number(user, "in exactly (\\d+) segments", 2);
        List<String[]> passages = passages(user);
        if (passages.isEmpty()) {
            return topicOutline(user, segments);
        }
        ObjectNode root = JSON.createObjectNode().put("title", "What the sources say");
        ArrayNode list = root.putArray("segments");
        int per = Math.max(1, passages.size() / segments);
        for (int s = 0; s < segments; s++) {
            ObjectNode segment = list.addObject().put("title", "Part " + (s + 1)).put("minutes", 1.0);
            ArrayNode points = segment.putArray("points");
            for (int k = 0; k < 2; k++) {
                String[] p = passages.get(Math.min(passages.size() - 1, s * per + k));
                ObjectNode point = points.addObject().put("point", firstWords(p[1], 6));
                point.putArray("cites").add(Integer.parseInt(p[0]));
            }
        }
        return root;
    }

    /** A topic-only outline (no passages listed): points about the topic, citing nothing. */
    private static ObjectNode topicOutline(String user, int segments) {
        Matcher m = Pattern.compile("segments about this\\s+topic: (.+)").matcher(user);
        String topic = m.find() ? m.group(1).strip() : "the topic";
        ObjectNode root = JSON.createObjectNode().put("title", "All about " + topic);
        ArrayNode list = root.putArray("segments");
        for (int s = 0; s < segments; s++) {
            ObjectNode segment = list.addObject().put("title", "Part " + (s + 1) + " of " + topic)
                    .put("minutes", 1.0);
            ArrayNode points = segment.putArray("points");
            points.addObject().put("point", "What is known about " + topic).putArray("cites");
            points.addObject().put("point", "Why " + topic + " matters").putArray("cites");
        }
        return root;
    }

    /** A series plan: as many episodes as asked for, each titled and outlined after the prompt. */
    private static ObjectNode seriesPlan(String user) {
        int episodes = number(user, "exactly (\\d+) episodes", 3);
        Matcher m = Pattern.compile("episodes about: (.+)").matcher(user);
        String prompt = m.find() ? m.group(1).strip() : "the subject";
        ObjectNode root = JSON.createObjectNode().put("title", "A series on " + prompt)
                .put("description", "Everything about " + prompt + ", one step at a time.");
        ArrayNode list = root.putArray("episodes");
        for (int k = 1; k <= episodes; k++) {
            list.addObject().put("title", "Part " + k + " of " + prompt)
                    .put("outline", "What part " + k + " covers about " + prompt + ". It goes deeper than the part "
                            + "before it.");
        }
        return root;
    }

    private static List<String> speakers(String system) {
        String block = system.substring(system.indexOf("Speakers, in order"));
        int end = block.indexOf("Every fact");
        block = block.substring(0, end >= 0 ? end : block.indexOf("This episode has no sources"));
        List<String> names = new ArrayList<>();
        Matcher m = SPEAKER.matcher(block);
        while (m.find()) {
            names.add(m.group(1).strip());
        }
        return names;
    }

    private static boolean french(String system) {
        return system.contains("language \"fr");
    }

    private ObjectNode dialogue(String system, String user) {
        int words = number(user, "about (\\d+) spoken words", 150);
        return turns(speakers(system), passages(user), words, french(system), true);
    }

    private ObjectNode turns(List<String> speakers, List<String[]> passages, int words, boolean french,
                             boolean checkUnknown) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode turns = root.putArray("turns");
        int written = 0;
        int i = 0;
        turns.add(turn(speakers.getFirst(), "framing", french ? "Bonjour, on continue." : "Let us get into it.",
                -1));
        written += 4;
        Integer unknown = checkUnknown ? unknownCitation : null;
        while (written < words && passages.isEmpty()) {
            // Topic-only: general knowledge, citing nothing.
            String text = french ? "Voici ce que l'on sait en général sur ce sujet, sans source citée ici."
                    : "Here is what is generally known about this subject, from general knowledge alone.";
            turns.add(turn(speakers.get((i + 1) % speakers.size()), "framing", text, -1));
            written += text.split("\\s+").length;
            i++;
        }
        while (written < words) {
            String[] p = passages.get(i % passages.size());
            String speaker = speakers.get((i + 1) % speakers.size());
            String text = (french ? "D'après la source : " : "Right, ") + p[1];
            int cite = Integer.parseInt(p[0]);
            if (unknown != null && i == 1) {
                cite = unknown;
            }
            turns.add(turn(speaker, "fact", text, cite));
            written += text.split("\\s+").length;
            i++;
        }
        return root;
    }

    private static ObjectNode turn(String speaker, String kind, String text, int cite) {
        ObjectNode t = JSON.createObjectNode().put("speaker", speaker).put("kind", kind).put("text", text);
        ArrayNode cites = t.putArray("cites");
        if (cite >= 0) {
            cites.add(cite);
        }
        return t;
    }

    private ObjectNode rewrite(String user) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode turns = root.putArray("turns");
        Matcher m = Pattern.compile("(?m)^index (\\d+) — ([^(]+) \\(cites").matcher(user);
        while (m.find()) {
            ObjectNode t = turn(m.group(2).strip(), "fact", "Still the same unsupported claim.",
                    unknownCitation == null ? 1 : unknownCitation);
            t.put("index", Integer.parseInt(m.group(1)));
            turns.add(t);
        }
        return root;
    }

    private ObjectNode adjust(String system, String user) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode segments = root.putArray("segments");
        Matcher m = Pattern.compile("Segment (\\d+) \"[^\"]*\": now \\d+ words, rewrite it to (\\d+) words")
                .matcher(user);
        List<String[]> passages = passages(user);
        while (m.find()) {
            ObjectNode segment = segments.addObject().put("index", Integer.parseInt(m.group(1)));
            segment.set("turns", turns(speakers(system), passages, Integer.parseInt(m.group(2)), french(system),
                    false).get("turns"));
        }
        return root;
    }

    /** A translation "into French": each listed turn's text behind a French lead-in, indexes kept. */
    private static ObjectNode translateTurns(String user) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode turns = root.putArray("turns");
        Matcher m = Pattern.compile("(?m)^index (\\d+) — [^:\\n]+: (.*)$").matcher(user);
        while (m.find()) {
            turns.addObject().put("index", Integer.parseInt(m.group(1))).put("text", "En français : " + m.group(2));
        }
        return root;
    }

    private static ObjectNode translateTitles(String user) {
        Matcher title = Pattern.compile("(?m)^title: (.*)$").matcher(user);
        ObjectNode root = JSON.createObjectNode().put("title", "Titre : " + (title.find() ? title.group(1) : ""));
        ArrayNode segments = root.putArray("segments");
        Matcher m = Pattern.compile("(?m)^chapter \\d+: (.*)$").matcher(user);
        while (m.find()) {
            segments.add("Chapitre : " + m.group(1));
        }
        return root;
    }

    private static String firstWords(String text, int n) {
        String[] words = text.split("\\s+");
        return String.join(" ", java.util.Arrays.copyOf(words, Math.min(n, words.length)));
    }

    @Override
    public void close() {
        server.close();
    }
}
