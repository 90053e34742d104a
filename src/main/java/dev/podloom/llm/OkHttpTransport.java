package dev.podloom.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * langchain4j's HTTP seam over OkHttp, so a provider's error keeps what langchain4j's own client drops: the
 * {@code Retry-After} header ({@link ProviderHttpException#retryAfter()}). Requests and bodies are langchain4j's;
 * this class only moves bytes.
 */
final class OkHttpTransport implements HttpClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private final OkHttpClient client;
    private final Clock clock;

    OkHttpTransport(OkHttpClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** A builder langchain4j's model builders accept; the timeouts they set are the ones the client uses. */
    static HttpClientBuilder builder(OkHttpClient shared, Clock clock) {
        return new HttpClientBuilder() {
            private Duration connectTimeout = Duration.ofSeconds(10);
            private Duration readTimeout = Duration.ofSeconds(120);

            @Override
            public Duration connectTimeout() {
                return connectTimeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                if (timeout != null) {
                    connectTimeout = timeout;
                }
                return this;
            }

            @Override
            public Duration readTimeout() {
                return readTimeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                if (timeout != null) {
                    readTimeout = timeout;
                }
                return this;
            }

            @Override
            public HttpClient build() {
                // One call may not take longer than the timeout in all, not just between two reads.
                return new OkHttpTransport(shared.newBuilder().connectTimeout(connectTimeout)
                        .readTimeout(readTimeout).callTimeout(readTimeout).build(), clock);
            }
        };
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        try (Response response = client.newCall(toOkHttp(request)).execute()) {
            byte[] body = response.body().bytes();
            if (!response.isSuccessful()) {
                throw new ProviderHttpException(response.code(), new String(body, StandardCharsets.UTF_8),
                        retryAfter(response.header("Retry-After")));
            }
            return SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(response.headers().toMultimap()).body(body).build();
        } catch (SocketTimeoutException e) {
            throw new TimeoutException(e);
        } catch (InterruptedIOException e) {
            // OkHttp's call timeout
            throw new TimeoutException(e);
        } catch (IOException e) {
            throw new ProviderIoException(e);
        }
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        try (Response response = client.newCall(toOkHttp(request)).execute()) {
            if (!response.isSuccessful()) {
                listener.onError(new ProviderHttpException(response.code(), response.body().string(),
                        retryAfter(response.header("Retry-After"))));
                return;
            }
            listener.onOpen(SuccessfulHttpResponse.builder().statusCode(response.code())
                    .headers(response.headers().toMultimap()).build());
            try (InputStream in = response.body().byteStream()) {
                parser.parse(in, listener);
            }
            listener.onClose();
        } catch (IOException e) {
            listener.onError(e instanceof InterruptedIOException ? new TimeoutException(e) : new ProviderIoException(e));
        }
    }

    private static Request toOkHttp(HttpRequest request) {
        if (!request.formDataFields().isEmpty() || !request.formDataFiles().isEmpty()) {
            throw new IllegalArgumentException("Form uploads are not used by chat models");
        }
        Request.Builder builder = new Request.Builder().url(request.url());
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            if (header.getValue() != null) {
                header.getValue().forEach(v -> builder.addHeader(header.getKey(), v));
            }
        }
        RequestBody body = request.body() == null ? null : RequestBody.create(request.body(), JSON);
        if (body == null && switch (request.method()) { case POST -> true; default -> false; }) {
            body = RequestBody.create(new byte[0], JSON);
        }
        return builder.method(request.method().name(), body).build();
    }

    /** {@code Retry-After}: seconds, or an HTTP date; null when absent or unreadable. */
    Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(clock.instant(), at.toInstant());
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    /** A provider's HTTP error with its {@code Retry-After}, if it sent one. */
    static final class ProviderHttpException extends HttpException {
        private final transient Duration retryAfter;

        ProviderHttpException(int status, String body, Duration retryAfter) {
            super(status, body);
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
    }

    /** The provider could not be reached or the connection broke. */
    static final class ProviderIoException extends RuntimeException {
        ProviderIoException(IOException cause) {
            super("Cannot reach the language model provider", cause);
        }
    }
}
