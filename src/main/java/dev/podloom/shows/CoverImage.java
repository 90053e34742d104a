package dev.podloom.shows;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules for show artwork (Apple's: square, 1400 to 3000 px; at most 10 MB) and reading an image's real
 * size from its header, without decoding the pixels.
 */
public final class CoverImage {

    public static final long MAX_BYTES = 10L * 1024 * 1024;
    public static final int MIN_SIDE = 1400;
    public static final int MAX_SIDE = 3000;

    public enum Format {
        JPEG("image/jpeg", "jpg"), PNG("image/png", "png"), WEBP("image/webp", "webp");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() {
            return contentType;
        }

        public String extension() {
            return extension;
        }

        /** The format of a {@code Content-Type} value, parameters ignored ({@code image/jpg} accepted too). */
        public static Optional<Format> ofContentType(String value) {
            if (value == null) {
                return Optional.empty();
            }
            String type = value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("image/jpg")) {
                return Optional.of(JPEG);
            }
            return Arrays.stream(values()).filter(f -> f.contentType.equals(type)).findFirst();
        }

        public static Optional<Format> ofExtension(String extension) {
            return Arrays.stream(values()).filter(f -> f.extension.equals(extension)).findFirst();
        }
    }

    public record Dimensions(int width, int height) {
    }

    /** The image cannot be read as the format it was sent as. */
    public static final class UnreadableImageException extends Exception {
        UnreadableImageException(String message) {
            super(message);
        }
    }

    private CoverImage() {
    }

    /** Why the dimensions are not acceptable artwork, or empty when they are. */
    public static Optional<String> problem(Dimensions d) {
        if (d.width() != d.height()) {
            return Optional.of("The cover image must be square; it is " + d.width() + "×" + d.height() + " px.");
        }
        if (d.width() < MIN_SIDE || d.width() > MAX_SIDE) {
            return Optional.of("The cover image must be between " + MIN_SIDE + "×" + MIN_SIDE + " and " + MAX_SIDE
                    + "×" + MAX_SIDE + " px; it is " + d.width() + "×" + d.height() + " px.");
        }
        return Optional.empty();
    }

    /**
     * A WebP cover re-encoded as PNG (Apple Podcasts takes only JPEG and PNG), decoded by TwelveMonkeys' pure-Java
     * WebP reader (registered with ImageIO through its service file).
     */
    public static byte[] webpToPng(byte[] webp) throws UnreadableImageException {
        java.awt.image.BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(webp));
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("The body is not a readable WebP image.");
        }
        if (image == null) {
            throw new UnreadableImageException("The body is not a readable WebP image.");
        }
        var out = new java.io.ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static Dimensions dimensions(Format format, byte[] bytes) throws UnreadableImageException {
        return format == Format.WEBP ? webpDimensions(bytes) : imageIoDimensions(format, bytes);
    }

    /** JPEG and PNG through the JDK's own readers, which read the size from the header alone. */
    private static Dimensions imageIoDimensions(Format format, byte[] bytes) throws UnreadableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            while (readers.hasNext()) {
                ImageReader reader = readers.next();
                try {
                    String name = reader.getFormatName().toLowerCase(Locale.ROOT);
                    boolean matches = format == Format.PNG ? name.equals("png") : name.startsWith("jp");
                    if (matches) {
                        reader.setInput(in, true, true);
                        return new Dimensions(reader.getWidth(0), reader.getHeight(0));
                    }
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new UnreadableImageException("The body is not a readable " + format.name() + " image.");
        }
        throw new UnreadableImageException("The body is not a " + format.name() + " image.");
    }

    /**
     * WebP, read from its RIFF header by hand: the JDK has no WebP reader and a decoder library would be a large
     * dependency for three fixed header layouts (RFC 9649 §2.5–2.7): lossy {@code VP8 } keeps 14-bit sizes after a
     * start code, lossless {@code VP8L} packs (size − 1) in 14-bit fields, extended {@code VP8X} stores the canvas
     * size − 1 in 24-bit fields.
     */
    static Dimensions webpDimensions(byte[] b) throws UnreadableImageException {
        if (b.length < 30 || !ascii(b, 0, "RIFF") || !ascii(b, 8, "WEBP")) {
            throw new UnreadableImageException("The body is not a WebP image (no RIFF/WEBP header).");
        }
        int data = 20; // after "RIFF", size, "WEBP", the first chunk's FourCC and size
        if (ascii(b, 12, "VP8 ")) {
            if ((b[data + 3] & 0xff) != 0x9d || (b[data + 4] & 0xff) != 0x01 || (b[data + 5] & 0xff) != 0x2a) {
                throw new UnreadableImageException("The WebP image has a damaged VP8 frame header.");
            }
            return new Dimensions(le16(b, data + 6) & 0x3fff, le16(b, data + 8) & 0x3fff);
        }
        if (ascii(b, 12, "VP8L")) {
            if ((b[data] & 0xff) != 0x2f) {
                throw new UnreadableImageException("The WebP image has a damaged VP8L header.");
            }
            int bits = le16(b, data + 1) | le16(b, data + 3) << 16;
            return new Dimensions((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
        }
        if (ascii(b, 12, "VP8X")) {
            return new Dimensions(le24(b, data + 4) + 1, le24(b, data + 7) + 1);
        }
        throw new UnreadableImageException("The WebP image has an unknown first chunk.");
    }

    private static boolean ascii(byte[] b, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (b[offset + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int le16(byte[] b, int offset) {
        return (b[offset] & 0xff) | (b[offset + 1] & 0xff) << 8;
    }

    private static int le24(byte[] b, int offset) {
        return le16(b, offset) | (b[offset + 2] & 0xff) << 16;
    }
}
