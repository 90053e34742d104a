package dev.podloom.podcasts;

import dev.podloom.fetch.ContentExtractor;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.web.ApiException;
import dev.podloom.web.ErrorCode;
import io.micronaut.http.multipart.CompletedFileUpload;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an uploaded document (multipart part {@code document}) into a source: PDF, plain text,
 * HTML, Markdown, CSV or XML, up to 50 MB. The type comes from the part's Content-Type, or from the
 * file name when a client sends {@code application/octet-stream}.
 */
@Singleton
public class DocumentUploads {

    public static final List<String> ACCEPTED = List.of("application/pdf", "text/plain", "text/html",
            "text/markdown", "text/csv", "application/xml", "text/xml");
    private static final Map<String, String> BY_EXTENSION = Map.of("pdf", "application/pdf", "txt", "text/plain",
            "html", "text/html", "htm", "text/html", "md", "text/markdown", "markdown", "text/markdown",
            "csv", "text/csv", "xml", "application/xml");

    private final ContentExtractor extractor;

    public DocumentUploads(ContentExtractor extractor) {
        this.extractor = extractor;
    }

    public SourceDocument read(CompletedFileUpload upload) {
        String name = upload.getFilename() == null || upload.getFilename().isBlank() ? "document" : upload.getFilename();
        String type = mediaType(upload, name).orElseThrow(() -> new ApiException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "Document '" + name + "' is not a supported type; send one of " + ACCEPTED + ".",
                Map.of("field", "document", "accepted", ACCEPTED)));
        byte[] bytes;
        try {
            bytes = upload.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return extractor.extract(name, type, bytes);
        } catch (PipelineException e) {
            throw new ApiException(ErrorCode.INVALID_REQUEST, "Document '" + name + "' could not be read: "
                    + e.clientMessage(), Map.of("field", "document", "reason", e.code()));
        }
    }

    private static Optional<String> mediaType(CompletedFileUpload upload, String name) {
        String declared = upload.getContentType().map(t -> t.getName().toLowerCase(Locale.ROOT)).orElse("");
        if (ACCEPTED.contains(declared)) {
            return Optional.of(declared);
        }
        if (!declared.isEmpty() && !declared.equals("application/octet-stream")) {
            return Optional.empty();
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? Optional.empty()
                : Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
