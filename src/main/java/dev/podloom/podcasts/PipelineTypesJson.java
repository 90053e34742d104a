package dev.podloom.podcasts;

import dev.podloom.pipeline.SourceDocument;
import dev.podloom.pipeline.Turn;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Lets a {@link PodcastSpec} store pipeline types as JSON while the pipeline package stays free of
 * serialization annotations.
 */
@SerdeImport(SourceDocument.class)
@SerdeImport(SourceDocument.Section.class)
@SerdeImport(Turn.class)
@SerdeImport(dev.podloom.pipeline.Pronunciation.class)
@SerdeImport(dev.podloom.pipeline.Segment.class)
final class PipelineTypesJson {

    private PipelineTypesJson() {
    }
}
