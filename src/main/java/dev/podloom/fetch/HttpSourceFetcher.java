package dev.podloom.fetch;

import dev.podloom.pipeline.FailureCode;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.SourceFetcher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Fetches a web page or document over HTTP(S) and extracts its text. Every redirect hop is followed by hand so its
 * target is checked; every address connected to passes the {@link AddressPolicy}.
 */
@Singleton
public class HttpSourceFetcher implements SourceFetcher {

    private static final Set<String> TEXT_TYPES = Set.of(
            "text/html", "application/xhtml+xml", "application/pdf", "text/plain", "text/markdown",
            "text/x-markdown", "text/csv", "text/xml", "application/xml");
    private static final String OCTET_STREAM = "application/octet-stream";

    private final FetchConfiguration config;
    private final AddressPolicy policy;
    private final ContentExtractor extractor;
    private final OkHttpClient client;

    @Inject
    public HttpSourceFetcher(FetchConfiguration config, ContentExtractor extractor) {
        this(config, config.allowPrivateNetworks() ? AddressPolicy.allowAll() : AddressPolicy.publicOnly(),
                extractor);
    }

    public HttpSourceFetcher(FetchConfiguration config) {
        this(config, new ContentExtractor());
    }

    /** With an explicit policy, e.g. one that trusts a single test server but nothing it redirects to. */
    public HttpSourceFetcher(FetchConfiguration config, AddressPolicy policy, ContentExtractor extractor) {
        this.config = config;
        this.policy = policy;
        this.extractor = extractor;
        this.client = GuardedClients.guard(new OkHttpClient.Builder(), policy)
                .connectTimeout(config.connectTimeout())
                .readTimeout(config.readTimeout())
                .writeTimeout(config.readTimeout())
                // Followed by hand below: each hop is a new call, vetted like the first.
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    @Override
    public SourceDocument fetch(URI url) {
        HttpUrl current = parse(url);
        long deadline = System.nanoTime() + config.callTimeout().toNanos();
        for (int redirects = 0; ; redirects++) {
            Call call = client.newCall(new Request.Builder()
                    .url(current)
                    .header("User-Agent", config.userAgent())
                    .header("Accept", "text/html,application/xhtml+xml,application/pdf,text/plain;q=0.9,"
                            + "text/markdown;q=0.9,*/*;q=0.1")
                    .build());
            // One budget for the whole fetch, redirects included.
            call.timeout().timeout(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                if (response.isRedirect()) {
                    if (redirects >= config.maxRedirects()) {
                        throw new PipelineException(FailureCode.TOO_MANY_REDIRECTS,
                                url + " redirected more than " + config.maxRedirects() + " times");
                    }
                    current = redirectTarget(response, current, url);
                    continue;
                }
                return extract(url, response);
            } catch (IOException e) {
                throw translate(e, url);
            }
        }
    }

    private static HttpUrl parse(URI url) {
        if (url == null || !url.isAbsolute()) {
            throw new PipelineException(FailureCode.INVALID_URL, "Not an absolute URL: " + url);
        }
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new PipelineException(FailureCode.INVALID_URL, "Only http and https URLs can be fetched: " + url);
        }
        UrlPolicy.problem(url.toString()).ifPresent(problem -> {
            throw new PipelineException(FailureCode.INVALID_URL, "The URL " + problem + ": " + url);
        });
        HttpUrl parsed = HttpUrl.parse(url.toString());
        if (parsed == null || parsed.host().isEmpty()) {
            throw new PipelineException(FailureCode.INVALID_URL, "Not a valid URL: " + url);
        }
        return parsed;
    }

    private static HttpUrl redirectTarget(Response response, HttpUrl current, URI requested) {
        String location = response.header("Location");
        if (location == null || location.isBlank()) {
            throw new PipelineException(FailureCode.SOURCE_HTTP_ERROR,
                    requested + " answered HTTP " + response.code() + " without a Location header");
        }
        HttpUrl next = current.resolve(location);
        if (next == null) {
            throw new PipelineException(FailureCode.INVALID_URL,
                    requested + " redirected to an unsupported URL: " + location);
        }
        return next;
    }

    private SourceDocument extract(URI url, Response response) throws IOException {
        int status = response.code();
        if (status == 404 || status == 410) {
            throw new PipelineException(FailureCode.SOURCE_NOT_FOUND, url + " was not found (HTTP " + status + ")");
        }
        if (status < 200 || status > 299) {
            throw new PipelineException(FailureCode.SOURCE_HTTP_ERROR, url + " answered HTTP " + status);
        }
        ResponseBody body = response.body();
        MediaType contentType = body.contentType();
        String mediaType = contentType == null ? null
                : (contentType.type() + "/" + contentType.subtype()).toLowerCase(Locale.ROOT);
        if (mediaType != null && !TEXT_TYPES.contains(mediaType) && !mediaType.equals(OCTET_STREAM)) {
            throw unsupported(url, mediaType);
        }
        long declared = body.contentLength();
        if (declared > config.maxBodyBytes()) {
            throw tooLarge(url);
        }
        byte[] bytes = readLimited(body.byteStream(), url);
        String effectiveType;
        if (mediaType == null || mediaType.equals(OCTET_STREAM)) {
            effectiveType = ContentExtractor.sniff(bytes)
                    .orElseThrow(() -> unsupported(url, mediaType == null ? "no content type" : mediaType));
        } else {
            effectiveType = contentType.toString();
        }
        return extractor.extract(url.toString(), effectiveType, bytes);
    }

    /** Counts while streaming: Content-Length may be absent or lie. */
    private byte[] readLimited(InputStream in, URI url) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > config.maxBodyBytes()) {
                throw tooLarge(url);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private PipelineException tooLarge(URI url) {
        return new PipelineException(FailureCode.SOURCE_TOO_LARGE,
                url + " is larger than the " + config.maxBodyBytes() + "-byte limit");
    }

    private static PipelineException unsupported(URI url, String mediaType) {
        return new PipelineException(FailureCode.UNSUPPORTED_CONTENT_TYPE,
                url + " has an unsupported content type (" + mediaType + ")");
    }

    private static PipelineException translate(IOException e, URI url) {
        Optional<BlockedAddressException> blocked = findBlocked(e);
        if (blocked.isPresent()) {
            return new PipelineException(FailureCode.BLOCKED_ADDRESS,
                    "Refused to fetch " + url + ": " + blocked.get().getMessage(), e);
        }
        if (e instanceof InterruptedIOException) {
            return new PipelineException(FailureCode.SOURCE_TIMEOUT, url + " did not answer in time", e);
        }
        if (e instanceof UnknownHostException) {
            return new PipelineException(FailureCode.SOURCE_UNREACHABLE, url + ": the host name could not be resolved", e);
        }
        return new PipelineException(FailureCode.SOURCE_UNREACHABLE, url + " could not be reached: " + e.getMessage(), e);
    }

    /** OkHttp may wrap the refusal or attach it as suppressed while trying other routes. */
    private static Optional<BlockedAddressException> findBlocked(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            if (cause instanceof BlockedAddressException blocked) {
                return Optional.of(blocked);
            }
            for (Throwable suppressed : cause.getSuppressed()) {
                Optional<BlockedAddressException> found = findBlocked(suppressed);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
