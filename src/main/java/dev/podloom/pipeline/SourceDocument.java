package dev.podloom.pipeline;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Readable text taken from one source (a web page, an uploaded document, raw text).
 *
 * @param origin   where it came from: the URL, or a label such as {@code "text_content"} or a file name
 * @param title    the source's own title, or null when it has none
 * @param sections the text in reading order
 */
public record SourceDocument(String origin, String title, List<Section> sections) {

    public SourceDocument {
        sections = List.copyOf(sections);
    }

    /** A heading (null for text before the first heading) and its paragraphs. */
    public record Section(String heading, List<String> paragraphs) {
        public Section {
            paragraphs = List.copyOf(paragraphs);
        }
    }

    public String plainText() {
        return sections.stream()
                .flatMap(s -> s.paragraphs().stream())
                .collect(Collectors.joining("\n\n"));
    }

    public int wordCount() {
        String text = plainText().strip();
        return text.isEmpty() ? 0 : text.split("\\s+").length;
    }
}
