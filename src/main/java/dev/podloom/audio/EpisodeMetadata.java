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
 */
public record EpisodeMetadata(String title, String show, String comment, List<Segment> segments,
                              ShowAudio showAudio) {

    public EpisodeMetadata {
        segments = List.copyOf(segments);
        showAudio = showAudio == null ? ShowAudio.NONE : showAudio;
    }

    public EpisodeMetadata(String title, String show, String comment, List<Segment> segments) {
        this(title, show, comment, segments, ShowAudio.NONE);
    }
}
