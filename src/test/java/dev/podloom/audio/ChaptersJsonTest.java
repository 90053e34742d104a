package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChaptersJsonTest {

    @Test
    void writesPodcastingJsonChaptersWithTimesInSecondsAndEscapedTitles() {
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{24_000, 36_000}, List.of("A", "B"),
                List.of(new Segment("Intro", 0), new Segment("The \"hard\" part\n\\ done", 1)), 24_000);

        String json = ChaptersJson.render(timeline);

        assertThat(json).isEqualTo("{\"version\":\"1.2.0\",\"chapters\":["
                + "{\"startTime\":0.0,\"endTime\":1.5,\"title\":\"Intro\"},"
                + "{\"startTime\":1.5,\"endTime\":4.3,\"title\":\"The \\\"hard\\\" part\\n\\\\ done\"}]}");
    }

    @Test
    void anEpisodeWithoutSegmentsHasAnEmptyChapterList() {
        EpisodeTimeline timeline = EpisodeTimeline.of(new int[]{24_000}, List.of("A"), List.of(), 24_000);

        assertThat(ChaptersJson.render(timeline)).isEqualTo("{\"version\":\"1.2.0\",\"chapters\":[]}");
    }
}
