package dev.podloom.storage;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.types.files.StreamedFile;

import java.io.InputStream;
import java.util.Map;

/**
 * Answers GET and HEAD for one stored object with single-range support (206, {@code Content-Range},
 * {@code Accept-Ranges}, 416), for every route that streams stored bytes: signed links and feed media.
 */
public final class ObjectResponses {

    private ObjectResponses() {
    }

    /** The object's bytes (all, or the requested range). */
    public static MutableHttpResponse<StreamedFile> get(ObjectStore store, String key, String range, String fileName,
                                                        String cacheControl) {
        Answer answer = answer(store, key, range, fileName, cacheControl);
        InputStream body;
        try {
            body = store.open(key, answer.first(), answer.length());
        } catch (ObjectNotFoundException deletedSinceStat) {
            throw notFound();
        }
        return answer.response().body(new StreamedFile(body, MediaType.of(answer.object().contentType()),
                answer.object().lastModified().toEpochMilli(), answer.length()));
    }

    /** The headers GET would send, with the length of what it would send: players and validators read sizes so. */
    public static MutableHttpResponse<StreamedFile> head(ObjectStore store, String key, String range, String fileName,
                                                         String cacheControl) {
        Answer answer = answer(store, key, range, fileName, cacheControl);
        return answer.response().contentType(answer.object().contentType()).contentLength(answer.length());
    }

    /** The status and headers, and which bytes of which object go in the body. */
    private record Answer(MutableHttpResponse<StreamedFile> response, StoredObject object, long first, long length) {
    }

    private static Answer answer(ObjectStore store, String key, String range, String fileName, String cacheControl) {
        if (!ObjectKeys.isValid(key)) {
            throw notFound(); // no object can live under an invalid key; never let one reach a store
        }
        StoredObject object = store.stat(key).orElseThrow(ObjectResponses::notFound);
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
                        ContentDisposition.inline(fileName != null ? fileName : ObjectKeys.fileName(key)))
                .header(HttpHeaders.CACHE_CONTROL, cacheControl);
        return answer;
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "The file does not exist.");
    }
}
