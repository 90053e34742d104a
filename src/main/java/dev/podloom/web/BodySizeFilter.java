package dev.podloom.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;

/**
 * Per-kind body limits under the server's global ceiling: JSON and form bodies 1 MB, images
 * (show covers) 10 MB, multipart document uploads 50 MB. Checked on Content-Length before the body
 * is read, so an oversized upload is refused without being buffered.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class BodySizeFilter implements Ordered {

    static final long JSON_LIMIT = 1L << 20;
    static final long IMAGE_LIMIT = 10L << 20;
    static final long UPLOAD_LIMIT = 50L << 20;

    @RequestFilter
    @Nullable // null: let the request through
    public HttpResponse<?> limit(HttpRequest<?> request) {
        long length = request.getContentLength();
        if (length <= 0) {
            return null;
        }
        MediaType type = request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
        long limit;
        String what;
        if (type.getName().equals(MediaType.MULTIPART_FORM_DATA)) {
            limit = UPLOAD_LIMIT + (1L << 20); // room for the form's other fields and boundaries
            what = "A document upload";
        } else if (type.getType().equals("image")) {
            limit = IMAGE_LIMIT;
            what = "An image";
        } else {
            limit = JSON_LIMIT;
            what = "A request body";
        }
        if (length > limit) {
            return ApiResponses.error(request, new ApiException(ErrorCode.PAYLOAD_TOO_LARGE,
                    what + " may be at most " + (limit >> 20) + " MB; this one is " + length + " bytes.",
                    Map.of("limit_bytes", limit, "content_length", length)));
        }
        return null;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 50;
    }
}
