package dev.podloom.fetch;

import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpSourceFetcherTest {

    private static final FetchConfiguration LOCAL = FetchConfiguration.defaults().withAllowPrivateNetworks(true);

    private final MockWebServer server = new MockWebServer();
    private final HttpSourceFetcher fetcher = new HttpSourceFetcher(LOCAL);

    @BeforeEach
    void start() throws IOException {
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void fetchesAnHtmlPageAndExtractsItsArticle() throws Exception {
        server.enqueue(html(200, fixture("article-2000-words.html")));

        SourceDocument document = fetcher.fetch(uri("/history"));

        assertThat(document.origin()).isEqualTo(uri("/history").toString());
        assertThat(document.title()).isEqualTo("A Short History of the Bicycle");
        assertThat(document.wordCount()).isGreaterThan(1900);
        assertThat(server.takeRequest().getHeaders().get("User-Agent")).isEqualTo(FetchConfiguration.DEFAULT_USER_AGENT);
    }

    @Test
    void followsRedirectsToTheDocument() throws IOException {
        server.enqueue(new MockResponse.Builder().code(301).setHeader("Location", "/moved").build());
        server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", server.url("/final").toString()).build());
        server.enqueue(html(200, fixture("news-article.html")));

        SourceDocument document = fetcher.fetch(uri("/start"));

        assertThat(document.title()).startsWith("Council approves new river crossing");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 410})
    void reportsAMissingPageAsNotFound(int status) {
        server.enqueue(html(status, "<html><body>gone</body></html>"));

        assertFailsWith("SOURCE_NOT_FOUND", uri("/missing"));
    }

    @Test
    void reportsOtherErrorStatusesWithTheStatus() {
        server.enqueue(html(503, "<html><body>busy</body></html>"));

        assertThatThrownBy(() -> fetcher.fetch(uri("/busy")))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("SOURCE_HTTP_ERROR");
                    assertThat(e.getMessage()).contains("503").contains(uri("/busy").toString());
                });
    }

    @Test
    void givesUpOnAServerThatDoesNotAnswerInTime() {
        HttpSourceFetcher impatient = new HttpSourceFetcher(
                LOCAL.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(5)));
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());

        assertThatThrownBy(() -> impatient.fetch(uri("/slow")))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("SOURCE_TIMEOUT"));
    }

    @Test
    void givesUpWhenTheWholeFetchExceedsTheCallTimeout() {
        HttpSourceFetcher impatient = new HttpSourceFetcher(
                LOCAL.withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(700)));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/plain")
                .body("word ".repeat(2000)).throttleBody(100, 200, TimeUnit.MILLISECONDS).build());

        assertThatThrownBy(() -> impatient.fetch(uri("/trickle")))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("SOURCE_TIMEOUT"));
    }

    @Test
    void refusesABodyWhoseDeclaredLengthIsOverTheLimit() {
        HttpSourceFetcher small = new HttpSourceFetcher(LOCAL.withMaxBodyBytes(1_000));
        server.enqueue(html(200, "<html><body><p>" + "word ".repeat(400) + "</p></body></html>"));

        assertThatThrownBy(() -> small.fetch(uri("/big")))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("SOURCE_TOO_LARGE"));
    }

    @Test
    void countsStreamedBytesWhenNoLengthIsDeclared() {
        HttpSourceFetcher small = new HttpSourceFetcher(LOCAL.withMaxBodyBytes(1_000));
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "text/html")
                .chunkedBody("<html><body><p>" + "word ".repeat(400) + "</p></body></html>", 128).build());

        assertThatThrownBy(() -> small.fetch(uri("/chunked")))
                .isInstanceOfSatisfying(PipelineException.class, e -> assertThat(e.code()).isEqualTo("SOURCE_TOO_LARGE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"image/png", "application/json", "video/mp4"})
    void refusesContentTypesItCannotRead(String type) {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", type).body("{}").build());

        assertFailsWith("UNSUPPORTED_CONTENT_TYPE", uri("/data"));
    }

    @Test
    void refusesAnOctetStreamThatIsNotAPdf() {
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/octet-stream")
                .body("PK\u0003\u0004 a zip archive").build());

        assertFailsWith("UNSUPPORTED_CONTENT_TYPE", uri("/archive"));
    }

    @Test
    void readsAnOctetStreamThatSniffsAsPdf() throws IOException {
        byte[] pdf = PdfFixtures.twoPageReport();
        server.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/octet-stream")
                .body(new Buffer().write(pdf)).build());

        SourceDocument document = fetcher.fetch(uri("/report"));

        assertThat(document.title()).isEqualTo(PdfFixtures.TITLE);
    }

    @Test
    void reportsAPageWithoutReadableText() throws IOException {
        server.enqueue(html(200, fixture("empty-shell.html")));

        assertFailsWith("NO_READABLE_TEXT", uri("/app"));
    }

    @Test
    void stopsFollowingARedirectLoop() {
        for (int i = 0; i < 10; i++) {
            server.enqueue(new MockResponse.Builder().code(302).setHeader("Location", "/loop").build());
        }

        assertFailsWith("TOO_MANY_REDIRECTS", uri("/loop"));
        assertThat(server.getRequestCount()).isEqualTo(6);
    }

    @Test
    void reportsAClosedPortAsUnreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        assertFailsWith("SOURCE_UNREACHABLE", URI.create("http://127.0.0.1:" + closedPort + "/"));
    }

    @Test
    void reportsAnUnresolvableHostAsUnreachable() {
        assertFailsWith("SOURCE_UNREACHABLE", URI.create("http://no-such-host.invalid/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/file.txt", "file:///etc/passwd", "/relative/path", "mailto:a@b.c"})
    void refusesUrlsThatAreNotAbsoluteHttp(String url) {
        assertFailsWith("INVALID_URL", URI.create(url));
    }

    @Test
    void refusesALoopbackServerWhenTheGuardIsOn() {
        HttpSourceFetcher guarded = new HttpSourceFetcher(FetchConfiguration.defaults());
        server.enqueue(html(200, "<html><body><p>secret</p></body></html>"));

        assertThatThrownBy(() -> guarded.fetch(uri("/admin")))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo("BLOCKED_ADDRESS");
                    assertThat(e.getMessage()).contains(uri("/admin").toString()).contains("loopback");
                });
        assertThat(server.getRequestCount()).isZero();
    }

    @Test
    void refusesAHostNameThatResolvesToLoopbackWhenTheGuardIsOn() {
        HttpSourceFetcher guarded = new HttpSourceFetcher(FetchConfiguration.defaults());

        assertFailsWith(guarded, "BLOCKED_ADDRESS", URI.create("http://localhost:" + server.getPort() + "/"));
        assertThat(server.getRequestCount()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://127.1/",
            "http://[::1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/",
            "http://0.0.0.0/", "http://10.0.0.1/", "http://100.64.1.1/", "http://[fe80::1]/", "http://[fd00::1]/",
            "http://224.0.0.1/", "http://[64:ff9b::7f00:1]/", "http://0xa9fea9fe/"})
    void refusesBlockedAddressesInAnyLiteralForm(String url) {
        HttpSourceFetcher guarded = new HttpSourceFetcher(FetchConfiguration.defaults());

        assertFailsWith(guarded, "BLOCKED_ADDRESS", URI.create(url));
    }

    /** The guard and the connection read a literal the same way: 0177.0.0.1 is 127.0.0.1, never the public 177.0.0.1. */
    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.0.0.1", "2130706433", "127.1"})
    void anAllowedLiteralInOctalHexOrDecimalFormIsFetchedFromTheAddressItDenotes(String host) throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        AddressPolicy onlyLoopback = address -> address.equals(loopback) ? Optional.empty()
                : Optional.of("not the test server");
        HttpSourceFetcher fetcher = new HttpSourceFetcher(FetchConfiguration.defaults(), onlyLoopback,
                new ContentExtractor());
        try (MockWebServer local = new MockWebServer()) {
            local.start(loopback, 0);
            local.enqueue(html(200, fixture("news-article.html")));

            SourceDocument document = fetcher.fetch(URI.create("http://" + host + ":" + local.getPort() + "/news"));

            assertThat(document.sections()).isNotEmpty();
            assertThat(local.getRequestCount()).isEqualTo(1);
        }
    }

    /** The first server is trusted by address; whatever it redirects to must pass the guard on its own. */
    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/", "http://10.0.0.1/", "http://[::ffff:127.0.0.1]:%d/",
            "http://[::1]/", "http://169.254.169.254/latest/meta-data/", "http://2130706433:%d/",
            "http://localhost:%d/"})
    void checksEveryRedirectHop(String target) throws IOException {
        try (MockWebServer trusted = new MockWebServer()) {
            InetAddress trustedAddress = InetAddress.getByName("127.0.0.2");
            trusted.start(trustedAddress, 0);
            AddressPolicy onlyTrusted = address -> address.equals(trustedAddress)
                    ? Optional.empty() : AddressPolicy.publicOnly().refusal(address);
            HttpSourceFetcher guarded = new HttpSourceFetcher(FetchConfiguration.defaults(), onlyTrusted,
                    new ContentExtractor());
            String location = target.formatted(server.getPort());
            trusted.enqueue(new MockResponse.Builder().code(302).setHeader("Location", location).build());
            server.enqueue(html(200, fixture("news-article.html")));

            assertThatThrownBy(() -> guarded.fetch(URI.create(trusted.url("/start").toString())))
                    .isInstanceOfSatisfying(PipelineException.class, e -> {
                        assertThat(e.code()).isEqualTo("BLOCKED_ADDRESS");
                        assertThat(e.getMessage()).contains(trusted.url("/start").toString());
                    });
            assertThat(trusted.getRequestCount()).isEqualTo(1);
            assertThat(server.getRequestCount()).isZero();
        }
    }

    private void assertFailsWith(String code, URI url) {
        assertFailsWith(fetcher, code, url);
    }

    private static void assertFailsWith(HttpSourceFetcher fetcher, String code, URI url) {
        assertThatThrownBy(() -> fetcher.fetch(url))
                .isInstanceOfSatisfying(PipelineException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(url.toString());
                });
    }

    private URI uri(String path) {
        return URI.create(server.url(path).toString());
    }

    private static MockResponse html(int status, String body) {
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "text/html; charset=utf-8")
                .body(body).build();
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = HttpSourceFetcherTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
