package dev.podloom.cli;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class RenderCommandTest {

    private final MockWebServer server = new MockWebServer();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int render(Map<String, String> env, String... args) {
        var command = new RenderCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return command.run(List.of(args));
    }

    @Test
    void rendersAOneMinuteEpisodeFromAPageWithTranscriptChaptersAndASummary() throws IOException {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html; charset=utf-8")
                .body(fixture("article-2000-words.html")).build());
        Path mp3 = dir.resolve("show/first.mp3");

        int exit = render(Map.of(), "--url", server.url("/article").toString(),
                "--minutes", "1", "--style", "deep_dive", "--out", mp3.toString(), "--allow-private-networks");

        String summary = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as("stderr: %s", err).isZero();
        assertThat(mp3).isNotEmptyFile();
        assertThat(Files.readAllBytes(mp3)).startsWith((byte) 'I', (byte) 'D', (byte) '3');
        assertThat(Files.readString(dir.resolve("show/first.vtt"))).startsWith("WEBVTT").contains("<v Alex>", "<v Sam>");
        assertThat(Files.readString(dir.resolve("show/first.chapters.json"))).contains("\"chapters\"");
        assertThat(dir.resolve("show")).isDirectoryNotContaining(p -> p.getFileName().toString().startsWith(".podloom"));
        assertThat(summary).contains("Title:", "target 1:00 (60 s)", "Voices:    Alex=", "Sam=", "LUFS",
                "fetch ", "write ", "synthesize ", "master ", "encode ", "Total:");
        Matcher duration = Pattern.compile("Duration:  \\d+:\\d\\d \\((\\d+\\.\\d) s\\)").matcher(summary);
        assertThat(duration.find()).as(summary).isTrue();
        assertThat(Double.parseDouble(duration.group(1))).isBetween(54.0, 66.0);
    }

    @Test
    void localAddressesAreRefusedUnlessPrivateNetworksAreAllowed() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .body("<html><body><p>unused</p></body></html>").build());

        int exit = render(Map.of(), "--url", server.url("/article").toString(), "--minutes", "1",
                "--out", dir.resolve("x.mp3").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error BLOCKED_ADDRESS: ");
        assertThat(dir.resolve("x.mp3")).doesNotExist();
    }

    @Test
    void theEnvironmentSwitchAllowsPrivateNetworksTooAndFetchErrorsKeepTheirCode() {
        server.enqueue(new MockResponse.Builder().code(404).body("gone").build());

        int exit = render(Map.of("PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS", "true"),
                "--url", server.url("/missing").toString(), "--out", dir.resolve("x.mp3").toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error SOURCE_NOT_FOUND: ", "/missing");
    }

    @Test
    void badArgumentsPrintUsageAndExitWithTwo() {
        assertThat(render(Map.of(), "--minutes", "5")).isEqualTo(2);
        assertThat(render(Map.of(), "--url", "https://example.org", "--minutes", "0")).isEqualTo(2);
        assertThat(render(Map.of(), "--url", "https://example.org", "--style", "karaoke")).isEqualTo(2);
        assertThat(render(Map.of(), "--url", "https://example.org", "--voice", "Alex")).isEqualTo(2);
        assertThat(render(Map.of(), "--url", "https://example.org", "--frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: podloom render", "--minutes must be between",
                "--style must be one of", "SPEAKER=VOICE_ID", "unknown argument '--frobnicate'");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = RenderCommandTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
