package dev.podloom.audio;

import dev.podloom.pipeline.AudioClip;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechSpoolTest {

    @Test
    void turnsWrittenFromManyThreadsReadBackTrimmedAtTheEpisodeRate(@TempDir Path dir) throws Exception {
        List<AudioClip> clips = IntStream.range(0, 40)
                .mapToObj(i -> new AudioClip(padded(TestAudio.sine(200 + 10 * i, 0.4, 0.5 + i * 0.01, 16_000)), 16_000))
                .toList();
        try (SpeechSpool spool = new SpeechSpool(dir.resolve("speech.f32"));
             ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<TurnAudio>> added = clips.stream().map(c -> pool.submit(() -> spool.add(c))).toList();

            for (int i = 0; i < clips.size(); i++) {
                TurnAudio spooled = added.get(i).get();
                TurnAudio inMemory = TurnAudio.of(clips.get(i));
                assertThat(spooled.length()).isEqualTo(inMemory.length());
                assertThat(spooled.read()).isEqualTo(inMemory.read());
            }
            long expectedBytes = clips.stream().mapToLong(c -> TurnAudio.of(c).length() * 4L).sum();
            assertThat(spool.bytes()).isEqualTo(expectedBytes);
            assertThat(Files.size(dir.resolve("speech.f32"))).isEqualTo(expectedBytes);
        }
    }

    @Test
    void closingTheSpoolDeletesItsFile(@TempDir Path dir) {
        Path file = dir.resolve("work/speech.f32");
        try (SpeechSpool spool = new SpeechSpool(file)) {
            spool.add(new AudioClip(TestAudio.sine(440, 0.5, 1, 24_000), 24_000));
            assertThat(file).exists();
        }

        assertThat(file).doesNotExist();
    }

    @Test
    void aPlannedTurnHasItsLengthButNoSound() {
        TurnAudio planned = TurnAudio.planned(1.5);

        assertThat(planned.length()).isEqualTo(36_000);
        assertThat(planned.read()).containsOnly(0f);
    }

    private static float[] padded(float[] speech) {
        float[] samples = new float[speech.length + 8_000];
        System.arraycopy(speech, 0, samples, 4_000, speech.length);
        return samples;
    }
}
