package dev.podloom.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds enveloped responses so controllers, filters and error handlers answer the same way. */
public final class ApiResponses {

    private ApiResponses() {
    }

    public static MutableHttpResponse<Envelope> ok(Object data) {
        return status(HttpStatus.OK, data, Map.of());
    }

    public static MutableHttpResponse<Envelope> status(HttpStatus status, Object data, Map<String, ?> extraMeta) {
        return HttpResponse.<Envelope>status(status)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(Envelope.ok(data, meta(RequestIds.current(), extraMeta)));
    }

    public static MutableHttpResponse<Envelope> error(HttpRequest<?> request, ApiException e) {
        MutableHttpResponse<Envelope> response = HttpResponse.<Envelope>status(e.code().status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(errorBody(request, e.code().name(), e.getMessage(), e.details()));
        e.headers().forEach(response::header);
        return response;
    }

    public static Envelope errorBody(HttpRequest<?> request, String code, String message, Map<String, Object> details) {
        return Envelope.error(code, message, details, meta(RequestIds.of(request), Map.of()));
    }

    private static Map<String, Object> meta(String requestId, Map<String, ?> extra) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("request_id", requestId);
        meta.putAll(extra);
        return meta;
    }
}
