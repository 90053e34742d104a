package dev.podloom.pipeline;

/** Receives the pipeline's progress: the stage it entered and the overall percentage (0–100). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (stage, percent) -> { };

    void onProgress(String stage, int percent);
}
