package dev.podloom.audio;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.Segment;
import dev.podloom.testsupport.ExternalTool;
import dev.podloom.testsupport.RequiresTool;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Encodes one short two-host episode of real (FreeTTS) speech and checks every file it produced. */
class Mp3EpisodeEncoderTest {

    @TempDir
    static Path dir;

    private static List<SpokenTurn> turns;
    private static EpisodeMetadata metadata;
    private static EncodedEpisode episode;
    private static double planned;

    @BeforeAll
    static void encodeAnEpisode() throws IOException {
        turns = List.of(
                turn("Ada", "Welcome to the show. Today we look at how podcasts are mastered."),
                turn("Ben", "Thanks, Ada. It starts with loudness."),
                turn("Ben", "Every episode should sound equally loud."),
                turn("Ada", "And then we talk about chapters & transcripts."));
        metadata = new EpisodeMetadata("Mastering <podcasts>", "Podloom Weekly",
                "https://example.org/mastering", List.of(new Segment("Loudness", 0), new Segment("Chapters", 3)));
        Mp3EpisodeEncoder encoder = new Mp3EpisodeEncoder();
        planned = encoder.plannedDurationSeconds(turns, metadata.segments());
        episode = encoder.encode(turns, metadata, dir, "episode");
    }

    @Test
    void masteredAudioMeasuresMinus16LufsWithTruePeakAtMostMinus1Dbtp() {
        assertThat(episode.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(episode.truePeakDbtp()).isLessThanOrEqualTo(-1 - Mp3EpisodeEncoder.CODEC_HEADROOM_DB);
    }

    @Test
    void plannedDurationIsTheEncodedDuration() {
        assertThat(planned).isCloseTo(episode.durationSeconds(), within(0.05));
        double speech = turns.stream().mapToDouble(t -> t.audio().durationSeconds()).sum();
        assertThat(episode.durationSeconds()).isBetween(1.0, speech + 3.0);
    }

    @Test
    void writesAnId3TaggedChainOfValid64kbpsMonoFrames() throws IOException {
        byte[] file = Files.readAllBytes(episode.mp3());
        assertThat(episode.mp3Bytes()).isEqualTo(file.length);

        Id3v2Frames tag = Id3v2Frames.parse(file);
        Mp3Frames frames = Mp3Frames.scan(file, 10 + tag.tagSize());

        assertThat(frames.sampleRate()).isEqualTo(24_000);
        assertThat(frames.bitrateKbps()).isEqualTo(64);
        assertThat(frames.mono()).isTrue();
        assertThat(frames.samples()).isBetween(Math.round(episode.durationSeconds() * 24_000),
                Math.round(episode.durationSeconds() * 24_000) + 5 * 576); // encoder delay and padding
        assertThat(tag.text("TIT2")).isEqualTo("Mastering <podcasts>");
        assertThat(tag.text("TALB")).isEqualTo("Podloom Weekly");
        assertThat(tag.text("TPE1")).isEqualTo("Podloom");
        assertThat(Long.parseLong(tag.text("TLEN"))).isEqualTo(Math.round(episode.durationSeconds() * 1000));
        assertThat(tag.chapters()).extracting(Id3v2Frames.ChapterFrame::title).containsExactly("Loudness", "Chapters");
        assertThat(tag.chapters().getFirst().startMillis()).isZero();
        assertThat(tag.chapters().getLast().endMillis()).isEqualTo(Math.round(episode.durationSeconds() * 1000));
        assertThat(tag.chapters().get(0).endMillis()).isEqualTo(tag.chapters().get(1).startMillis());
    }

    @Test
    void transcriptCuesAreOrderedVoiceTaggedAndWithinTheEpisode() throws IOException {
        String vtt = Files.readString(episode.transcript());
        List<WebVttTranscriptTest.Cue> cues = WebVttTranscriptTest.cues(vtt);

        assertThat(vtt).startsWith("WEBVTT\n");
        assertThat(cues).hasSizeGreaterThanOrEqualTo(turns.size());
        assertThat(cues.getFirst().startMillis()).isGreaterThanOrEqualTo(500);
        assertThat(cues.getLast().endMillis()).isLessThanOrEqualTo(Math.round(episode.durationSeconds() * 1000));
        for (int i = 0; i < cues.size(); i++) {
            assertThat(cues.get(i).endMillis()).isGreaterThan(cues.get(i).startMillis());
            if (i > 0) {
                assertThat(cues.get(i).startMillis()).isGreaterThanOrEqualTo(cues.get(i - 1).endMillis());
            }
        }
        assertThat(cues).extracting(WebVttTranscriptTest.Cue::speaker).containsOnly("Ada", "Ben");
        assertThat(vtt).contains("<v Ada>And then we talk about chapters &amp; transcripts.");
    }

    @Test
    void chaptersJsonListsTheSegmentsWithTheirStartTimes() throws IOException {
        List<String> titles = new ArrayList<>();
        List<Double> starts = new ArrayList<>();
        try (JsonParser json = new JsonFactory().createParser(episode.chapters().toFile())) {
            for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                if (token == JsonToken.FIELD_NAME && json.currentName().equals("title")) {
                    titles.add(json.nextTextValue());
                } else if (token == JsonToken.FIELD_NAME && json.currentName().equals("startTime")) {
                    json.nextToken();
                    starts.add(json.getDoubleValue());
                }
            }
        }
        Id3v2Frames tag = Id3v2Frames.parse(Files.readAllBytes(episode.mp3()));

        assertThat(Files.readString(episode.chapters())).startsWith("{\"version\":\"1.2.0\",\"chapters\":[");
        assertThat(titles).containsExactly("Loudness", "Chapters");
        assertThat(starts).containsExactly(0.0, tag.chapters().get(1).startMillis() / 1000.0);
    }

    @Test
    void reportsTheTimeSpentMasteringAndEncoding() {
        assertThat(episode.stageMillis()).containsOnlyKeys("master", "encode");
        assertThat(episode.stageMillis().values()).allSatisfy(ms -> assertThat(ms).isNotNegative());
    }

    @Test
    void peakyLoudInputIsLimitedToTheCeilingAndStillHitsTheTarget(@TempDir Path out) throws IOException {
        float[] hot = turns.getFirst().audio().read();
        for (int i = 0; i < hot.length; i++) {
            hot[i] *= 6; // far past full scale: only a limiter gets this to −1 dBTP at −16 LUFS
        }
        hot[hot.length / 2] = 8;
        List<SpokenTurn> hotTurns = List.of(new SpokenTurn("Ada", "Loud.", new AudioClip(hot, 24_000)));

        EncodedEpisode loud = new Mp3EpisodeEncoder().encode(hotTurns,
                new EpisodeMetadata("Loud", null, null, List.of()), out, "loud");

        assertThat(loud.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(loud.truePeakDbtp()).isLessThanOrEqualTo(-1);
    }

    @Test
    @RequiresTool("ffprobe")
    void ffprobeReadsAMono24kHzMp3WithTitleAndChapters() {
        String json = ExternalTool.run("ffprobe", "-v", "error", "-show_chapters", "-show_format", "-show_streams",
                "-of", "json", episode.mp3().toString());

        assertThat(json).contains("\"format_name\": \"mp3\"", "\"codec_name\": \"mp3\"", "\"channels\": 1",
                "\"sample_rate\": \"24000\"", "\"title\": \"Mastering <podcasts>\"", "\"album\": \"Podloom Weekly\"",
                "\"title\": \"Loudness\"", "\"title\": \"Chapters\"");
        Matcher duration = Pattern.compile("\"duration\": \"([0-9.]+)\"").matcher(json.substring(json.indexOf("\"format\"")));
        assertThat(duration.find()).isTrue();
        assertThat(Double.parseDouble(duration.group(1)))
                .isCloseTo(episode.durationSeconds(), within(episode.durationSeconds() * 0.01));
        assertThat(Pattern.compile("\"id\": ").matcher(json).results().count()).isEqualTo(2);
    }

    @Test
    @RequiresTool("ffmpeg")
    void decodesGaplessToExactlyTheEncodedSamples(@TempDir Path out) throws IOException {
        Path wav = out.resolve("decoded.wav");
        ExternalTool.run("ffmpeg", "-v", "error", "-i", episode.mp3().toString(), wav.toString());

        AudioClip decoded = TestAudio.readWav(wav);

        assertThat(decoded.sampleRate()).isEqualTo(24_000);
        assertThat(decoded.samples().length).isEqualTo(Math.round(episode.durationSeconds() * 24_000));
    }

    @Test
    @RequiresTool("ffmpeg")
    void ffmpegMeasuresThePublishedMp3AtMinus16LufsAndUnderMinus1Dbtp() {
        TestAudio.Ebur128 measured = TestAudio.ffmpegEbur128(episode.mp3());

        assertThat(measured.integratedLufs()).isCloseTo(-16, within(0.5));
        assertThat(measured.truePeakDbtp()).isLessThanOrEqualTo(-1);
    }

    private static SpokenTurn turn(String speaker, String text) throws IOException {
        return new SpokenTurn(speaker, text, TestAudio.speak(text, dir));
    }
}
