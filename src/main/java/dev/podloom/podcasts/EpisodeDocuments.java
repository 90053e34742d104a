package dev.podloom.podcasts;

import dev.podloom.pipeline.Passage;
import dev.podloom.pipeline.Script;
import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.Turn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The episode's JSON documents: the script with each turn's citations resolved to {@code {source, passage}}, and the
 * Podcasting 2.0 JSON transcript ({@code {version, segments:[{speaker, startTime, endTime, body}]}}) made from the
 * WebVTT transcript's cues. Pure.
 */
final class EpisodeDocuments {

    private static final Pattern CUE = Pattern.compile(
            "(\\d+):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d+):(\\d{2}):(\\d{2})\\.(\\d{3})\\n(?:<v ([^>]*)>)?(.*)");

    private EpisodeDocuments() {
    }

    /** The script as {@code GET /v1/podcasts/{id}/script} and {@code /v1/scripts} show it. */
    static Map<String, Object> script(Script script) {
        Map<Integer, Passage> passages = new LinkedHashMap<>();
        script.passages().forEach(p -> passages.put(p.id(), p));
        List<Map<String, Object>> turns = new ArrayList<>();
        for (Turn turn : script.turns()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("speaker", turn.speaker());
            t.put("text", turn.text());
            t.put("cites", cites(turn, passages));
            turns.add(t);
        }
        List<Map<String, Object>> segments = script.segments().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("title", s.title());
            m.put("first_turn", s.firstTurn());
            return m;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", script.title());
        out.put("style", script.style());
        out.put("writer", script.authorship().writer());
        out.put("model", script.authorship().model());
        out.put("fallback_reason", script.authorship().fallbackReason());
        out.put("turns", turns);
        out.put("segments", segments);
        return out;
    }

    /**
     * A script read back from its {@link #script} document: turns with their citation ids, chapters, title and
     * style, and the cited passages (from the resolved citations). Authorship is not kept: the reader decides it.
     */
    static Script readScript(io.micronaut.json.tree.JsonNode doc) {
        Map<Integer, Passage> passages = new LinkedHashMap<>();
        List<Turn> turns = new ArrayList<>();
        for (io.micronaut.json.tree.JsonNode t : doc.get("turns").values()) {
            List<Integer> ids = new ArrayList<>();
            io.micronaut.json.tree.JsonNode cites = t.get("cites");
            if (cites != null) {
                for (io.micronaut.json.tree.JsonNode c : cites.values()) {
                    int id = c.get("id").getIntValue();
                    ids.add(id);
                    passages.putIfAbsent(id, new Passage(id, text(c, "source"), text(c, "passage")));
                }
            }
            turns.add(new Turn(text(t, "speaker"), text(t, "text"), ids));
        }
        List<Segment> segments = new ArrayList<>();
        io.micronaut.json.tree.JsonNode chapters = doc.get("segments");
        if (chapters != null) {
            for (io.micronaut.json.tree.JsonNode s : chapters.values()) {
                segments.add(new Segment(text(s, "title"), s.get("first_turn").getIntValue()));
            }
        }
        return new Script(text(doc, "title"), text(doc, "style"), turns, segments, false,
                List.copyOf(passages.values()), null);
    }

    private static String text(io.micronaut.json.tree.JsonNode node, String field) {
        io.micronaut.json.tree.JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.getStringValue();
    }

    static List<Map<String, Object>> cites(Turn turn, Map<Integer, Passage> passages) {
        List<Map<String, Object>> cites = new ArrayList<>();
        for (int id : turn.cites()) {
            Passage p = passages.get(id);
            if (p != null) {
                Map<String, Object> cite = new LinkedHashMap<>();
                cite.put("id", id);
                cite.put("source", p.source());
                cite.put("passage", p.text());
                cites.add(cite);
            }
        }
        return cites;
    }

    /** The Podcasting 2.0 JSON transcript of a WebVTT transcript (times in seconds). */
    static Map<String, Object> transcript(String vtt) {
        List<Map<String, Object>> segments = new ArrayList<>();
        Matcher m = CUE.matcher(vtt.replace("\r\n", "\n"));
        while (m.find()) {
            Map<String, Object> segment = new LinkedHashMap<>();
            if (m.group(9) != null) {
                segment.put("speaker", unescape(m.group(9)));
            }
            segment.put("startTime", seconds(m, 1));
            segment.put("endTime", seconds(m, 5));
            segment.put("body", unescape(m.group(10).strip()));
            segments.add(segment);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", "1.0.0");
        out.put("segments", segments);
        return out;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Integer.parseInt(m.group(group + 2)) + Integer.parseInt(m.group(group + 3)) / 1000.0;
    }

    private static String unescape(String text) {
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
