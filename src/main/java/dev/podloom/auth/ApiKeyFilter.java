package dev.podloom.auth;

import dev.podloom.web.ApiException;
import dev.podloom.web.ApiResponses;
import dev.podloom.web.ErrorCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.Optional;

/**
 * Every {@code /v1/**} request must carry a valid {@code X-Api-Key}; otherwise it is answered 401
 * before any route runs (so unknown {@code /v1} paths do not reveal themselves either).
 */
@ServerFilter("/v1/**")
public final class ApiKeyFilter implements Ordered {

    public static final String HEADER = "X-Api-Key";
    /** Runs after the request id is assigned, before rate limits (which count per key). */
    public static final int ORDER = HIGHEST_PRECEDENCE + 100;

    private final ApiKeys apiKeys;

    public ApiKeyFilter(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @RequestFilter
    @Nullable // null: let the request through
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> authenticate(HttpRequest<?> request) {
        String presented = request.getHeaders().get(HEADER);
        if (presented == null || presented.isBlank()) {
            return unauthorized(request, "Missing X-Api-Key header.");
        }
        Optional<Caller> caller = apiKeys.resolve(presented.strip());
        if (caller.isEmpty()) {
            String why = ApiKeyFormat.typeOf(presented.strip()).isEmpty()
                    ? "The API key is malformed: expected phk_test_… or phk_prod_…."
                    : "The API key is invalid, expired or revoked.";
            return unauthorized(request, why);
        }
        request.setAttribute(Caller.ATTRIBUTE, caller.get());
        return null;
    }

    private static HttpResponse<?> unauthorized(HttpRequest<?> request, String message) {
        return ApiResponses.error(request, new ApiException(ErrorCode.UNAUTHORIZED, message))
                .header("WWW-Authenticate", "ApiKey header=\"X-Api-Key\"");
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
