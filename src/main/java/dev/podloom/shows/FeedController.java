package dev.podloom.shows;

import dev.podloom.web.PublicBaseUrl;
import dev.podloom.storage.ObjectResponses;
import dev.podloom.storage.ObjectStore;
import dev.podloom.storage.StorageProperties;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import io.swagger.v3.oas.annotations.Operation;

/**
 * The public side of shows, no key needed: the RSS feed and the media it points to, under URLs that never
 * expire (podcast apps keep them for years). With the local store the bytes are streamed here with byte-range
 * support; with S3 each request is redirected to a freshly presigned URL, so the bucket stays private.
 */
@Controller("/feeds")
@ExecuteOn(TaskExecutors.BLOCKING)
public class FeedController {

    static final MediaType RSS = MediaType.of("application/rss+xml;charset=utf-8");
    private static final Duration REDIRECT_LINK_TTL = Duration.ofHours(1);
    private static final String MEDIA_CACHE = "public, max-age=86400";

    private final Shows shows;
    private final ObjectStore store;
    private final PublicBaseUrl baseUrl;
    private final boolean streamLocally;

    private final String defaultCategory;
    /** Generated covers by public id and title (a new title draws a new cover); a few dozen KB each. */
    private final Map<String, byte[]> generatedCovers = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                    return size() > 64;
                }
            });

    public FeedController(Shows shows, ObjectStore store, PublicBaseUrl baseUrl, StorageProperties storage,
                          @Value("${podloom.feed.default-category:Technology}") String defaultCategory) {
        this.defaultCategory = AppleCategories.canonical(defaultCategory).orElse(RssFeed.DEFAULT_CATEGORY);
        this.shows = shows;
        this.store = store;
        this.baseUrl = baseUrl;
        this.streamLocally = "local".equals(storage.getType());
    }

    /**
     * The feed, with an {@code ETag} (a hash of its bytes) and {@code Last-Modified} (the show's last change or its
     * newest episode); a client that sends back a matching {@code If-None-Match}, or (without one) an
     * {@code If-Modified-Since} no older than the last change, gets {@code 304 Not Modified} and no body.
     */
    @Get(uri = "/{file}", produces = "application/rss+xml")
    @Operation(operationId = "getFeed", summary = "A show's RSS feed (public)")
    public HttpResponse<String> feed(@PathVariable String file,
                                     @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                     @Nullable @Header(HttpHeaders.IF_MODIFIED_SINCE) String ifModifiedSince) {
        String publicId = file.endsWith(".xml") ? file.substring(0, file.length() - ".xml".length()) : null;
        Shows.Published published = Optional.ofNullable(publicId).flatMap(shows::published)
                .orElseThrow(FeedController::noFeed);
        String body = RssFeed.render(published.show(), published.episodes(), published.links(), baseUrl.get(),
                defaultCategory);
        String etag = FeedValidators.etag(body);
        Instant lastModified = RssFeed.lastChange(published.show(), published.episodes(), published.links());
        MutableHttpResponse<String> response = FeedValidators.notModified(etag, lastModified, ifNoneMatch, ifModifiedSince)
                ? HttpResponse.<String>status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(body).contentType(RSS);
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, FeedValidators.httpDate(lastModified))
                // Apps poll feeds often; a few minutes of caching spares the database without delaying episodes much.
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }

    @Get(uri = "/{publicId}/{file}", produces = MediaType.ALL, headRoute = false)
    @Operation(operationId = "getFeedCover", summary = "A show's cover image (public)")
    public HttpResponse<?> cover(@PathVariable String publicId, @PathVariable String file,
                                 @Nullable @Header(HttpHeaders.RANGE) String range) {
        Show show = coverOf(publicId, file);
        if (show.coverKey() == null) {
            return HttpResponse.ok(generatedCover(show)).contentType(MediaType.IMAGE_PNG_TYPE)
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
        }
        return serve(show.coverKey(), file, range, false);
    }

    @Head("/{publicId}/{file}")
    @Operation(operationId = "headFeedCover", summary = "A show's cover image headers (public)")
    public HttpResponse<?> coverHead(@PathVariable String publicId, @PathVariable String file,
                                     @Nullable @Header(HttpHeaders.RANGE) String range) {
        Show show = coverOf(publicId, file);
        if (show.coverKey() == null) {
            return HttpResponse.ok().contentType(MediaType.IMAGE_PNG_TYPE)
                    .contentLength(generatedCover(show).length)
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
        }
        return serve(show.coverKey(), file, range, true);
    }

    @Get(uri = "/{publicId}/episodes/{file}", produces = MediaType.ALL, headRoute = false)
    @Operation(operationId = "getFeedEpisodeAudio", summary = "An episode's audio, byte ranges supported (public)")
    public HttpResponse<?> media(@PathVariable String publicId, @PathVariable String file,
                                 @Nullable @Header(HttpHeaders.RANGE) String range) {
        Media media = mediaOf(publicId, file);
        return serve(media.key(), media.fileName(), range, false);
    }

    /** Players and feed validators use HEAD to learn sizes and check that ranges are accepted. */
    @Head("/{publicId}/episodes/{file}")
    @Operation(operationId = "headFeedEpisodeAudio", summary = "An episode's audio headers (public)")
    public HttpResponse<?> mediaHead(@PathVariable String publicId, @PathVariable String file,
                                     @Nullable @Header(HttpHeaders.RANGE) String range) {
        Media media = mediaOf(publicId, file);
        return serve(media.key(), media.fileName(), range, true);
    }

    private record Media(String key, String fileName) {
    }

    private Show coverOf(String publicId, String file) {
        Show show = shows.publishedShow(publicId).orElseThrow(FeedController::notFound);
        String expected = show.coverKey() == null ? RssFeed.GENERATED_COVER : "cover." + show.coverExtension();
        if (!file.equals(expected)) {
            throw notFound();
        }
        return show;
    }

    private byte[] generatedCover(Show show) {
        return generatedCovers.computeIfAbsent(show.publicId() + "\n" + show.title(),
                k -> GeneratedCover.png(show.title(), show.publicId()));
    }

    /** {@code <episode id>.mp3}, {@code .vtt} or {@code .chapters.json}. */
    private Media mediaOf(String publicId, String file) {
        int dot = file.indexOf('.');
        if (dot < 0) {
            throw notFound();
        }
        UUID episodeId;
        try {
            episodeId = UUID.fromString(file.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw notFound();
        }
        String suffix = file.substring(dot);
        Episode episode = shows.publishedEpisode(publicId, episodeId).orElseThrow(FeedController::notFound);
        String key = switch (suffix) {
            case ".mp3" -> episode.audioKey();
            case ".vtt" -> episode.transcriptKey();
            case ".chapters.json" -> episode.chaptersKey();
            case ".transcript.json" -> episode.transcriptJsonKey();
            default -> null;
        };
        if (key == null) {
            throw notFound();
        }
        return new Media(key, "episode-" + episode.number() + suffix);
    }

    private HttpResponse<?> serve(String key, String fileName, String range, boolean head) {
        if (!streamLocally) {
            URI link = store.downloadUrl(key, REDIRECT_LINK_TTL, fileName);
            // 302, not 301: the target expires, so clients must come back to this stable URL; caches may keep the
            // redirect only well inside the presigned link's lifetime.
            return HttpResponse.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, link.toString())
                    .header(HttpHeaders.CACHE_CONTROL, "public, max-age=600");
        }
        return head ? ObjectResponses.head(store, key, range, fileName, MEDIA_CACHE)
                : ObjectResponses.get(store, key, range, fileName, MEDIA_CACHE);
    }

    private static ApiException noFeed() {
        return new ApiException(ErrorCode.NOT_FOUND, "There is no feed at this address.");
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "The file does not exist.");
    }
}
