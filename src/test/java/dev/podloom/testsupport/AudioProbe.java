package dev.podloom.testsupport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test tones written as files, and ffmpeg's own measurements of audio files: level in a time window (whole band or
 * one frequency band), EBU R128 loudness and true peak. Independent of the code under test.
 */
public final class AudioProbe {

    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS");
    private static final Pattern WINDOW_TIME = Pattern.compile("pts_time:([0-9.]+)");
    private static final Pattern WINDOW_RMS = Pattern.compile("lavfi\\.astats\\.Overall\\.RMS_level=(-?[0-9.]+|-inf)");
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+):(\\d+):(\\d+\\.\\d+)");

    private AudioProbe() {
    }

    /** A chord of equal sines with short fades, peaking near {@code amplitude}. */
    public static float[] chord(double seconds, int sampleRate, double amplitude, double... frequencies) {
        float[] samples = new float[(int) Math.round(seconds * sampleRate)];
        int fade = sampleRate / 50;
        for (int i = 0; i < samples.length; i++) {
            double sum = 0;
            for (double f : frequencies) {
                sum += Math.sin(2 * Math.PI * f * i / sampleRate);
            }
            double edge = Math.min(1, Math.min((double) i / fade, (double) (samples.length - 1 - i) / fade));
            samples[i] = (float) (amplitude * edge * sum / frequencies.length);
        }
        return samples;
    }

    /** 16-bit PCM WAV with {@code channels} identical channels. */
    public static byte[] wav(float[] samples, int sampleRate, int channels) {
        int data = samples.length * 2 * channels;
        ByteBuffer out = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        out.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1)
                .putShort((short) channels).putInt(sampleRate).putInt(sampleRate * 2 * channels)
                .putShort((short) (2 * channels)).putShort((short) 16)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        for (float s : samples) {
            short value = (short) Math.round(Math.max(-1, Math.min(1, s)) * 32767);
            for (int c = 0; c < channels; c++) {
                out.putShort(value);
            }
        }
        return out.array();
    }

    /** The same audio as a 128 kbps stereo MP3, encoded by ffmpeg (libmp3lame). */
    public static byte[] mp3(float[] samples, int sampleRate, Path dir) throws IOException {
        Path wav = Files.createTempFile(dir, "tone", ".wav");
        Path mp3 = Files.createTempFile(dir, "tone", ".mp3");
        Files.write(wav, wav(samples, sampleRate, 2));
        ExternalTool.run("ffmpeg", "-y", "-nostats", "-hide_banner", "-loglevel", "error", "-i", wav.toString(),
                "-c:a", "libmp3lame", "-b:a", "128k", mp3.toString());
        return Files.readAllBytes(mp3);
    }

    /** Levels of a file measured by ffmpeg in 10 ms windows (one ffmpeg run), to ask for any stretch of time. */
    public static final class Levels {
        private final double[] times;
        private final double[] meanSquares;

        private Levels(double[] times, double[] meanSquares) {
            this.times = times;
            this.meanSquares = meanSquares;
        }

        /** RMS level in dBFS over the windows that start in {@code [from, to)}. */
        public double db(double from, double to) {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < times.length; i++) {
                if (times[i] >= from && times[i] < to) {
                    sum += meanSquares[i];
                    n++;
                }
            }
            if (n == 0) {
                throw new IllegalArgumentException("no audio between " + from + " and " + to + " s");
            }
            return 10 * Math.log10(sum / n);
        }
    }

    /** The whole band's levels. */
    public static Levels levels(Path audio) {
        return levels(audio, "anull");
    }

    /** Levels through a narrow band-pass (two in series, Q 8) around {@code frequency}. */
    public static Levels bandLevels(Path audio, double frequency) {
        String band = String.format(Locale.ROOT, "bandpass=f=%.1f:width_type=q:width=8", frequency);
        return levels(audio, band + "," + band);
    }

    private static Levels levels(Path audio, String filter) {
        String output = ExternalTool.run("ffmpeg", "-nostats", "-hide_banner", "-loglevel", "error", "-i",
                audio.toString(), "-af", filter + ",asetnsamples=n=240,astats=metadata=1:reset=1,"
                        + "ametadata=mode=print:key=lavfi.astats.Overall.RMS_level:file=-", "-f", "null", "-");
        Matcher time = WINDOW_TIME.matcher(output);
        Matcher level = WINDOW_RMS.matcher(output);
        java.util.List<double[]> windows = new java.util.ArrayList<>();
        while (time.find() && level.find(time.end())) {
            String db = level.group(1);
            double ms = db.equals("-inf") ? 0 : Math.pow(10, Double.parseDouble(db) / 10);
            windows.add(new double[]{Double.parseDouble(time.group(1)), ms});
        }
        if (windows.isEmpty()) {
            throw new IllegalStateException("ffmpeg measured no windows");
        }
        return new Levels(windows.stream().mapToDouble(w -> w[0]).toArray(),
                windows.stream().mapToDouble(w -> w[1]).toArray());
    }

    /** ffmpeg's {@code ebur128=peak=true} summary: integrated loudness (LUFS) and true peak (dBTP). */
    public static double[] ebur128(Path audio) {
        String output = ExternalTool.run("ffmpeg", "-nostats", "-hide_banner", "-i", audio.toString(),
                "-filter_complex", "ebur128=peak=true", "-f", "null", "-");
        String summary = output.substring(output.lastIndexOf("Summary:"));
        return new double[]{last(INTEGRATED.matcher(summary)), last(PEAK.matcher(summary))};
    }

    /** Duration in seconds as ffprobe's container reader reports it. */
    public static double durationSeconds(Path audio) {
        String output = ExternalTool.run("ffprobe", "-hide_banner", audio.toString());
        Matcher m = DURATION.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no duration in ffprobe output");
        }
        return Integer.parseInt(m.group(1)) * 3600 + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
    }

    private static double last(Matcher matcher) {
        String value = null;
        while (matcher.find()) {
            value = matcher.group(1);
        }
        if (value == null) {
            throw new IllegalStateException("ffmpeg output not understood");
        }
        return value.equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(value);
    }
}
