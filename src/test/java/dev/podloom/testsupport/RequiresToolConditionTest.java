package dev.podloom.testsupport;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequiresToolConditionTest {

    @Test
    void runsWhenEveryToolIsInstalled() {
        assertThat(RequiresToolCondition.evaluate(List.of("ffmpeg", "ffprobe"), Set.of("ffmpeg", "ffprobe")::contains, true)
                .isDisabled()).isFalse();
    }

    @Test
    void skipsLocallyWhenAToolIsMissing() {
        var result = RequiresToolCondition.evaluate(List.of("ffmpeg", "ffprobe"), Set.of("ffmpeg")::contains, false);

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason).contains("ffprobe"));
    }

    @Test
    void failsOnCiWhenAToolIsMissing() {
        assertThatThrownBy(() -> RequiresToolCondition.evaluate(List.of("ffmpeg"), tool -> false, true))
                .hasMessageContaining("CI=true").hasMessageContaining("ffmpeg");
    }

    @Test
    void findsExecutablesOnThePath() {
        assertThat(RequiresToolCondition.isInstalled("sh")).isTrue();
        assertThat(RequiresToolCondition.isInstalled("no-such-tool-podloom")).isFalse();
    }
}
