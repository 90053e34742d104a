package dev.podloom.audio;

import java.nio.file.Path;
import java.util.Map;

/**
 * The files an {@link EpisodeEncoder} wrote, with what was measured on the mastered audio.
 *
 * @param stageMillis wall time of {@code master} and {@code encode}
 */
public record EncodedEpisode(Path mp3, Path transcript, Path chapters, double durationSeconds,
                             double integratedLufs, double truePeakDbtp, long mp3Bytes,
                             Map<String, Long> stageMillis) {
}
