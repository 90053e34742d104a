package dev.podloom.audio;

import dev.podloom.pipeline.Segment;
import dev.podloom.pipeline.ShowAudio;
import dev.podloom.testsupport.AudioProbe;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Encodes a short two-host episode of real (FreeTTS) speech with a show's intro (1 kHz + 1.5 kHz), outro (2 kHz +
 * 2.5 kHz) and bed (a 9 kHz tone, above anything a 16 kHz voice says), and measures the MP3 with ffmpeg.
 */
@RequiresTool("ffmpeg")
class ShowMixTest {

    private static final int RATE = Mp3EpisodeEncoder.SAMPLE_RATE;
    private static final double INTRO_SECONDS = 3;
    private static final double OUTRO_SECONDS = 2.5;
    private static final Pattern CUE = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3}) --> (\\d\\d):(\\d\\d):(\\d\\d\\.\\d{3})");

    @TempDir
    static Path dir;

    private static List<SpokenTurn> turns;
    private static EncodedEpisode plain;
    private static EncodedEpisode mixed;

    @BeforeAll
    static void encodeWithAndWithoutTheShowsAudio() throws IOException {
        turns = List.of(
                turn("Ada", "Welcome to the show. Today we look at how podcasts are mastered, and why it matters."),
                turn("Ben", "Thanks, Ada. It starts with loudness, measured over the whole episode."),
                turn("Ada", "And the music bed stays well under the voices while anyone speaks."),
                turn("Ben", "Then the outro plays, and we are done for today."));
        List<Segment> segments = List.of(new Segment("Loudness", 0), new Segment("Music", 2));
        Path intro = Files.write(dir.resolve("intro.wav"),
                AudioFiles.wav(new dev.podloom.pipeline.AudioClip(AudioProbe.chord(INTRO_SECONDS, RATE, 0.8, 1000, 1500), RATE)));
        Path outro = Files.write(dir.resolve("outro.wav"),
                AudioFiles.wav(new dev.podloom.pipeline.AudioClip(AudioProbe.chord(OUTRO_SECONDS, RATE, 0.8, 2000, 2500), RATE)));
        Path bed = Files.write(dir.resolve("bed.wav"),
                AudioFiles.wav(new dev.podloom.pipeline.AudioClip(AudioProbe.chord(4, RATE, 0.5, 9000), RATE)));
        Mp3EpisodeEncoder encoder = new Mp3EpisodeEncoder();
        plain = encoder.encode(turns, new EpisodeMetadata("Plain", "Show", "", segments), dir.resolve("plain"), "episode");
        mixed = encoder.encode(turns, new EpisodeMetadata("Mixed", "Show", "", segments,
                new ShowAudio(intro, outro, bed)), dir.resolve("mixed"), "episode");
    }

    @Test
    void theEpisodeStartsWithTheIntroAndEndsWithTheOutro() {
        Path mp3 = mixed.mp3();
        double end = AudioProbe.durationSeconds(mp3);
        AudioProbe.Levels all = AudioProbe.levels(mp3);
        AudioProbe.Levels band1000 = AudioProbe.bandLevels(mp3, 1000);
        AudioProbe.Levels band2000 = AudioProbe.bandLevels(mp3, 2000);
        AudioProbe.Levels band9000 = AudioProbe.bandLevels(mp3, 9000);
        double introAll = all.db(0.3, INTRO_SECONDS - 0.3);
        assertThat(band1000.db(0.3, INTRO_SECONDS - 0.3)).isGreaterThan(introAll - 4);
        assertThat(band9000.db(0.3, INTRO_SECONDS - 0.3)).isLessThan(introAll - 40);
        double outroAll = all.db(end - OUTRO_SECONDS + 0.3, end - 0.3);
        assertThat(band2000.db(end - OUTRO_SECONDS + 0.3, end - 0.3)).isGreaterThan(outroAll - 4);
        assertThat(introAll).isGreaterThan(-25);
        assertThat(outroAll).isGreaterThan(-25);
    }

    @Test
    void theEpisodeIsLongerByTheIntroTheOutroAndTheBedsLeadAndTail() {
        double added = INTRO_SECONDS + OUTRO_SECONDS + ShowMix.BED_LEAD_SECONDS + ShowMix.BED_TAIL_SECONDS;
        assertThat(mixed.durationSeconds() - plain.durationSeconds()).isCloseTo(added, within(0.01));
    }

    @Test
    void transcriptAndChaptersMoveByTheIntroAndTheBedsLead() throws IOException {
        double shift = INTRO_SECONDS + ShowMix.BED_LEAD_SECONDS;
        List<double[]> before = cues(plain.transcript());
        List<double[]> after = cues(mixed.transcript());
        assertThat(after).hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i)[0]).isCloseTo(before.get(i)[0] + shift, within(0.002));
            assertThat(after.get(i)[1]).isCloseTo(before.get(i)[1] + shift, within(0.002));
        }
        String chapters = Files.readString(mixed.chapters());
        assertThat(chapters).contains("\"startTime\":0.0");
        assertThat(chapters).contains("\"endTime\":" + Math.round(mixed.durationSeconds() * 1000) / 1000.0);
    }

    @Test
    void theBedIsAudibleBetweenTurnsAndAtLeast15DbUnderTheSpeech() throws IOException {
        Path mp3 = mixed.mp3();
        AudioProbe.Levels all = AudioProbe.levels(mp3);
        AudioProbe.Levels band9000 = AudioProbe.bandLevels(mp3, 9000);
        List<double[]> cues = cues(mixed.transcript());
        // Alone between the intro and the first turn.
        double leadStart = INTRO_SECONDS + 0.8;
        assertThat(band9000.db(leadStart, cues.getFirst()[0] - 0.2)).isGreaterThan(-45);
        for (int i = 0; i < cues.size(); i++) {
            double[] cue = cues.get(i);
            double speech = all.db(cue[0], cue[1]);
            double bed = band9000.db(cue[0], cue[1]);
            assertThat(speech - bed).as("speech over bed in cue %d", i).isGreaterThanOrEqualTo(15);
            if (i > 0 && cue[0] - cues.get(i - 1)[1] >= 0.15) {
                double gap = band9000.db(cues.get(i - 1)[1] + 0.02, cue[0] - 0.02);
                assertThat(gap).as("bed before cue %d", i).isGreaterThan(-55);
            }
        }
    }

    @Test
    void theMixLandsAtMinus16LufsUnderMinus1DbtpOnThePublishedMp3() {
        double[] measured = AudioProbe.ebur128(mixed.mp3());
        assertThat(measured[0]).isCloseTo(-16, within(1.0));
        assertThat(measured[1]).isLessThanOrEqualTo(-1.0);
        assertThat(mixed.integratedLufs()).isCloseTo(-16, within(0.5));
    }

    private static List<double[]> cues(Path vtt) throws IOException {
        Matcher m = CUE.matcher(Files.readString(vtt));
        List<double[]> cues = new java.util.ArrayList<>();
        while (m.find()) {
            cues.add(new double[]{seconds(m, 1), seconds(m, 4)});
        }
        return cues;
    }

    private static double seconds(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) * 3600 + Integer.parseInt(m.group(group + 1)) * 60
                + Double.parseDouble(m.group(group + 2));
    }

    private static SpokenTurn turn(String speaker, String text) throws IOException {
        return new SpokenTurn(speaker, text, TestAudio.speak(text, dir));
    }
}
