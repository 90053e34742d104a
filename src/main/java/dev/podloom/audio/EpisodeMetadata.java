package dev.podloom.audio;

import dev.podloom.pipeline.Segment;

import java.util.List;

/**
 * What goes into the tags and chapters.
 *
 * @param show     album / show name (null for a stand-alone episode)
 * @param comment  free text for the ID3 comment, typically the source URLs
 * @param segments chapters, indexed by turn
 */
public record EpisodeMetadata(String title, String show, String comment, List<Segment> segments) {

    public EpisodeMetadata {
        segments = List.copyOf(segments);
    }
}
