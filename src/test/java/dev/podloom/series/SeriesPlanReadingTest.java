package dev.podloom.series;

import dev.podloom.llm.StructuredOutput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeriesPlanReadingTest {

    @Test
    void aPlanKeepsTheEpisodesAskedForInOrderAndDropsExtraOnes() {
        var read = SeriesPlanner.read(StructuredOutput.parse("""
                Here is the plan: {"title": "Tea", "description": "All about tea.", "episodes": [
                  {"title": "Leaves", "outline": "Where tea grows."},
                  {"title": "Cups", "outline": "How   tea is drunk."},
                  {"title": "Extra", "outline": "Not asked for."},]}"""), 2);

        assertThat(read.title()).isEqualTo("Tea");
        assertThat(read.episodes()).containsExactly(new SeriesPlanner.Planned("Leaves", "Where tea grows."),
                new SeriesPlanner.Planned("Cups", "How tea is drunk."));
    }

    @Test
    void tooFewEpisodesARepeatedTitleOrAnEmptyOutlineAreUnusable() {
        assertThatThrownBy(() -> SeriesPlanner.read(StructuredOutput.parse("""
                {"title": "Tea", "description": "", "episodes": [{"title": "Leaves", "outline": "Where."}]}"""), 2))
                .isInstanceOf(StructuredOutput.Unusable.class).hasMessageContaining("exactly 2");
        assertThatThrownBy(() -> SeriesPlanner.read(StructuredOutput.parse("""
                {"title": "Tea", "description": "", "episodes": [{"title": "Leaves", "outline": "Where."},
                 {"title": "leaves", "outline": "Again."}]}"""), 2))
                .isInstanceOf(StructuredOutput.Unusable.class).hasMessageContaining("repeats");
        assertThatThrownBy(() -> SeriesPlanner.read(StructuredOutput.parse("""
                {"title": "Tea", "description": "", "episodes": [{"title": "Leaves", "outline": " "}]}"""), 1))
                .isInstanceOf(StructuredOutput.Unusable.class).hasMessageContaining("outline");
    }
}
