package dev.podloom.fetch;

import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readable text from plain text and Markdown: paragraphs on blank lines, Markdown headings as sections. */
final class TextExtractor {

    private static final Pattern ATX_HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^\\s{0,3}(=+|-+)\\s*$");
    private static final Pattern LIST_ITEM = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+(.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");
    private static final Pattern RULE = Pattern.compile("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$");
    private static final Pattern TABLE_DIVIDER = Pattern.compile("^\\s*\\|?\\s*:?-{3,}.*$");

    private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("\\[([^\\]]+)]\\[[^\\]]*]");
    private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^>]+|[^@\\s>]+@[^>\\s]+)>");
    private static final Pattern HTML_TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
    private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
    private static final Pattern EMPHASIS_STAR = Pattern.compile("\\*(?=\\S)(.+?)(?<=\\S)\\*");
    private static final Pattern EMPHASIS_UNDERSCORE = Pattern.compile("(?<!\\w)_(?=\\S)(.+?)(?<=\\S)_(?!\\w)");
    private static final Pattern STRIKE = Pattern.compile("~~(.+?)~~");
    private static final Pattern CODE = Pattern.compile("`+([^`]+)`+");
    private static final Pattern ESCAPE = Pattern.compile("\\\\([\\\\`*_{}\\[\\]()#+\\-.!>|])");

    private TextExtractor() {
    }

    static SourceDocument plain(String origin, String text) {
        List<String> paragraphs = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\\n\\s*\\n")) {
            String paragraph = block.strip().replaceAll("\\s+", " ");
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        String title = null;
        if (paragraphs.size() > 1 && PdfExtractor.looksLikeTitle(paragraphs.getFirst())) {
            title = paragraphs.removeFirst();
        }
        return ContentExtractor.document(origin, title, List.of(new Section(null, paragraphs)));
    }

    static SourceDocument markdown(String origin, String text) {
        MarkdownReader reader = new MarkdownReader();
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        int start = skipFrontMatter(lines);
        for (int i = start; i < lines.length; i++) {
            reader.line(lines[i]);
        }
        return ContentExtractor.document(origin, reader.title, reader.sections());
    }

    private static int skipFrontMatter(String[] lines) {
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].strip().equals("---")) {
                    return i + 1;
                }
            }
        }
        return 0;
    }

    /** Markdown inline syntax removed, keeping the words a reader would say. */
    static String inline(String text) {
        String result = IMAGE.matcher(text).replaceAll("");
        result = LINK.matcher(result).replaceAll("$1");
        result = REFERENCE_LINK.matcher(result).replaceAll("$1");
        result = AUTOLINK.matcher(result).replaceAll("");
        result = HTML_TAG.matcher(result).replaceAll("");
        result = STRONG.matcher(result).replaceAll("$2");
        result = EMPHASIS_STAR.matcher(result).replaceAll("$1");
        result = EMPHASIS_UNDERSCORE.matcher(result).replaceAll("$1");
        result = STRIKE.matcher(result).replaceAll("$1");
        result = CODE.matcher(result).replaceAll("$1");
        result = ESCAPE.matcher(result).replaceAll("$1");
        return result.replaceAll("\\s+", " ").strip();
    }

    private static final class MarkdownReader {
        private String title;
        private final List<Section> sections = new ArrayList<>();
        private String heading;
        private List<String> paragraphs = new ArrayList<>();
        private final List<String> pending = new ArrayList<>();
        private boolean inFence;

        void line(String line) {
            if (FENCE.matcher(line).matches()) {
                flush();
                inFence = !inFence;
                return;
            }
            if (inFence) {
                return;
            }
            Matcher atx = ATX_HEADING.matcher(line);
            if (atx.matches()) {
                flush();
                heading(atx.group(1).length(), inline(atx.group(2)));
                return;
            }
            if (pending.size() == 1 && SETEXT_UNDERLINE.matcher(line).matches()) {
                String text = inline(pending.removeFirst());
                heading(line.strip().startsWith("=") ? 1 : 2, text);
                return;
            }
            if (line.isBlank() || RULE.matcher(line).matches() || TABLE_DIVIDER.matcher(line).matches()) {
                flush();
                return;
            }
            Matcher item = LIST_ITEM.matcher(line);
            String content = line.strip();
            if (item.matches()) {
                flush();
                content = item.group(1);
            }
            content = content.replaceFirst("^(>\\s?)+", "").replace("|", " ");
            pending.add(content);
        }

        private void heading(int level, String text) {
            if (text.isEmpty()) {
                return;
            }
            if (level == 1 && title == null && sections.isEmpty() && paragraphs.isEmpty()) {
                title = text;
                return;
            }
            sections.add(new Section(heading, paragraphs));
            heading = text;
            paragraphs = new ArrayList<>();
        }

        private void flush() {
            if (!pending.isEmpty()) {
                String paragraph = inline(String.join(" ", pending));
                if (!paragraph.isEmpty()) {
                    paragraphs.add(paragraph);
                }
                pending.clear();
            }
        }

        List<Section> sections() {
            flush();
            sections.add(new Section(heading, paragraphs));
            return sections;
        }
    }
}
