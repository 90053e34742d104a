package dev.podloom.api;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestApi.Response;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/** Podcasts from inputs other than URLs, rendered for real: an edited script, a PDF, raw text. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodcastInputsTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;

    TestApi api;

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
    }

    static final String KEEPER_TEXT = """
            The lighthouse keeper climbed the spiral stairs every evening at dusk. He trimmed the wick, polished \
            the great lens and wound the clockwork that turned the light. Ships far out at sea counted the flashes \
            to know which headland they were passing. In winter storms the keeper stayed awake through the night, \
            listening to the wind and watching for signals of distress. Supplies arrived by boat once a month when \
            the weather allowed, and the keeper's family grew vegetables in a walled garden sheltered from the \
            salt spray. Over the years automatic lamps replaced the keepers, and the last of them left the tower \
            when electric beacons and radio navigation made the old routines unnecessary. Today the tower is a \
            museum where visitors can climb the same stairs and look through the same lens at the grey horizon.""";

    @Override
    public Map<String, String> getProperties() {
        return ArticlePages.renderingApp(Databases.h2());
    }


    @Test
    void anEditedScriptLineIsSpokenInThePodcast() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        Response script = api.post("/v1/scripts", "{\"urls\":[\"" + ArticlePages.url("/article") + "\"],"
                + "\"target_duration_minutes\":1}", key(apiKey));
        assertThat(script.status()).as(script.raw()).isEqualTo(200);
        assertThat(script.data()).containsKeys("title", "style_prompt", "dialogue", "segments");
        List<List<String>> dialogue = new ArrayList<>((List<List<String>>) script.data().get("dialogue"));
        assertThat(dialogue).hasSizeGreaterThan(3);

        String edited = "And here is a line our editor wrote by hand about tandem bicycles built for three riders.";
        dialogue.set(2, List.of(dialogue.get(2).get(0), edited));
        String body = "{\"dialogue\":" + json.writeValueAsString(dialogue) + ",\"title\":\"Edited\"}";
        Response created = api.post("/v1/podcasts", body, key(apiKey));
        assertThat(created.status()).as(created.raw()).isEqualTo(202);

        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        String vtt = transcript(id, apiKey);
        assertThat(vtt.replaceAll("\\s+", " ")).contains("tandem bicycles built for three riders");
    }

    @Test
    void anUploadedPdfBecomesAPodcastOfItsContent() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        String boundary = "podloom-" + UUID.randomUUID();
        byte[] body = multipart(boundary, pdf(KEEPER_TEXT), "{\"target_duration_minutes\":1}");

        HttpResponse<String> created = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.getURI().resolve("/v1/podcasts"))
                .header("X-Api-Key", apiKey)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);

        String id = (String) ((Map<?, ?>) json.readValue(created.body(), Map.class).get("data")).get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        assertThat(transcript(id, apiKey)).contains("lighthouse");
    }

    @Test
    void rawTextBecomesAPodcastOfItsContent() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");

        Response created = api.post("/v1/podcasts", "{\"text_content\":" + json.writeValueAsString(KEEPER_TEXT)
                + ",\"target_duration_minutes\":1}", key(apiKey));

        assertThat(created.status()).as(created.raw()).isEqualTo(202);
        String id = (String) created.data().get("podcast_id");
        assertThat(api.awaitFinished(id, apiKey)).containsEntry("status", "completed");
        assertThat(transcript(id, apiKey)).contains("keeper");
    }

    @Test
    void aDocumentOfAnUnsupportedTypeIs415() throws Exception {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");
        String boundary = "b" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"x.exe\"\r\n"
                + "Content-Type: application/x-msdownload\r\n\r\nMZ\r\n--" + boundary + "--\r\n";

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.getURI().resolve("/v1/podcasts"))
                .header("X-Api-Key", apiKey).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).contains("UNSUPPORTED_MEDIA_TYPE").contains("application/pdf");
    }

    @Test
    void aScriptWithoutEnoughCreditsIs402AndWritesNothing() {
        String apiKey = api.createKey(api.createAccount("acme", 2), "test");

        Response r = api.post("/v1/scripts", "{\"text_content\":" + quoted(KEEPER_TEXT) + "}", key(apiKey));

        assertThat(r.status()).isEqualTo(402);
        assertThat(((Map<?, ?>) r.error().get("details")).get("required")).isEqualTo(8);
    }

    @Test
    void aDialogueCannotBeMixedWithOtherSources() {
        String apiKey = api.createKey(api.createAccount("acme", 500), "test");

        Response r = api.post("/v1/podcasts", "{\"urls\":[\"https://a.example/x\"],\"dialogue\":[[\"A\",\"Hi.\"]]}",
                key(apiKey));

        assertThat(r.status()).isEqualTo(400);
        assertThat(((Map<?, ?>) r.error().get("details")).get("field")).isEqualTo("dialogue");
    }

    private static String quoted(String s) {
        return "\"" + s.replace("\"", "\\\"") + "\"";
    }


    private String transcript(String id, String apiKey) throws Exception {
        String url = (String) api.get("/v1/podcasts/" + id + "/transcript", key(apiKey)).data().get("download_url");
        return new String(api.download(url), StandardCharsets.UTF_8);
    }

    private static byte[] pdf(String text) throws Exception {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 11);
                content.setLeading(14);
                content.newLineAtOffset(50, 740);
                StringBuilder line = new StringBuilder();
                for (String word : text.split(" ")) {
                    if (line.length() + word.length() > 90) {
                        content.showText(line.toString().strip());
                        content.newLine();
                        line.setLength(0);
                    }
                    line.append(word).append(' ');
                }
                content.showText(line.toString().strip());
                content.endText();
            }
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] multipart(String boundary, byte[] pdf, String request) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"request\"\r\n"
                + "Content-Type: application/json\r\n\r\n" + request + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"document\"; filename=\"keeper.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(pdf);
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
