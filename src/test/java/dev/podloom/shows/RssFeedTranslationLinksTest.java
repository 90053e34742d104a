package dev.podloom.shows;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RssFeedTranslationLinksTest {

    static final String BASE = "https://pod.example.org";

    @Test
    void anOriginalsItemLinksItsTranslationInTheDescriptionAndAPodcastTxtNote() throws Exception {
        Show show = RssFeedTest.show(null, null);
        Episode original = RssFeedTest.episode(1, null);
        UUID french = UUID.randomUUID();
        TranslationLink link = new TranslationLink(original.id(), TranslationLink.TRANSLATION, "fr", "Thé & code",
                "frpub", french, Instant.parse("2026-03-01T09:00:00Z"));

        Document doc = parse(RssFeed.render(show, List.of(original), List.of(link), BASE, "Technology"));

        Element item = (Element) doc.getElementsByTagName("item").item(0);
        assertThat(item.getElementsByTagName("description").item(0).getTextContent())
                .isEqualTo("Part 1 <b>\n\nAlso in French (fr): \u201cThé & code\u201d " + BASE + "/feeds/frpub/episodes/"
                        + french + ".mp3 (feed " + BASE + "/feeds/frpub.xml)");
        Element note = txt(item, "translation");
        assertThat(note.getTextContent()).isEqualTo("fr podloom:episode:" + french + " " + BASE
                + "/feeds/frpub/episodes/" + french + ".mp3 " + BASE + "/feeds/frpub.xml");
        assertThat(item.getElementsByTagNameNS(RssFeed.PODCAST, "alternateEnclosure").getLength()).isZero();
    }

    @Test
    void aTranslationsItemSaysWhatItTranslatesAndTheFeedChangesWhenTheLinkAppears() throws Exception {
        Show show = RssFeedTest.show(null, null);
        Episode translation = RssFeedTest.episode(2, null);
        UUID english = UUID.randomUUID();
        Instant linkedAt = Instant.parse("2026-03-05T09:00:00Z");
        TranslationLink link = new TranslationLink(translation.id(), TranslationLink.ORIGINAL, "en", "Tea", "enpub",
                english, linkedAt);

        Document doc = parse(RssFeed.render(show, List.of(translation), List.of(link), BASE, "Technology"));

        Element item = (Element) doc.getElementsByTagName("item").item(0);
        assertThat(item.getElementsByTagName("description").item(0).getTextContent())
                .contains("Translated by a language model from the English original (en): \u201cTea\u201d");
        assertThat(txt(item, "translation-of").getTextContent()).startsWith("en podloom:episode:" + english + " ");
        assertThat(RssFeed.lastChange(show, List.of(translation), List.of(link))).isEqualTo(linkedAt);
        assertThat(RssFeed.lastChange(show, List.of(translation))).isEqualTo(translation.publishedAt());
    }

    private static Element txt(Element item, String purpose) {
        NodeList notes = item.getElementsByTagNameNS(RssFeed.PODCAST, "txt");
        for (int i = 0; i < notes.getLength(); i++) {
            Element note = (Element) notes.item(i);
            if (purpose.equals(note.getAttribute("purpose"))) {
                return note;
            }
        }
        throw new AssertionError("no podcast:txt purpose=" + purpose);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
