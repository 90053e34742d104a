package dev.podloom.pipeline;

import java.nio.file.Path;

/** The whole pipeline: fetch → write → synthesize → master → encode, into files under {@code workDir}. */
public interface PodcastRenderer {

    RenderedEpisode render(RenderRequest request, Path workDir, ProgressListener progress);
}
