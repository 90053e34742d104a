package dev.podloom.audio;

import dev.podloom.pipeline.Segment;

import java.nio.file.Path;
import java.util.List;

/** Assembles spoken turns into a mastered, tagged MP3 plus transcript and chapters. */
public interface EpisodeEncoder {

    /**
     * Length in seconds the episode will have once assembled (speech plus pauses), without encoding.
     * The pipeline uses it to steer the script length before paying for mastering and encoding.
     */
    default double plannedDurationSeconds(List<SpokenTurn> turns, List<Segment> segments) {
        return plannedDurationSeconds(turns, segments, 1.0);
    }

    /** The same with the pauses between turns scaled by {@code pauseScale} ({@link EpisodeMetadata#pauseScale()}). */
    double plannedDurationSeconds(List<SpokenTurn> turns, List<Segment> segments, double pauseScale);

    /** Writes {@code baseName.mp3}, {@code baseName.vtt} and {@code baseName.chapters.json} into {@code dir}. */
    EncodedEpisode encode(List<SpokenTurn> turns, EpisodeMetadata metadata, Path dir, String baseName);
}
