package dev.podloom.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;

/** {@code GET /metrics}: every meter in the Prometheus text format, for a Prometheus server to scrape. */
@Controller
@Hidden // an operations endpoint, not part of the API (ApiDocumentationTest lists it as such)
public class MetricsController {

    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = "text/plain; version=0.0.4; charset=utf-8")
    @ExecuteOn(TaskExecutors.BLOCKING) // the gauges may read the database
    public HttpResponse<String> scrape() {
        return HttpResponse.ok(registry.scrape());
    }
}
