package dev.podloom.testsupport;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A local web server with the 2,000-word article fixture for tests that render for real:
 * {@code /article}, {@code /slow} (the same after 3 s) and a 404 everywhere else.
 */
public final class ArticlePages {

    public static final String ARTICLE_HTML = fixture("/fixtures/article-2000-words.html");
    private static final MockWebServer SERVER = start();

    private ArticlePages() {
    }

    public static String url(String path) {
        return SERVER.url(path).toString();
    }

    /**
     * Properties for an app that renders podcasts of these pages: private addresses allowed, download
     * links on the app's own fixed port, request rates high enough to poll.
     */
    public static Map<String, String> renderingApp(Map<String, String> database) {
        int port = freePort();
        Map<String, String> p = new HashMap<>(database);
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("podloom.fetch.allow-private-networks", "true");
        p.put("micronaut.server.port", String.valueOf(port));
        p.put("podloom.public-base-url", "http://localhost:" + port);
        p.put("podloom.pricing-rules", TestRules.fastPolling());
        return p;
    }

    private static MockWebServer start() {
        MockWebServer pages = new MockWebServer();
        pages.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return switch (request.getUrl().encodedPath()) {
                    case "/article" -> html().build();
                    case "/slow" -> html().headersDelay(3, TimeUnit.SECONDS).build();
                    default -> new MockResponse.Builder().code(404).body("not here").build();
                };
            }
        });
        try {
            pages.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(pages::close));
        return pages;
    }

    private static MockResponse.Builder html() {
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "text/html; charset=utf-8")
                .body(ARTICLE_HTML);
    }

    private static String fixture(String path) {
        try (InputStream in = ArticlePages.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
