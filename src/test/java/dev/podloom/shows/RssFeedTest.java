package dev.podloom.shows;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RssFeedTest {

    static final String BASE = "https://pod.example.org";

    static Show show(String coverKey, String ownerEmail) {
        return new Show(UUID.randomUUID(), UUID.randomUUID(), "pub123", "Tea & <Code>", "About \"tea\"", "en-GB",
                "Ada", "Technology", false, ownerEmail, coverKey, coverKey == null ? null : "image/png", 1,
                Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T10:00:00Z"));
    }

    static Episode episode(int number, String transcriptKey) {
        return new Episode(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), number, "Part " + number + " <b>",
                null, Instant.parse("2026-02-0" + number + "T08:30:00Z"), "podcasts/x/episode.mp3", 12345 + number,
                transcriptKey, "podcasts/x/chapters.json", 61.6);
    }

    @Test
    void textIsEscapedAndTheDocumentIsWellFormed() throws Exception {
        Document doc = parse(RssFeed.render(show("shows/s/cover.png", "ada@example.org"), List.of(episode(1, null)), BASE));

        Element channel = (Element) doc.getElementsByTagName("channel").item(0);
        assertThat(text(channel, "title")).isEqualTo("Tea & <Code>");
        assertThat(text(channel, "description")).isEqualTo("About \"tea\"");
        assertThat(doc.getElementsByTagName("item").getLength()).isEqualTo(1);
        assertThat(text((Element) doc.getElementsByTagName("item").item(0), "title")).isEqualTo("Part 1 <b>");
    }

    @Test
    void itemsCarryStableMediaUrlsTheRealSizeAndRoundedSeconds() throws Exception {
        Show show = show(null, null);
        Episode e = episode(2, "podcasts/x/episode.vtt");
        Document doc = parse(RssFeed.render(show, List.of(e), BASE));

        Element enclosure = (Element) doc.getElementsByTagName("enclosure").item(0);
        assertThat(enclosure.getAttribute("url")).isEqualTo(BASE + "/feeds/pub123/episodes/" + e.id() + ".mp3");
        assertThat(enclosure.getAttribute("length")).isEqualTo("12347");
        assertThat(enclosure.getAttribute("type")).isEqualTo("audio/mpeg");
        assertThat(ns(doc, RssFeed.ITUNES, "duration")).isEqualTo("62");
        assertThat(ns(doc, RssFeed.ITUNES, "episode")).isEqualTo("2");
        assertThat(text((Element) doc.getElementsByTagName("item").item(0), "pubDate"))
                .isEqualTo("Mon, 2 Feb 2026 08:30:00 GMT");
        Element transcript = (Element) doc.getElementsByTagNameNS(RssFeed.PODCAST, "transcript").item(0);
        assertThat(transcript.getAttribute("url")).endsWith("/episodes/" + e.id() + ".vtt");
        assertThat(transcript.getAttribute("type")).isEqualTo("text/vtt");
    }

    @Test
    void optionalChannelTagsAppearOnlyWhenTheShowHasThemButImageAndCategoryAlwaysDo() throws Exception {
        Show s = show(null, null);
        Show uncategorised = new Show(s.id(), s.accountId(), s.publicId(), s.title(), s.description(), s.language(),
                s.author(), null, false, null, null, null, 1, s.createdAt(), s.updatedAt());
        Document bare = parse(RssFeed.render(uncategorised, List.of(), BASE, "Education"));
        assertThat(((Element) bare.getElementsByTagNameNS(RssFeed.ITUNES, "image").item(0)).getAttribute("href"))
                .isEqualTo(BASE + "/feeds/pub123/" + RssFeed.GENERATED_COVER);
        assertThat(((Element) bare.getElementsByTagNameNS(RssFeed.ITUNES, "category").item(0)).getAttribute("text"))
                .isEqualTo("Education");
        assertThat(bare.getElementsByTagNameNS(RssFeed.ITUNES, "owner").getLength()).isZero();
        Document defaulted = parse(RssFeed.render(uncategorised, List.of(), BASE));
        assertThat(((Element) defaulted.getElementsByTagNameNS(RssFeed.ITUNES, "category").item(0))
                .getAttribute("text")).isEqualTo("Technology");
        assertThat(bare.getElementsByTagNameNS(RssFeed.PODCAST, "txt").item(0).getAttributes()
                .getNamedItem("purpose").getNodeValue()).isEqualTo("ai-content");

        Document full = parse(RssFeed.render(show("shows/s/cover.png", "ada@example.org"), List.of(), BASE));
        assertThat(((Element) full.getElementsByTagNameNS(RssFeed.ITUNES, "image").item(0)).getAttribute("href"))
                .isEqualTo(BASE + "/feeds/pub123/cover.png");
        assertThat(ns(full, RssFeed.ITUNES, "email")).isEqualTo("ada@example.org");
    }

    @Test
    void thePodcastGuidIsTheSpecsUuidV5OfTheFeedUrlWithoutScheme() {
        // The example in the Podcasting 2.0 namespace documentation for <podcast:guid>.
        assertThat(RssFeed.podcastGuid("https://mp3s.nashownotes.com/pc20rss.xml"))
                .isEqualTo(UUID.fromString("917393e3-1b1e-5cef-ace4-edaa54e1f810"));
        assertThat(RssFeed.podcastGuid("http://mp3s.nashownotes.com/pc20rss.xml/"))
                .isEqualTo(RssFeed.podcastGuid("https://mp3s.nashownotes.com/pc20rss.xml"));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent();
    }

    private static String ns(Document doc, String namespace, String tag) {
        return doc.getElementsByTagNameNS(namespace, tag).item(0).getTextContent();
    }
}
