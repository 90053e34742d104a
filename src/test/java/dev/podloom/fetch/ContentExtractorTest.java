package dev.podloom.fetch;

import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceDocument.Section;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContentExtractorTest {

    private final ContentExtractor extractor = new ContentExtractor();

    @Test
    void extractsTheArticleTitleSectionsAndParagraphsInReadingOrder() throws IOException {
        SourceDocument document = html("article-2000-words.html");

        assertThat(document.title()).isEqualTo("A Short History of the Bicycle");
        assertThat(document.sections()).extracting(Section::heading).containsExactly(null,
                "The Running Machine", "Pedals Arrive: The Velocipede", "The High Wheeler", "The Safety Bicycle",
                "Air in the Tyres", "The Bicycle Boom", "Better Roads", "Gears and the Racing Bicycle",
                "Decline and Revival in the Twentieth Century", "Mountain Bikes and BMX", "The Bicycle Today");
        assertThat(document.sections().getFirst().paragraphs().getFirst())
                .startsWith("Few machines have changed everyday life as quietly as the bicycle.");
        assertThat(document.wordCount()).isBetween(1950, 2150);
    }

    @Test
    void leavesOutNavigationBannersSharingCommentsAndSidebars() throws IOException {
        String text = html("article-2000-words.html").plainText();

        assertThat(text).doesNotContain("cookies", "Long Reads", "Share on", "Great article", "Most read",
                "weekly newsletter", "All rights reserved", "Margaret Ellison", "dataLayer", "The Long Read");
    }

    @Test
    void findsTheStoryOnANewsPageAndDropsItsFurniture() throws IOException {
        SourceDocument document = html("news-article.html");

        assertThat(document.title()).isEqualTo("Council approves new river crossing for walkers and cyclists");
        assertThat(document.sections()).extracting(Section::heading)
                .containsExactly(null, "Funding and timetable", "Objections from residents");
        assertThat(document.sections().getFirst().paragraphs().getFirst())
                .isEqualTo("Riverside council has approved plans for a new bridge across the River Wend that will be "
                        + "open only to people walking, cycling and using wheelchairs.");
        assertThat(document.plainText()).doesNotContain("privacy", "Advertisement", "Most popular", "Related stories",
                "Ring road", "Tom Hadley", "Home", "Northern Local Media", "I agree");
    }

    @Test
    void findsTheDensestBlockOnAPageWithoutArticleMarkup() throws IOException {
        SourceDocument document = html("blog-post.html");

        assertThat(document.title()).isEqualTo("Why I switched to a steel touring bike");
        assertThat(document.sections()).extracting(Section::heading).containsExactly(null, "What I like", "What I miss");
        assertThat(document.sections().get(1).paragraphs()).containsExactly(
                "The frame can be repaired by almost any welder, even in small towns far from a bike shop.",
                "There are mounts for racks, mudguards and three bottle cages, so I never need awkward clamps.",
                "Wider tyres fit easily, which makes gravel roads and canal towpaths far more pleasant.");
        assertThat(document.sections().get(2).paragraphs().getFirst())
                .startsWith("Honestly, not much.").endsWith("no longer trying to keep up with anyone.");
        assertThat(document.plainText()).contains("Read my list of recommended touring bikes")
                .doesNotContain("Archives", "thoughts on this post", "February 2026", "Proudly powered")
                .doesNotContainPattern("(?m)^(steel|touring|gear)$");
    }

    @Test
    void refusesAPageThatIsOnlyAScriptShell() {
        assertThatThrownBy(() -> html("empty-shell.html"))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("NO_READABLE_TEXT");
                    assertThat(e.getMessage()).contains("https://example.com/page");
                });
    }

    @Test
    void readsAPdfPageByPageAndRejoinsHyphenatedWords() throws IOException {
        SourceDocument document = extractor.extract("report.pdf", "application/pdf", PdfFixtures.twoPageReport());

        assertThat(document.title()).isEqualTo(PdfFixtures.TITLE);
        List<String> paragraphs = document.sections().getFirst().paragraphs();
        assertThat(paragraphs).hasSize(3);
        assertThat(paragraphs.getFirst()).startsWith("Cycling in the city grew for the fourth year in a row")
                .contains("a steady rise in infrastructure use during the morning peak.");
        assertThat(paragraphs.get(2)).startsWith("The council plans to extend the network");
    }

    @Test
    void takesAPdfTitleFromItsFirstLineWhenTheDocumentInfoHasNone() throws IOException {
        byte[] pdf = PdfFixtures.pdf(null, List.of(List.of(
                List.of("Notes on Winter Riding"),
                List.of("Riding through the winter months takes some preparation, but it is easier than most",
                        "people expect. Good lights matter more than anything else, because the days are short",
                        "and drivers do not expect to see cyclists in the dark. Mudguards keep you dry, and a",
                        "pair of warm gloves makes the difference between a pleasant ride and a miserable one."))));

        SourceDocument document = extractor.extract("winter.pdf", "application/pdf", pdf);

        assertThat(document.title()).isEqualTo("Notes on Winter Riding");
        assertThat(document.plainText()).startsWith("Riding through the winter months");
    }

    @Test
    void reportsAnUnreadablePdf() {
        assertThatThrownBy(() -> extractor.extract("broken.pdf", "application/pdf",
                "%PDF-1.7 this is not really a pdf".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("NO_READABLE_TEXT");
                    assertThat(e.getMessage()).contains("broken.pdf");
                });
    }

    @Test
    void turnsMarkdownHeadingsIntoSectionsAndStripsInlineSyntax() {
        String markdown = """
                ---
                layout: post
                ---
                # Commuting by Bike

                Riding to work is **cheaper** than driving, and it builds _exercise_ into the day without
                needing a [gym membership](https://example.com/gyms). Many riders say it is the best part of their day.

                ## Choosing a route

                - Quiet streets are often faster than main roads once you count the traffic lights.
                - A route along the river can add a few minutes but removes most of the stress.

                ```
                route = shortest(path)
                ```

                Setext headings work too
                ------------------------

                Plan your first ride on a weekend, when there is no pressure to arrive on time, and note where the hills are.
                """;

        SourceDocument document = extractor.extract("notes.md", "text/markdown; charset=utf-8",
                markdown.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isEqualTo("Commuting by Bike");
        assertThat(document.sections()).extracting(Section::heading)
                .containsExactly(null, "Choosing a route", "Setext headings work too");
        assertThat(document.sections().getFirst().paragraphs().getFirst())
                .isEqualTo("Riding to work is cheaper than driving, and it builds exercise into the day without "
                        + "needing a gym membership. Many riders say it is the best part of their day.");
        assertThat(document.sections().get(1).paragraphs()).hasSize(2);
        assertThat(document.plainText()).doesNotContain("route = shortest", "layout", "**", "](");
    }

    @Test
    void splitsPlainTextIntoParagraphsOnBlankLines() {
        String text = "Bicycle Maintenance Basics\n\n"
                + "Check your tyre pressure every week, because soft tyres make riding slower and raise the risk\n"
                + "of punctures on rough roads.\n\n"
                + "Keep the chain clean and lightly oiled. A dry or dirty chain wears out the gears quickly and makes\n"
                + "every ride noisier than it needs to be, so a few minutes of care saves money over a year.\n";

        SourceDocument document = extractor.extract("text_content", "text/plain",
                text.getBytes(StandardCharsets.UTF_8));

        assertThat(document.title()).isEqualTo("Bicycle Maintenance Basics");
        assertThat(document.sections().getFirst().paragraphs()).hasSize(2)
                .first().asString().endsWith("punctures on rough roads.");
    }

    @Test
    void honoursTheCharsetOfTheContentType() {
        String text = "Café culture and cycling go together in many European cities, where riders stop for a "
                + "coffee on the way to work. " + "The habit is spreading to other places too, and cafés near "
                + "popular routes now often provide racks, pumps and simple tools for the riders who stop by. "
                + "Some even offer a discount to anyone who arrives on a bicycle.";

        SourceDocument document = extractor.extract("latin1.txt", "text/plain; charset=ISO-8859-1",
                text.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(document.plainText()).startsWith("Café culture");
    }

    @Test
    void refusesAnUnknownMediaType() {
        assertThatThrownBy(() -> extractor.extract("image.png", "image/png", new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(PipelineException.class,
                        e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_CONTENT_TYPE"));
    }

    private SourceDocument html(String fixture) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            return extractor.extract("https://example.com/page", "text/html", in.readAllBytes());
        }
    }
}
