package dev.podloom.shows;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The cover a show gets until it uploads one: a square PNG of {@value #SIDE} px (inside Apple's 1400–3000 px) with
 * the show's title in white on a colour of its own, derived from the show's public id so it never changes. Drawn
 * with Java2D, headless.
 */
public final class GeneratedCover {

    public static final int SIDE = 1400;
    private static final int MARGIN = 140;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private GeneratedCover() {
    }

    /** The background colour of {@code seed}'s cover: a hue of its own, dark enough for white text. */
    public static Color colour(String seed) {
        int hash = seed.hashCode() * 0x9E3779B1;
        float hue = (hash >>> 8) / (float) (1 << 24);
        return Color.getHSBColor(hue, 0.62f, 0.42f);
    }

    /** The PNG bytes of the cover for a show titled {@code title} whose colour comes from {@code seed}. */
    public static byte[] png(String title, String seed) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            Color background = colour(seed);
            g.setColor(background);
            g.fillRect(0, 0, SIDE, SIDE);
            g.setColor(background.brighter());
            g.fillRect(MARGIN, SIDE - MARGIN - 24, SIDE - 2 * MARGIN, 24);
            g.setColor(Color.WHITE);
            String text = title == null || title.isBlank() ? "Podcast" : title.strip();
            int size = 150;
            List<String> lines;
            FontMetrics metrics;
            do {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
                metrics = g.getFontMetrics();
                lines = wrap(text, metrics, SIDE - 2 * MARGIN);
                size -= 10;
            } while (size > 40 && lines.size() * metrics.getHeight() > SIDE - 3 * MARGIN);
            int y = (SIDE - lines.size() * metrics.getHeight()) / 2 + metrics.getAscent();
            for (String line : lines) {
                g.drawString(line, (SIDE - metrics.stringWidth(line)) / 2, y);
                y += metrics.getHeight();
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static List<String> wrap(String text, FontMetrics metrics, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split("\\s+")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (metrics.stringWidth(candidate) <= width || line.isEmpty()) {
                line.setLength(0);
                line.append(candidate);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
