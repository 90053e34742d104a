package dev.podloom.console;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served OpenAPI document against the live router: valid for an independent parser (swagger-parser),
 * every route documented, nothing documented that does not exist, and every operation complete (an id, a
 * summary, its success body, its error codes, its security).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiDocumentationTest implements TestPropertyProvider {

    /** Served by the jar for people and machines, not part of the API: not in the document on purpose. */
    static final Set<String> NOT_API = Set.of("GET /", "GET /app", "GET /docs", "GET /openapi.yml", "GET /metrics",
            "GET /health", "GET /health/{selector}");

    static final String HOW_TO_DOCUMENT = """

            How to document a route: give its controller method
              @Operation(operationId = "verbNoun", summary = "…")   (io.swagger.v3.oas.annotations.Operation)
            (plus @ApiResponse(responseCode = "201"|"202", description = "…") when it does not answer 200), then add
            the operation under its path in src/main/openapi/podloom-api.yml: its success body (data schema), every
            error code it can answer with an example each, and its security (ApiKey or AdminBearer) — copy a
            neighbour. A page that is not API goes into ApiDocumentationTest.NOT_API and gets @Hidden.
            """;

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    Router router;

    TestApi api;
    OpenAPI document;

    @Override
    public Map<String, String> getProperties() {
        return Map.of("podloom.admin-token", TestApi.ADMIN_TOKEN,
                "podloom.data-dir", Databases.h2().get("podloom.data-dir"));
    }

    @BeforeEach
    void fetchDocument() {
        api = new TestApi(server, json);
        if (document == null) {
            TestApi.Response served = api.get("/openapi.yml");
            assertThat(served.status()).isEqualTo(200);
            assertThat(served.header("Content-Type")).startsWith("application/yaml");
            ParseOptions options = new ParseOptions();
            options.setResolve(true);
            SwaggerParseResult result = new OpenAPIParser().readContents(served.raw(), null, options);
            assertThat(result.getMessages()).as("swagger-parser's complaints about /openapi.yml").isEmpty();
            document = result.getOpenAPI();
        }
    }

    @Test
    void theDocumentIsOpenApi31WithBothSecuritySchemes() {
        assertThat(document.getOpenapi()).isEqualTo("3.1.0");
        assertThat(document.getInfo().getTitle()).isEqualTo("Podloom API");
        var schemes = document.getComponents().getSecuritySchemes();
        assertThat(schemes.get("ApiKey").getName()).isEqualTo("X-Api-Key");
        assertThat(schemes.get("ApiKey").getIn().toString()).isEqualTo("header");
        assertThat(schemes.get("AdminBearer").getScheme()).isEqualTo("bearer");
        assertThat(document.getComponents().getSchemas()).containsKeys("SuccessEnvelope", "ErrorEnvelope", "ErrorCode");
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
        Set<String> all = router.uriRoutes().map(r -> r.getHttpMethod() + " " + normalize(r))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> routes = all.stream()
                .filter(r -> !NOT_API.contains(r) && !(r.startsWith("HEAD ") && NOT_API.contains("GET " + r.substring(5))))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> documented = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .keySet().forEach(m -> documented.add(m.name() + " " + path)));

        Set<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        // GET routes answer HEAD too; those implicit HEADs need no entry of their own
        undocumented.removeIf(r -> r.startsWith("HEAD ") && all.contains("GET " + r.substring(5)));
        Set<String> phantom = new TreeSet<>(documented);
        phantom.removeAll(routes);

        assertThat(undocumented).as("routes the router serves that /openapi.yml does not document:" + HOW_TO_DOCUMENT)
                .isEmpty();
        assertThat(phantom).as("operations /openapi.yml documents that no route serves (remove them from "
                + "src/main/openapi/podloom-api.yml, or fix the path there)").isEmpty();
    }

    @Test
    void everyOperationHasAnIdASummaryItsSuccessAndItsErrors() {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        document.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            String name = method + " " + path;
            if (op.getOperationId() == null || op.getOperationId().matches(".*_\\d+$")) {
                problems.add(name + ": no operationId of its own (got " + op.getOperationId() + ")");
            } else if (!ids.add(op.getOperationId())) {
                problems.add(name + ": operationId " + op.getOperationId() + " is used twice");
            }
            if (op.getSummary() == null || op.getSummary().isBlank()) {
                problems.add(name + ": no summary");
            }
            Map<String, ApiResponse> responses = op.getResponses();
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + ": no success response");
            }
            if (!responses.containsKey("500")) {
                problems.add(name + ": no 500 INTERNAL_ERROR response");
            }
            errorResponsesNameTheirCodes(name, responses, problems);
            securityFits(name, path, op, responses, problems);
        }));
        assertThat(problems).as("incomplete operations in /openapi.yml:" + HOW_TO_DOCUMENT).isEmpty();
    }

    @Test
    void theSeedsWorkflowCarriesItsExamples() {
        Operation create = document.getPaths().get("/v1/podcasts").getPost();
        assertThat(create.getResponses()).containsKeys("202", "400", "401", "402", "429", "500");
        var accepted = create.getResponses().get("202").getContent().get("application/json").getExamples().get("seed");
        assertThat(json(accepted.getValue())).contains("\"credits_charged\":38", "\"credit_balance\":462");
        var insufficient = create.getResponses().get("402").getContent().get("application/json").getExamples()
                .get("INSUFFICIENT_CREDITS");
        assertThat(json(insufficient.getValue())).contains("\"required\":113", "\"balance\":20");
        var estimate = document.getPaths().get("/v1/estimate-cost").getGet().getResponses().get("200").getContent()
                .get("application/json").getExamples().get("seed");
        assertThat(json(estimate.getValue())).contains("\"final_credits\":171", "\"base_credits\":114");
        assertThat(document.getPaths().get("/v1/podcasts/{id}/status").getGet().getResponses().get("200").getHeaders())
                .containsKey("Retry-After");
        assertThat(document.getPaths().get("/v1/podcasts/{id}/download").getGet().getResponses())
                .containsKeys("200", "404", "409");
    }

    @Test
    void theDocsPageAndItsScriptsAreServedFromTheJar() {
        TestApi.Response page = api.get("/docs");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.raw()).contains("/docs/res/swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(api.get("/docs/res/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.get("/docs/res/docs.js").raw()).contains("/openapi.yml");
    }

    private void errorResponsesNameTheirCodes(String name, Map<String, ApiResponse> responses, List<String> problems) {
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                var media = response.getContent() == null ? null : response.getContent().get("application/json");
                if (media == null || media.getExamples() == null || media.getExamples().isEmpty()) {
                    problems.add(name + " " + code + ": no example per error code");
                } else {
                    media.getExamples().forEach((errorCode, example) -> {
                        if (!json(example.getValue()).contains("\"code\":\"" + errorCode + "\"")) {
                            problems.add(name + " " + code + ": example " + errorCode + " shows another code");
                        }
                    });
                }
            }
        });
    }

    private static void securityFits(String name, String path, Operation op, Map<String, ApiResponse> responses,
                                     List<String> problems) {
        String scheme = path.startsWith("/v1/") ? "ApiKey" : path.startsWith("/admin/") ? "AdminBearer" : null;
        if (scheme == null) {
            return;
        }
        boolean declared = op.getSecurity() != null && op.getSecurity().stream().anyMatch(s -> s.containsKey(scheme));
        if (!declared) {
            problems.add(name + ": security " + scheme + " not declared");
        }
        if (!responses.containsKey("401")) {
            problems.add(name + ": no 401 UNAUTHORIZED response");
        }
        if (scheme.equals("ApiKey") && !responses.containsKey("429")) {
            problems.add(name + ": no 429 RATE_LIMITED response");
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value).replace(" ", "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code /files/{+key}} → {@code /files/{key}}; query templates dropped. */
    private static String normalize(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toPathString();
        return template.replaceAll("\\{\\?[^}]*}", "").replace("{+", "{");
    }

}
