package dev.podloom.storage;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.InputStream;
import java.util.Map;

/**
 * Serves the signed links of the {@link LocalObjectStore}: {@code /files/{key}?expires=&signature=[&filename=]}.
 * Checks the link before looking at the object, so a bad link never reveals whether an object exists.
 * Supports a single byte range, which podcast players use to seek.
 */
@Controller("/files")
@Requires(property = StorageProperties.TYPE, value = "local", defaultValue = "local")
@ExecuteOn(TaskExecutors.BLOCKING) // file-system calls must stay off the event loop
public final class LocalFileController {

    private final ObjectStore store;
    private final DownloadLinkSigner signer;

    public LocalFileController(ObjectStore store, DownloadLinkSigner signer) {
        this.store = store;
        this.signer = signer;
    }

    @Get(uri = "/{+key}", produces = MediaType.ALL, headRoute = false)
    public HttpResponse<StreamedFile> download(String key,
                                               @Nullable @QueryValue String expires,
                                               @Nullable @QueryValue String signature,
                                               @Nullable @QueryValue String filename,
                                               @Nullable @Header(HttpHeaders.RANGE) String range) {
        Answer answer = answer(key, expires, signature, filename, range);
        InputStream body;
        try {
            body = store.open(key, answer.first(), answer.length());
        } catch (ObjectNotFoundException deletedSinceStat) {
            throw notFound();
        }
        return answer.response().body(new StreamedFile(body, MediaType.of(answer.object().contentType()),
                answer.object().lastModified().toEpochMilli(), answer.length()));
    }

    /** Players and feed validators use HEAD to learn the size; the framework's own HEAD route drops it. */
    @Head("/{+key}")
    public HttpResponse<StreamedFile> head(String key,
                                           @Nullable @QueryValue String expires,
                                           @Nullable @QueryValue String signature,
                                           @Nullable @QueryValue String filename,
                                           @Nullable @Header(HttpHeaders.RANGE) String range) {
        Answer answer = answer(key, expires, signature, filename, range);
        return answer.response().contentType(answer.object().contentType()).contentLength(answer.length());
    }

    /** The status and headers for a link, and which bytes of which object go in the body. */
    private record Answer(MutableHttpResponse<StreamedFile> response, StoredObject object, long first, long length) {
    }

    private Answer answer(String key, String expires, String signature, String filename, String range) {
        switch (signer.verify(key, expires, signature, filename)) {
            case INVALID_SIGNATURE -> throw new ApiException(ErrorCode.FORBIDDEN, "The link signature is invalid.");
            case EXPIRED -> throw new ApiException(ErrorCode.FORBIDDEN, "The link has expired.");
            case VALID -> { }
        }
        // Only valid keys are ever signed, so a verified key is safe to look up.
        StoredObject object = store.stat(key).orElseThrow(LocalFileController::notFound);
        long size = object.size();
        Answer answer = switch (ByteRangeRequest.of(range, size)) {
            case ByteRangeRequest.Whole whole -> new Answer(HttpResponse.ok(), object, 0, size);
            case ByteRangeRequest.Partial partial -> new Answer(
                    HttpResponse.<StreamedFile>status(HttpStatus.PARTIAL_CONTENT)
                            .header(HttpHeaders.CONTENT_RANGE, partial.contentRange(size)),
                    object, partial.first(), partial.length());
            case ByteRangeRequest.Unsatisfiable unsatisfiable -> throw new ApiException(
                    ErrorCode.RANGE_NOT_SATISFIABLE, "The requested range is outside the file of " + size + " bytes.",
                    Map.of("size", size), Map.of(HttpHeaders.CONTENT_RANGE, "bytes */" + size));
        };
        answer.response()
                .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.inline(filename != null ? filename : ObjectKeys.fileName(key)))
                .header(HttpHeaders.CACHE_CONTROL, "private");
        return answer;
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "The file does not exist.");
    }
}
