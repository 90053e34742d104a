package dev.podloom.shows;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoverImageTest {

    @Test
    void pngAndJpegSizesAreReadFromTheRealImage() throws Exception {
        assertThat(CoverImage.dimensions(CoverImage.Format.PNG, image("png", 1500, 1400)))
                .isEqualTo(new CoverImage.Dimensions(1500, 1400));
        assertThat(CoverImage.dimensions(CoverImage.Format.JPEG, image("jpg", 1400, 1400)))
                .isEqualTo(new CoverImage.Dimensions(1400, 1400));
    }

    @Test
    void anImageSentWithTheWrongTypeIsUnreadable() throws Exception {
        byte[] png = image("png", 20, 20);
        assertThatThrownBy(() -> CoverImage.dimensions(CoverImage.Format.JPEG, png))
                .isInstanceOf(CoverImage.UnreadableImageException.class);
        assertThatThrownBy(() -> CoverImage.dimensions(CoverImage.Format.WEBP, png))
                .isInstanceOf(CoverImage.UnreadableImageException.class);
    }

    @Test
    void lossyWebpSizesComeFromTheVp8FrameHeader() throws Exception {
        byte[] data = new byte[10];
        data[3] = (byte) 0x9d;
        data[4] = 0x01;
        data[5] = 0x2a;
        le16(data, 6, 1600 | 0x4000); // the top two bits are the scale, not the size
        le16(data, 8, 1600);
        assertThat(CoverImage.webpDimensions(webp("VP8 ", data))).isEqualTo(new CoverImage.Dimensions(1600, 1600));
    }

    @Test
    void losslessWebpSizesComeFromTheVp8lBitfields() throws Exception {
        int width = 3000;
        int height = 2999;
        int bits = (width - 1) | (height - 1) << 14;
        byte[] data = {0x2f, (byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24), 0, 0, 0, 0, 0};
        assertThat(CoverImage.webpDimensions(webp("VP8L", data))).isEqualTo(new CoverImage.Dimensions(3000, 2999));
    }

    @Test
    void extendedWebpSizesComeFromTheVp8xCanvas() throws Exception {
        byte[] data = new byte[10];
        le24(data, 4, 2048 - 1);
        le24(data, 7, 2048 - 1);
        assertThat(CoverImage.webpDimensions(webp("VP8X", data))).isEqualTo(new CoverImage.Dimensions(2048, 2048));
    }

    @Test
    void aTruncatedOrForeignRiffFileIsNotAWebp() {
        assertThatThrownBy(() -> CoverImage.webpDimensions("RIFF".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(CoverImage.UnreadableImageException.class);
        byte[] wave = webp("VP8 ", new byte[10]);
        System.arraycopy("WAVE".getBytes(StandardCharsets.US_ASCII), 0, wave, 8, 4);
        assertThatThrownBy(() -> CoverImage.webpDimensions(wave)).isInstanceOf(CoverImage.UnreadableImageException.class);
    }

    @Test
    void onlySquareImagesFrom1400To3000PixelsAreAccepted() {
        assertThat(CoverImage.problem(new CoverImage.Dimensions(1400, 1400))).isEmpty();
        assertThat(CoverImage.problem(new CoverImage.Dimensions(3000, 3000))).isEmpty();
        assertThat(CoverImage.problem(new CoverImage.Dimensions(1500, 1400))).hasValueSatisfying(
                m -> assertThat(m).contains("square").contains("1500×1400"));
        assertThat(CoverImage.problem(new CoverImage.Dimensions(1399, 1399))).hasValueSatisfying(
                m -> assertThat(m).contains("1399×1399"));
        assertThat(CoverImage.problem(new CoverImage.Dimensions(3001, 3001))).isPresent();
    }

    @Test
    void contentTypesMapToFormatsIgnoringParametersAndCase() {
        assertThat(CoverImage.Format.ofContentType("image/PNG; charset=binary")).contains(CoverImage.Format.PNG);
        assertThat(CoverImage.Format.ofContentType("image/jpg")).contains(CoverImage.Format.JPEG);
        assertThat(CoverImage.Format.ofContentType("image/gif")).isEmpty();
        assertThat(CoverImage.Format.ofContentType(null)).isEmpty();
    }

    static byte[] image(String format, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, out)).isTrue();
        return out.toByteArray();
    }

    /** A RIFF/WEBP container whose first chunk is {@code fourCc} with {@code data}. */
    static byte[] webp(String fourCc, byte[] data) {
        byte[] b = new byte[20 + data.length];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        le24(b, 4, b.length - 8);
        System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 4);
        System.arraycopy(fourCc.getBytes(StandardCharsets.US_ASCII), 0, b, 12, 4);
        le24(b, 16, data.length);
        System.arraycopy(data, 0, b, 20, data.length);
        return b;
    }

    private static void le16(byte[] b, int offset, int value) {
        b[offset] = (byte) value;
        b[offset + 1] = (byte) (value >>> 8);
    }

    private static void le24(byte[] b, int offset, int value) {
        le16(b, offset, value);
        b[offset + 2] = (byte) (value >>> 16);
    }
}
