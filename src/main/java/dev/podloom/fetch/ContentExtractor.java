package dev.podloom.fetch;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;
import jakarta.inject.Singleton;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns fetched or uploaded bytes into a {@link SourceDocument}: HTML, PDF, plain text, Markdown, CSV and XML.
 * Fails with {@code NO_READABLE_TEXT} when fewer than {@value #MIN_WORDS} words of text come out.
 */
@Singleton
public class ContentExtractor {

    static final int MIN_WORDS = 50;

    /**
     * @param origin    the URL or label the bytes came from; used in the document and in error messages
     * @param mediaType a content type, optionally with a charset parameter, e.g. {@code text/html; charset=utf-8}
     */
    public SourceDocument extract(String origin, String mediaType, byte[] body) {
        String type = baseType(mediaType);
        Optional<Charset> charset = charset(mediaType);
        SourceDocument document = switch (type) {
            case "text/html", "application/xhtml+xml" -> HtmlExtractor.extract(origin, body, charset.orElse(null));
            case "application/pdf" -> PdfExtractor.extract(origin, body);
            case "text/markdown", "text/x-markdown" -> TextExtractor.markdown(origin, decode(body, charset));
            case "text/plain", "text/csv" -> TextExtractor.plain(origin, decode(body, charset));
            case "text/xml", "application/xml" -> HtmlExtractor.xml(origin, body, charset.orElse(null));
            default -> throw new PipelineException(FailureCode.UNSUPPORTED_CONTENT_TYPE,
                    origin + " has an unsupported content type (" + mediaType + ")");
        };
        if (document.wordCount() < MIN_WORDS) {
            throw new PipelineException(FailureCode.NO_READABLE_TEXT, origin + " holds no readable text ("
                    + document.wordCount() + " words found)");
        }
        return document;
    }

    /** Recognises a PDF or an HTML page from its first bytes, for responses without a useful content type. */
    public static Optional<String> sniff(byte[] body) {
        if (body.length >= 5 && body[0] == '%' && body[1] == 'P' && body[2] == 'D' && body[3] == 'F' && body[4] == '-') {
            return Optional.of("application/pdf");
        }
        String head = new String(body, 0, Math.min(body.length, 512), StandardCharsets.ISO_8859_1)
                .stripLeading().toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
            return Optional.of("text/html");
        }
        return Optional.empty();
    }

    static SourceDocument document(String origin, String title, List<Section> sections) {
        List<Section> nonEmpty = sections.stream().filter(s -> !s.paragraphs().isEmpty()).toList();
        return new SourceDocument(origin, title == null || title.isBlank() ? null : title.strip(), nonEmpty);
    }

    private static String baseType(String mediaType) {
        if (mediaType == null) {
            return "";
        }
        int semicolon = mediaType.indexOf(';');
        return (semicolon < 0 ? mediaType : mediaType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Charset> charset(String mediaType) {
        if (mediaType == null) {
            return Optional.empty();
        }
        for (String parameter : mediaType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                try {
                    return Optional.of(Charset.forName(pair[1].strip().replace("\"", "")));
                } catch (IllegalArgumentException unknownCharset) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(byte[] body, Optional<Charset> charset) {
        String text = new String(body, charset.orElse(StandardCharsets.UTF_8));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
