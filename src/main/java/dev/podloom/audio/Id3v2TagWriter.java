package dev.podloom.audio;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes an ID3v2.3 tag with text frames, a comment and chapters (CHAP frames with an embedded TIT2, listed by
 * one top-level, ordered CTOC), per the ID3v2 chapter frame addendum 1.0.
 *
 * <p>Hand-written because none of the maintained Java tag libraries reachable here (mp3agic, jaudiotagger)
 * writes CHAP/CTOC, and the format is small. Version 2.3 rather than 2.4 because it is what podcast apps
 * and older players read most reliably; in 2.3 only the tag size is synchsafe, frame sizes are plain 32-bit.
 * Text is ISO-8859-1 when it fits, otherwise UTF-16 with a byte-order mark (2.3 has no UTF-8).
 */
public final class Id3v2TagWriter {

    /** Largest value a 4-byte synchsafe integer holds (28 bits). */
    private static final int MAX_SYNCHSAFE = (1 << 28) - 1;
    /** A CTOC lists its children with a one-byte count. */
    private static final int MAX_CHAPTERS = 255;
    private static final byte[] NO_BYTE_OFFSET = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    /** One chapter; times in milliseconds from the start of the audio. */
    public record Chapter(String title, long startMillis, long endMillis) {
    }

    /**
     * Tag content; {@code album}, {@code comment}, {@code encoderSettings} and {@code encodedBy} may be null
     * and are then left out, as are chapters when the list is empty.
     */
    public record Tag(String title, String album, String artist, String comment, long lengthMillis,
                      String encoderSettings, String encodedBy, List<Chapter> chapters) {
        public Tag {
            chapters = List.copyOf(chapters);
        }
    }

    private Id3v2TagWriter() {
    }

    public static byte[] write(Tag tag) {
        if (tag.chapters().size() > MAX_CHAPTERS) {
            throw new IllegalArgumentException("ID3 tables of contents hold at most " + MAX_CHAPTERS + " chapters");
        }
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        textFrame(frames, "TIT2", tag.title());
        textFrame(frames, "TALB", tag.album());
        textFrame(frames, "TPE1", tag.artist());
        textFrame(frames, "TLEN", Long.toString(tag.lengthMillis()));
        textFrame(frames, "TSSE", tag.encoderSettings());
        textFrame(frames, "TENC", tag.encodedBy());
        if (tag.comment() != null) {
            frame(frames, "COMM", comment(tag.comment()));
        }
        if (!tag.chapters().isEmpty()) {
            frame(frames, "CTOC", tableOfContents(tag.chapters().size()));
            for (int i = 0; i < tag.chapters().size(); i++) {
                frame(frames, "CHAP", chapter(i, tag.chapters().get(i)));
            }
        }
        byte[] body = frames.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(10 + body.length);
        out.writeBytes(new byte[]{'I', 'D', '3', 3, 0, 0});
        out.writeBytes(synchsafe(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** Seven bits per byte, most significant first, so no byte of the size looks like an MPEG sync. */
    static byte[] synchsafe(int value) {
        if (value < 0 || value > MAX_SYNCHSAFE) {
            throw new IllegalArgumentException("ID3 tag too large: " + value + " bytes");
        }
        return new byte[]{(byte) (value >> 21 & 0x7F), (byte) (value >> 14 & 0x7F), (byte) (value >> 7 & 0x7F),
                (byte) (value & 0x7F)};
    }

    static String chapterId(int index) {
        return "chp" + index;
    }

    private static byte[] tableOfContents(int chapters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(latin1Terminated("toc"));
        body.write(0x03); // top-level, ordered
        body.write(chapters);
        for (int i = 0; i < chapters; i++) {
            body.writeBytes(latin1Terminated(chapterId(i)));
        }
        return body.toByteArray();
    }

    private static byte[] chapter(int index, Chapter chapter) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(latin1Terminated(chapterId(index)));
        body.writeBytes(int32(chapter.startMillis()));
        body.writeBytes(int32(chapter.endMillis()));
        body.writeBytes(NO_BYTE_OFFSET);
        body.writeBytes(NO_BYTE_OFFSET);
        textFrame(body, "TIT2", chapter.title());
        return body.toByteArray();
    }

    private static byte[] comment(String text) {
        boolean latin1 = isLatin1(text);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(latin1 ? 0 : 1);
        body.writeBytes("eng".getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(encoded("", latin1));
        body.writeBytes(latin1 ? new byte[]{0} : new byte[]{0, 0}); // end of the empty description
        body.writeBytes(encoded(text, latin1));
        return body.toByteArray();
    }

    private static void textFrame(ByteArrayOutputStream out, String id, String text) {
        if (text == null) {
            return;
        }
        boolean latin1 = isLatin1(text);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(latin1 ? 0 : 1);
        body.writeBytes(encoded(text, latin1));
        frame(out, id, body.toByteArray());
    }

    private static void frame(ByteArrayOutputStream out, String id, byte[] body) {
        out.writeBytes(id.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(int32(body.length));
        out.write(0);
        out.write(0);
        out.writeBytes(body);
    }

    private static byte[] encoded(String text, boolean latin1) {
        if (latin1) {
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        out.writeBytes(text.getBytes(StandardCharsets.UTF_16LE));
        return out.toByteArray();
    }

    private static byte[] latin1Terminated(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] terminated = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, terminated, 0, bytes.length);
        return terminated;
    }

    private static byte[] int32(long value) {
        return new byte[]{(byte) (value >> 24), (byte) (value >> 16), (byte) (value >> 8), (byte) value};
    }

    private static boolean isLatin1(String text) {
        return text.chars().allMatch(c -> c <= 0xFF);
    }
}
