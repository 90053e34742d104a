package dev.podloom.console;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;

/**
 * The HTML entry points and the OpenAPI document. Scripts and styles are files under
 * {@code /app/assets} and {@code /docs/res} (static resources from the jar), so the policy allows no
 * inline script at all.
 */
@Controller
@Hidden // pages for people, not part of the API (ApiDocumentationTest lists them as such)
public class ConsolePages {

    /** The dashboard: only its own files, only its own API; no frames, no plugins, no inline script. */
    static final String APP_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "media-src 'self' blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** Swagger UI sets inline styles on its elements; scripts still come only from the jar. */
    static final String DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    static final String OPENAPI_RESOURCE = "classpath:META-INF/swagger/podloom.yml";

    private final ResourceResolver resources;

    public ConsolePages(ResourceResolver resources) {
        this.resources = resources;
    }

    @Get("/app")
    public HttpResponse<byte[]> app() {
        return page("classpath:console/app.html", APP_POLICY);
    }

    @Get("/docs")
    public HttpResponse<byte[]> docs() {
        return page("classpath:console/docs.html", DOCS_POLICY);
    }

    @Get("/")
    public HttpResponse<?> home() {
        return HttpResponse.seeOther(URI.create("/app"));
    }

    @Get(uri = "/openapi.yml", produces = "application/yaml")
    public HttpResponse<byte[]> openApi() {
        return HttpResponse.ok(read(OPENAPI_RESOURCE)).contentType("application/yaml; charset=utf-8")
                .header("Cache-Control", "no-cache");
    }

    private MutableHttpResponse<byte[]> page(String resource, String policy) {
        return HttpResponse.ok(read(resource))
                .contentType(MediaType.TEXT_HTML_TYPE)
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("Cache-Control", "no-cache");
    }

    private byte[] read(String resource) {
        try (InputStream in = resources.getResourceAsStream(resource)
                .orElseThrow(() -> new IllegalStateException(resource + " is missing from the jar"))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
