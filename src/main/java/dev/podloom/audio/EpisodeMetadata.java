package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.ShowAudio;

import java.util.List;

/**
 * What goes into the tags and chapters.
 *
 * @param show     album / show name (null for a stand-alone episode)
 * @param comment  free text for the ID3 comment, typically the source URLs
 * @param segments chapters, indexed by turn
 * @param showAudio the show's intro, outro and music bed to mix in ({@link ShowAudio#NONE}: speech only)
 * @param pauseScale how much longer (or shorter) the pauses between turns are than the usual ones, within
 *                   {@link #MIN_PAUSE_SCALE}–{@link #MAX_PAUSE_SCALE}: the renderer's last step toward the requested
 *                   length once the script is spoken (1: the usual pauses)
 */
public record EpisodeMetadata(String title, String show, String comment, List<Segment> segments,
                              ShowAudio showAudio, double pauseScale) {

    /** Pauses between turns at most this much shorter: 0.2 s between speakers at the least, still a turn-taking. */
    public static final double MIN_PAUSE_SCALE = 0.6;
    /** ... and at most this much longer: 0.56 s between speakers, 1.3 s before a chapter. */
    public static final double MAX_PAUSE_SCALE = 1.6;

    public EpisodeMetadata {
        segments = List.copyOf(segments);
        showAudio = showAudio == null ? ShowAudio.NONE : showAudio;
        if (!(pauseScale >= MIN_PAUSE_SCALE && pauseScale <= MAX_PAUSE_SCALE)) {
            throw new IllegalArgumentException("pause scale " + pauseScale + " is outside " + MIN_PAUSE_SCALE + "–"
                    + MAX_PAUSE_SCALE);
        }
    }

    public EpisodeMetadata(String title, String show, String comment, List<Segment> segments, ShowAudio showAudio) {
        this(title, show, comment, segments, showAudio, 1.0);
    }

    public EpisodeMetadata(String title, String show, String comment, List<Segment> segments) {
        this(title, show, comment, segments, ShowAudio.NONE);
    }
}
