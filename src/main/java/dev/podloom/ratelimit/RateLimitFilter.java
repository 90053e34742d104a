package dev.podloom.ratelimit;

import dev.podloom.auth.ApiKeyFilter;
import dev.podloom.auth.Caller;
import dev.podloom.web.ApiResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * Applies the request rate to every authenticated {@code /v1} call and puts the IETF
 * {@code RateLimit-Policy} / {@code RateLimit} headers on every answer, 429s included.
 */
@ServerFilter("/v1/**")
public final class RateLimitFilter implements Ordered {

    private static final String DECISION = "podloom.rate_limit";

    private final ApiRateLimits limits;

    public RateLimitFilter(ApiRateLimits limits) {
        this.limits = limits;
    }

    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable // null: let the request through
    public HttpResponse<?> limit(HttpRequest<?> request) {
        Caller caller = request.getAttribute(Caller.ATTRIBUTE, Caller.class).orElse(null);
        if (caller == null) {
            return null; // unauthenticated requests were already answered by the key filter
        }
        RateLimitDecision decision = limits.request(caller);
        if (!decision.allowed()) {
            return ApiResponses.error(request, decision.rejection());
        }
        request.setAttribute(DECISION, decision);
        return null;
    }

    @ResponseFilter
    public void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(DECISION, RateLimitDecision.class)
                .ifPresent(d -> d.headers().forEach((name, value) -> {
                    if (!response.getHeaders().contains(name)) {
                        response.header(name, value);
                    }
                }));
    }

    @Override
    public int getOrder() {
        return ApiKeyFilter.ORDER + 10;
    }
}
