package dev.podloom.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;

import java.util.UUID;

/** The id every request gets, echoed in {@code meta.request_id} and the {@code X-Request-Id} header. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    static final String ATTRIBUTE = "podloom.request_id";

    private RequestIds() {
    }

    /** The request's id, assigning one if the filter has not run (e.g. errors raised before routing). */
    public static String of(HttpRequest<?> request) {
        if (request == null) {
            return UUID.randomUUID().toString();
        }
        return request.getAttribute(ATTRIBUTE, String.class).orElseGet(() -> {
            String id = UUID.randomUUID().toString();
            request.setAttribute(ATTRIBUTE, id);
            return id;
        });
    }

    /** The id of the request being served on this thread, if any. */
    public static String current() {
        return of(ServerRequestContext.currentRequest().orElse(null));
    }
}
