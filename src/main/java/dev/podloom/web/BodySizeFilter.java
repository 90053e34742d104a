package dev.podloom.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpVersion;
import io.micronaut.http.MediaType;
import io.micronaut.http.ServerHttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.body.ByteBody;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.netty.handler.codec.compression.DecompressionException;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Per-kind body limits under the server's global ceiling: JSON and form bodies 1 MB, images (show covers) 10 MB,
 * multipart document uploads 50 MB, counted on the bytes the application would actually read:
 * <ul>
 *   <li>a {@code Content-Length} over the limit is refused before the body is read (and Netty reads no more than
 *       the declared length, so a body that has one cannot exceed it);</li>
 *   <li>a chunked body, or a compressed one ({@code Content-Encoding: gzip} or {@code deflate}, which the server
 *       decodes before anything else sees the body, dropping its length), is counted as it streams in, decoded, and
 *       refused with 413 the moment it passes the limit, before any of it reaches a parser;</li>
 *   <li>a body that is not valid data for its {@code Content-Encoding} is a 400, and an encoding the server does not
 *       decode (anything but gzip, deflate or identity) is a 415.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public final class BodySizeFilter implements Ordered {

    static final long JSON_LIMIT = 1L << 20;
    static final long IMAGE_LIMIT = 10L << 20;
    static final long UPLOAD_LIMIT = 50L << 20;

    /** A show's intro, outro or bed ({@code audio/*}): {@code PODLOOM_SHOW_AUDIO_MAX_BYTES}, default 10 MB. */
    private final long audioLimit;

    public BodySizeFilter(@io.micronaut.context.annotation.Value("${podloom.show-audio.max-bytes:10485760}")
                          long audioLimit) {
        this.audioLimit = audioLimit;
    }

    private record Limit(long bytes, String what) {
    }

    /**
     * Completes with the request to let it through, or fails with the {@link ApiException} to answer (the one
     * exception handler writes the envelope). A future completed later with {@code null} is not a reliable
     * "continue" for the framework, hence the request itself.
     */
    @RequestFilter
    public CompletableFuture<HttpRequest<?>> limit(HttpRequest<?> request) {
        // The server has already decoded (and removed the header of) the encodings it knows: gzip, deflate.
        String encoding = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity")) {
            return CompletableFuture.failedFuture(new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Encoding '" + encoding.strip() + "' is not supported: send the body uncompressed, or "
                            + "compressed with gzip or deflate.",
                    Map.of("content_encoding", encoding.strip(), "supported", java.util.List.of("gzip", "deflate"))));
        }
        Limit limit = limitFor(request, audioLimit);
        long length = request.getContentLength();
        if (length > limit.bytes()) {
            return CompletableFuture.failedFuture(tooLarge(limit, length));
        }
        if (length >= 0 || !mayHaveUnsizedBody(request) || !(request instanceof ServerHttpRequest<?> server)) {
            return CompletableFuture.completedFuture(request);
        }
        return count(request, server, limit);
    }

    /** Reads a copy of the body as it arrives (the original is kept for the route) and stops at the limit. */
    private static CompletableFuture<HttpRequest<?>> count(HttpRequest<?> request, ServerHttpRequest<?> server,
                                                           Limit limit) {
        CompletableFuture<HttpRequest<?>> verdict = new CompletableFuture<>();
        server.byteBody().split(ByteBody.SplitBackpressureMode.NEW).toByteArrayPublisher()
                .subscribe(new Subscriber<>() {
                    private Subscription subscription;
                    private long total;

                    @Override
                    public void onSubscribe(Subscription s) {
                        subscription = s;
                        s.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(byte[] bytes) {
                        total += bytes.length;
                        if (total > limit.bytes() && !verdict.isDone()) {
                            subscription.cancel();
                            verdict.completeExceptionally(tooLarge(limit, -1));
                        }
                    }

                    @Override
                    public void onError(Throwable failure) {
                        if (verdict.isDone()) {
                            return;
                        }
                        if (causedBy(failure, DecompressionException.class)) {
                            verdict.completeExceptionally(new ApiException(ErrorCode.INVALID_REQUEST,
                                    "The request body is not valid data for its Content-Encoding (gzip or deflate): "
                                            + "send it uncompressed without that header, or compress it as it says.",
                                    Map.of("field", "Content-Encoding")));
                        } else if (causedBy(failure, ContentLengthExceededException.class)) {
                            verdict.completeExceptionally(tooLarge(limit, -1));
                        } else {
                            verdict.complete(request); // e.g. the client went away: the route meets the same end
                        }
                    }

                    @Override
                    public void onComplete() {
                        verdict.complete(request);
                    }
                });
        return verdict;
    }

    private static Limit limitFor(HttpRequest<?> request, long audioLimit) {
        MediaType type = request.getContentType().orElse(MediaType.APPLICATION_JSON_TYPE);
        if (type.getName().equals(MediaType.MULTIPART_FORM_DATA)) {
            // room for the form's other fields and boundaries
            return new Limit(UPLOAD_LIMIT + (1L << 20), "A document upload");
        }
        if (type.getType().toLowerCase(Locale.ROOT).equals("image")) {
            return new Limit(IMAGE_LIMIT, "An image");
        }
        if (type.getType().toLowerCase(Locale.ROOT).equals("audio")) {
            return new Limit(audioLimit, "An audio file");
        }
        return new Limit(JSON_LIMIT, "A request body");
    }

    /** HTTP/1.1 frames a body by Content-Length or Transfer-Encoding; without either there is none. */
    private static boolean mayHaveUnsizedBody(HttpRequest<?> request) {
        return request.getHeaders().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.getHttpVersion() == HttpVersion.HTTP_2_0;
    }

    private static ApiException tooLarge(Limit limit, long contentLength) {
        String size = contentLength >= 0 ? "; this one is " + contentLength + " bytes." : "; this one is larger.";
        Map<String, Object> details = contentLength >= 0
                ? Map.of("limit_bytes", limit.bytes(), "content_length", contentLength)
                : Map.of("limit_bytes", limit.bytes());
        String most = limit.bytes() % (1L << 20) == 0 ? (limit.bytes() >> 20) + " MB" : limit.bytes() + " bytes";
        return new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, limit.what() + " may be at most " + most + size, details);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 50;
    }
}
