package dev.podloom.audio;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A minimal ID3v2.3 reader for the tests: splits a tag into frames and decodes the ones we write. */
record Id3v2Frames(int tagSize, List<Frame> frames) {

    record Frame(String id, byte[] body) {

        String text() {
            return decode(body[0], Arrays.copyOfRange(body, 1, body.length));
        }
    }

    record ChapterFrame(String elementId, long startMillis, long endMillis, String title) {
    }

    record TableOfContents(String elementId, int flags, List<String> children) {
    }

    static Id3v2Frames parse(byte[] file) {
        if (file[0] != 'I' || file[1] != 'D' || file[2] != '3' || file[3] != 3) {
            throw new IllegalArgumentException("not an ID3v2.3 tag");
        }
        for (int i = 6; i < 10; i++) {
            if ((file[i] & 0x80) != 0) {
                throw new IllegalArgumentException("size byte " + i + " is not synchsafe");
            }
        }
        int size = (file[6] << 21) | (file[7] << 14) | (file[8] << 7) | file[9];
        return new Id3v2Frames(size, frames(Arrays.copyOfRange(file, 10, 10 + size)));
    }

    static List<Frame> frames(byte[] data) {
        List<Frame> frames = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.remaining() >= 10 && buffer.get(buffer.position()) != 0) {
            byte[] id = new byte[4];
            buffer.get(id);
            int length = buffer.getInt();
            buffer.getShort();
            byte[] body = new byte[length];
            buffer.get(body);
            frames.add(new Frame(new String(id, StandardCharsets.ISO_8859_1), body));
        }
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException(buffer.remaining() + " bytes after the last frame");
        }
        return frames;
    }

    String text(String id) {
        return frame(id).text();
    }

    Frame frame(String id) {
        return frames.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    List<ChapterFrame> chapters() {
        return frames.stream().filter(f -> f.id().equals("CHAP")).map(f -> {
            ByteBuffer body = ByteBuffer.wrap(f.body());
            String elementId = terminated(body);
            long start = body.getInt() & 0xFFFFFFFFL;
            long end = body.getInt() & 0xFFFFFFFFL;
            body.getInt();
            body.getInt();
            byte[] rest = new byte[body.remaining()];
            body.get(rest);
            String title = frames(rest).stream().filter(s -> s.id().equals("TIT2")).findFirst().orElseThrow().text();
            return new ChapterFrame(elementId, start, end, title);
        }).toList();
    }

    TableOfContents tableOfContents() {
        ByteBuffer body = ByteBuffer.wrap(frame("CTOC").body());
        String elementId = terminated(body);
        int flags = body.get() & 0xFF;
        int count = body.get() & 0xFF;
        List<String> children = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            children.add(terminated(body));
        }
        return new TableOfContents(elementId, flags, children);
    }

    private static String terminated(ByteBuffer buffer) {
        StringBuilder text = new StringBuilder();
        for (byte b = buffer.get(); b != 0; b = buffer.get()) {
            text.append((char) (b & 0xFF));
        }
        return text.toString();
    }

    private static String decode(byte encoding, byte[] bytes) {
        return switch (encoding) {
            case 0 -> new String(bytes, StandardCharsets.ISO_8859_1);
            case 1 -> new String(bytes, StandardCharsets.UTF_16); // honours the byte-order mark
            default -> throw new IllegalArgumentException("encoding " + encoding + " is not ID3v2.3");
        };
    }
}
