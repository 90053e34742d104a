package dev.podloom.pipeline;

import java.net.URI;

/** Fetches a URL and extracts its readable text; failures are {@link PipelineException}s naming the URL. */
public interface SourceFetcher {

    SourceDocument fetch(URI url);
}
