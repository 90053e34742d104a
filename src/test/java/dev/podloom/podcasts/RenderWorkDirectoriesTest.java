package dev.podloom.podcasts;

import dev.podloom.jobs.JobSettings;
import dev.podloom.jobs.RenderAdmission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RenderWorkDirectoriesTest {

    @Test
    void workDirectoriesLeftByAKilledNodeAreRemovedBeforeAnyJobRuns(@TempDir Path dataDir) throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve("work/6f1c1f0e-0000-4000-8000-000000000001"));
        Files.write(leftover.resolve("speech.f32"), new byte[4096]);
        Files.write(Files.createDirectories(leftover.resolve("nested")).resolve("piece-0.mp3.part"), new byte[10]);
        Path other = Files.createDirectories(dataDir.resolve("objects/podcasts"));

        new RenderPodcastJob(null, null, null, null, null, Clock.systemUTC(),
                new JobSettings(null, null, null, null, null, false, null, null), dataDir.toString(), List.of(), null,
                new RenderAdmission(1));

        assertThat(dataDir.resolve("work")).isEmptyDirectory();
        assertThat(other).exists();
    }

    @Test
    void aNodeWithoutAWorkDirectoryStartsCleanly(@TempDir Path dataDir) {
        new RenderPodcastJob(null, null, null, null, null, Clock.systemUTC(),
                new JobSettings(null, null, null, null, null, false, null, null), dataDir.toString(), List.of(), null,
                new RenderAdmission(1));

        assertThat(dataDir.resolve("work")).doesNotExist();
    }
}
