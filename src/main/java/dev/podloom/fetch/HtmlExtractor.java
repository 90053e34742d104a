package dev.podloom.fetch;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.select.Elements;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Readable text from an HTML page: the main content's headings and paragraphs, without page furniture. Code blocks
 * ({@code pre}) and data tables (with header cells or code) are furniture too: read aloud they are symbols, not
 * sentences.
 */
final class HtmlExtractor {

    private static final String FURNITURE = String.join(",",
            "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed", "form",
            "button", "input", "select", "textarea", "nav", "header", "footer", "aside", "menu", "dialog",
            "figure", "pre", "table:has(th)", "table:has(code)", "[hidden]", "[aria-hidden=true]", "[role=navigation]", "[role=banner]",
            "[role=contentinfo]", "[role=complementary]", "[role=search]", "[role=dialog]",
            "[role=alertdialog]", "[role=menu]", "[role=menubar]");

    /** Class/id words that mark boilerplate blocks (menus, cookie banners, share widgets, comments, ads). */
    private static final Set<String> FURNITURE_WORDS = Set.of(
            "nav", "navbar", "navigation", "menu", "footer", "header", "masthead", "sidebar", "aside", "cookie",
            "cookies", "consent", "gdpr", "banner", "share", "sharing", "social", "comment", "comments", "disqus",
            "related", "recommended", "newsletter", "subscribe", "signup", "promo", "advert", "advertisement", "ad",
            "ads", "sponsor", "sponsored", "breadcrumb", "breadcrumbs", "pagination", "pager", "popup", "modal",
            "widget", "toolbar", "skip", "byline", "dateline", "meta", "tags");
    private static final Pattern WORD_SEPARATOR = Pattern.compile("[^a-z0-9]+");
    private static final Set<String> HEADINGS = Set.of("h1", "h2", "h3", "h4", "h5", "h6");
    private static final Set<String> BLOCKS = Set.of(
            "address", "article", "aside", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset",
            "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
            "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "ul",
            "summary", "caption", "body");
    private static final String BLOCK_SELECTOR = String.join(",", BLOCKS);
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?…][\"'”’)]*$");

    private HtmlExtractor() {
    }

    static SourceDocument extract(String origin, byte[] body, Charset charset) {
        Document document = parse(origin, body, charset, Parser.htmlParser());
        String title = title(document);
        Element bodyElement = document.body();
        int bodyTextLength = bodyElement.text().length();
        removeFurniture(bodyElement, bodyTextLength);
        Collector collector = new Collector(title);
        collector.walk(contentRoot(bodyElement));
        return ContentExtractor.document(origin, title, collector.sections());
    }

    static SourceDocument xml(String origin, byte[] body, Charset charset) {
        Document document = parse(origin, body, charset, Parser.xmlParser());
        List<String> paragraphs = new ArrayList<>();
        String title = null;
        for (Element element : document.getAllElements()) {
            String text = normalize(element.ownText());
            if (text.isEmpty()) {
                continue;
            }
            if (title == null && element.normalName().equals("title")) {
                title = text;
            } else {
                paragraphs.add(text);
            }
        }
        return ContentExtractor.document(origin, title, List.of(new Section(null, paragraphs)));
    }

    private static Document parse(String origin, byte[] body, Charset charset, Parser parser) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(body), charset == null ? null : charset.name(), origin,
                    parser);
        } catch (IOException e) {
            throw new PipelineException(FailureCode.NO_READABLE_TEXT, origin + " could not be parsed: " + e.getMessage(), e);
        }
    }

    private static String title(Document document) {
        Element ogTitle = document.selectFirst("meta[property=og:title]");
        if (ogTitle != null && !ogTitle.attr("content").isBlank()) {
            return normalize(ogTitle.attr("content"));
        }
        String title = normalize(document.title());
        Element h1 = document.selectFirst("h1");
        String heading = h1 == null ? "" : normalize(h1.text());
        // "<headline> - <site name>": the page's own h1 is the headline without the site name.
        if (!heading.isEmpty() && (title.isEmpty() || title.startsWith(heading))) {
            return heading;
        }
        return title.isEmpty() ? null : title;
    }

    private static void removeFurniture(Element body, int bodyTextLength) {
        List<Element> doomed = new ArrayList<>(body.select(FURNITURE));
        for (Element element : body.getAllElements()) {
            if (looksLikeFurniture(element)) {
                doomed.add(element);
            }
        }
        for (Element element : doomed) {
            // Some sites wrap the whole page in a <form> or give the content wrapper a class like "has-sidebar".
            boolean holdsContent = element.selectFirst("article, main, [role=main]") != null
                    || element.text().length() > bodyTextLength / 2;
            if (!holdsContent && element.parent() != null) {
                element.remove();
            }
        }
    }

    private static boolean looksLikeFurniture(Element element) {
        String tag = element.normalName();
        if (tag.equals("body") || tag.equals("article") || tag.equals("main")) {
            return false;
        }
        String names = (element.className() + " " + element.id()).toLowerCase(Locale.ROOT);
        if (names.isBlank()) {
            return false;
        }
        return Arrays.stream(WORD_SEPARATOR.split(names)).anyMatch(FURNITURE_WORDS::contains);
    }

    /** The explicit content container when the page marks one, else the block holding the most paragraph text. */
    private static Element contentRoot(Element body) {
        Elements articles = body.select("article, [itemprop=articleBody]");
        if (!articles.isEmpty()) {
            return articles.stream().max(Comparator.comparingInt(e -> e.text().length())).orElseThrow();
        }
        Element main = body.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        Map<Element, Integer> scores = new HashMap<>();
        for (Element paragraph : body.select("p")) {
            int length = paragraph.text().length();
            Element parent = paragraph.parent();
            if (parent != null) {
                scores.merge(parent, length, Integer::sum);
                if (parent.parent() != null) {
                    scores.merge(parent.parent(), length / 2, Integer::sum);
                }
            }
        }
        return scores.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(body);
    }

    private static String normalize(String text) {
        return text.replace('\u00a0', ' ').replaceAll("\\s+", " ").strip();
    }

    /** Walks the content in reading order, turning headings into sections and text blocks into paragraphs. */
    private static final class Collector {
        private final String title;
        private final List<Section> sections = new ArrayList<>();
        private String heading;
        private List<String> paragraphs = new ArrayList<>();
        private final StringBuilder inline = new StringBuilder();
        private int inlineLinkChars;

        Collector(String title) {
            this.title = title;
        }

        List<Section> sections() {
            flushInline();
            sections.add(new Section(heading, paragraphs));
            return sections;
        }

        void walk(Element element) {
            for (Node node : element.childNodes()) {
                if (node instanceof TextNode text) {
                    inline.append(text.text());
                } else if (node instanceof Element child) {
                    visit(child);
                }
            }
        }

        private void visit(Element element) {
            String tag = element.normalName();
            if (tag.equals("br")) {
                inline.append(' ');
                return;
            }
            if (!BLOCKS.contains(tag) && element.selectFirst(BLOCK_SELECTOR) == null) {
                // Inline markup (links, emphasis, spans) continues the current run of text.
                inline.append(element.text());
                element.select("a").forEach(a -> inlineLinkChars += a.text().length());
                return;
            }
            flushInline();
            if (HEADINGS.contains(tag)) {
                String text = normalize(element.text());
                // The page's own h1 usually repeats its title; it is not a section of its own.
                boolean repeatsTitle = tag.equals("h1") && title != null && title.contains(text);
                if (!repeatsTitle) {
                    startSection(text);
                }
            } else if (tag.equals("p") || tag.equals("dd")
                    || (tag.equals("blockquote") && element.selectFirst("p") == null)) {
                addParagraph(element);
            } else if (tag.equals("li") && element.selectFirst("p, ul, ol, div") == null) {
                String text = normalize(element.text());
                if (text.split(" ").length >= 6 && SENTENCE_END.matcher(text).find()) {
                    addParagraph(element);
                }
            } else if (!tag.equals("hr") && !tag.equals("dt")) {
                walk(element);
                flushInline();
            }
        }

        private void startSection(String text) {
            if (text.isEmpty()) {
                return;
            }
            sections.add(new Section(heading, paragraphs));
            heading = text;
            paragraphs = new ArrayList<>();
        }

        private void addParagraph(Element element) {
            int linkChars = element.select("a").stream().mapToInt(a -> a.text().length()).sum();
            add(normalize(element.text()), linkChars);
        }

        private void flushInline() {
            add(normalize(inline.toString()), inlineLinkChars);
            inline.setLength(0);
            inlineLinkChars = 0;
        }

        /** Drops short blocks that are mostly links: leftover menus, tag lists, "read more" teasers. */
        private void add(String text, int linkChars) {
            if (text.isEmpty()) {
                return;
            }
            int words = text.split(" ").length;
            if (words < 25 && linkChars * 2 > text.length()) {
                return;
            }
            paragraphs.add(text);
        }
    }
}
