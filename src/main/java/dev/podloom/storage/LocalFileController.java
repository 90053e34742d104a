package dev.podloom.storage;

import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Head;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;


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
    @Hidden // documented by hand as /files/{key} (src/main/openapi/podloom-api.yml): the processor mis-reads {+key}
    public HttpResponse<StreamedFile> download(String key,
                                               @Nullable @QueryValue String expires,
                                               @Nullable @QueryValue String signature,
                                               @Nullable @QueryValue String filename,
                                               @Nullable @Header(HttpHeaders.RANGE) String range) {
        verify(key, expires, signature, filename);
        return ObjectResponses.get(store, key, range, filename, "private");
    }

    /** Players and feed validators use HEAD to learn the size; the framework's own HEAD route drops it. */
    @Head("/{+key}")
    @Hidden // documented by hand as /files/{key} (src/main/openapi/podloom-api.yml): the processor mis-reads {+key}
    public HttpResponse<StreamedFile> head(String key,
                                           @Nullable @QueryValue String expires,
                                           @Nullable @QueryValue String signature,
                                           @Nullable @QueryValue String filename,
                                           @Nullable @Header(HttpHeaders.RANGE) String range) {
        verify(key, expires, signature, filename);
        return ObjectResponses.head(store, key, range, filename, "private");
    }

    /**
     * The signature first (a bad link learns nothing more), then the key: the store only ever signs valid keys, but a
     * link signed by anything else holding the secret must still never reach the file system with {@code ..} or a
     * hidden name, and no object can live under an invalid key: 404.
     */
    private void verify(String key, String expires, String signature, String filename) {
        switch (signer.verify(key, expires, signature, filename)) {
            case INVALID_SIGNATURE -> throw new ApiException(ErrorCode.FORBIDDEN, "The link signature is invalid.");
            case EXPIRED -> throw new ApiException(ErrorCode.FORBIDDEN, "The link has expired.");
            case VALID -> { }
        }
        if (!ObjectKeys.isValid(key)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "The file does not exist.");
        }
    }
}
