package dev.podloom.audio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** Podcasting 2.0 JSON chapters, version 1.2.0 ({@code podcast:chapters}). */
final class ChaptersJson {

    private static final JsonFactory JSON = new JsonFactory();

    private ChaptersJson() {
    }

    static String render(EpisodeTimeline timeline) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "1.2.0");
            json.writeArrayFieldStart("chapters");
            List<EpisodeTimeline.Chapter> chapters = timeline.chapters();
            for (EpisodeTimeline.Chapter chapter : chapters) {
                json.writeStartObject();
                json.writeNumberField("startTime", seconds(timeline.millis(chapter.startSample())));
                json.writeNumberField("endTime", seconds(timeline.millis(chapter.endSample())));
                json.writeStringField("title", chapter.title());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Seconds with millisecond precision; Java prints the shortest decimal, e.g. {@code 12.345}. */
    private static double seconds(long millis) {
        return millis / 1000.0;
    }
}
