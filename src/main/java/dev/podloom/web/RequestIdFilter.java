package dev.podloom.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.slf4j.MDC;

/** Runs first on every request: assigns the request id, puts it in the log context and the response. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class RequestIdFilter implements Ordered {

    @RequestFilter
    public void assignId(HttpRequest<?> request) {
        MDC.put("request_id", RequestIds.of(request));
    }

    @ResponseFilter
    public void echoId(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header(RequestIds.HEADER, RequestIds.of(request));
        MDC.remove("request_id");
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
