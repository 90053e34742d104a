package dev.podloom.audio;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Id3v2TagWriterTest {

    private static final List<Id3v2TagWriter.Chapter> CHAPTERS = List.of(
            new Id3v2TagWriter.Chapter("Introduction", 0, 61_250),
            new Id3v2TagWriter.Chapter("Why it matters", 61_250, 125_000),
            new Id3v2TagWriter.Chapter("Wrap-up", 125_000, 180_500));

    @Test
    void tagRoundTripsTextFramesCommentAndChapters() {
        byte[] tag = Id3v2TagWriter.write(new Id3v2TagWriter.Tag("Rust in 2026", "Tech Weekly", "Podloom",
                "https://example.org/a https://example.org/b", 180_500, "LAME 64 kbps", "Podloom", CHAPTERS));

        Id3v2Frames parsed = Id3v2Frames.parse(tag);

        assertThat(parsed.tagSize()).isEqualTo(tag.length - 10);
        assertThat(parsed.frames()).extracting(Id3v2Frames.Frame::id)
                .containsExactly("TIT2", "TALB", "TPE1", "TLEN", "TSSE", "TENC", "COMM", "CTOC", "CHAP", "CHAP", "CHAP");
        assertThat(parsed.text("TIT2")).isEqualTo("Rust in 2026");
        assertThat(parsed.text("TALB")).isEqualTo("Tech Weekly");
        assertThat(parsed.text("TPE1")).isEqualTo("Podloom");
        assertThat(parsed.text("TLEN")).isEqualTo("180500");
        byte[] comment = parsed.frame("COMM").body();
        assertThat(new String(comment, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("eng");
        assertThat(new String(comment, 5, comment.length - 5, StandardCharsets.ISO_8859_1))
                .isEqualTo("https://example.org/a https://example.org/b");
        assertThat(parsed.chapters()).containsExactly(
                new Id3v2Frames.ChapterFrame("chp0", 0, 61_250, "Introduction"),
                new Id3v2Frames.ChapterFrame("chp1", 61_250, 125_000, "Why it matters"),
                new Id3v2Frames.ChapterFrame("chp2", 125_000, 180_500, "Wrap-up"));
        assertThat(parsed.tableOfContents())
                .isEqualTo(new Id3v2Frames.TableOfContents("toc", 0x03, List.of("chp0", "chp1", "chp2")));
    }

    @Test
    void textOutsideLatin1IsWrittenAsUtf16WithByteOrderMark() {
        byte[] tag = Id3v2TagWriter.write(new Id3v2TagWriter.Tag("Łódź — 東京 ☕", null, "Podloom", "Ünïcödé ✓", 1000,
                null, null, List.of(new Id3v2TagWriter.Chapter("Café ☕", 0, 1000))));

        Id3v2Frames parsed = Id3v2Frames.parse(tag);

        assertThat(parsed.frame("TIT2").body()[0]).isEqualTo((byte) 1);
        assertThat(parsed.text("TIT2")).isEqualTo("Łódź — 東京 ☕");
        assertThat(parsed.chapters().getFirst().title()).isEqualTo("Café ☕");
        byte[] comment = parsed.frame("COMM").body();
        // encoding, language, empty description as BOM + two-byte terminator, then BOM + text
        assertThat(Arrays.copyOfRange(comment, 4, 8)).containsExactly(0xFF, 0xFE, 0, 0);
        assertThat(new String(comment, 8, comment.length - 8, StandardCharsets.UTF_16)).isEqualTo("Ünïcödé ✓");
        assertThat(parsed.frames()).extracting(Id3v2Frames.Frame::id).doesNotContain("TALB", "TSSE", "TENC");
    }

    @Test
    void tagWithoutChaptersHasNoTableOfContents() {
        byte[] tag = Id3v2TagWriter.write(new Id3v2TagWriter.Tag("Solo", null, "Podloom", null, 5, null, null, List.of()));

        assertThat(Id3v2Frames.parse(tag).frames()).extracting(Id3v2Frames.Frame::id)
                .containsExactly("TIT2", "TPE1", "TLEN");
    }

    @Test
    void synchsafeSizesUseSevenBitsPerByte() {
        assertThat(Id3v2TagWriter.synchsafe(127)).containsExactly(0, 0, 0, 127);
        assertThat(Id3v2TagWriter.synchsafe(128)).containsExactly(0, 0, 1, 0);
        assertThat(Id3v2TagWriter.synchsafe(255)).containsExactly(0, 0, 1, 127);
        assertThat(Id3v2TagWriter.synchsafe((1 << 28) - 1)).containsExactly(127, 127, 127, 127);
        assertThatThrownBy(() -> Id3v2TagWriter.synchsafe(1 << 28)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void moreChaptersThanATableOfContentsCanListAreRejected() {
        List<Id3v2TagWriter.Chapter> chapters = java.util.stream.IntStream.range(0, 256)
                .mapToObj(i -> new Id3v2TagWriter.Chapter("c" + i, i, i + 1)).toList();

        assertThatThrownBy(() -> Id3v2TagWriter.write(new Id3v2TagWriter.Tag("t", null, "a", null, 1, null, null, chapters)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
