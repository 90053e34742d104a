package dev.podloom.audio;

import com.sun.speech.freetts.Voice;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.SingleFileAudioPlayer;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.testsupport.ExternalTool;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Signals, real speech (FreeTTS kevin16) and ffmpeg's EBU R128 meter for the audio tests. */
final class TestAudio {

    private static final Pattern INTEGRATED = Pattern.compile("I:\\s+(-?[0-9.]+|-inf) LUFS");
    private static final Pattern PEAK = Pattern.compile("Peak:\\s+(-?[0-9.]+|-inf) dBFS");

    /** What ffmpeg's {@code ebur128} filter reports in its summary. */
    record Ebur128(double integratedLufs, double truePeakDbtp) {
    }

    private TestAudio() {
    }

    static float[] sine(double frequency, double amplitude, double seconds, int sampleRate) {
        float[] samples = new float[(int) Math.round(seconds * sampleRate)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / sampleRate));
        }
        return samples;
    }

    /** Speaks {@code text} with FreeTTS kevin16 (16 kHz) and returns the clip, padded with its own silences. */
    static synchronized AudioClip speak(String text, Path workDir) throws IOException {
        System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        Voice voice = VoiceManager.getInstance().getVoice("kevin16");
        voice.allocate();
        Path base = Files.createTempFile(workDir, "speech", "");
        Files.delete(base);
        SingleFileAudioPlayer player = new SingleFileAudioPlayer(base.toString(), AudioFileFormat.Type.WAVE);
        voice.setAudioPlayer(player);
        voice.speak(text);
        player.close();
        voice.deallocate();
        return readWav(Path.of(base + ".wav"));
    }

    static AudioClip readWav(Path wav) throws IOException {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16) {
                throw new IllegalArgumentException("expected 16-bit mono, got " + format);
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes())
                    .order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[bytes.remaining() / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = bytes.getShort() / 32768f;
            }
            return new AudioClip(samples, (int) format.getSampleRate());
        } catch (javax.sound.sampled.UnsupportedAudioFileException e) {
            throw new IOException(e);
        }
    }

    /** Writes 32-bit float WAV so ffmpeg measures exactly the samples our meter sees. */
    static Path writeWav(float[] samples, int sampleRate, Path file) throws IOException {
        ByteBuffer data = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            data.putFloat(s);
        }
        AudioFormat format = new AudioFormat(AudioFormat.Encoding.PCM_FLOAT, sampleRate, 32, 1, 4, sampleRate, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(data.array()), format, samples.length)) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
        }
        return file;
    }

    static Ebur128 ffmpegEbur128(Path audio) {
        String output = ExternalTool.run("ffmpeg", "-nostats", "-hide_banner", "-i", audio.toString(),
                "-filter_complex", "ebur128=peak=true", "-f", "null", "-");
        String summary = output.substring(output.lastIndexOf("Summary:"));
        return new Ebur128(number(INTEGRATED.matcher(summary)), number(PEAK.matcher(summary)));
    }

    private static double number(Matcher matcher) {
        if (!matcher.find()) {
            throw new IllegalStateException("ffmpeg ebur128 summary not understood");
        }
        return matcher.group(1).equals("-inf") ? Double.NEGATIVE_INFINITY : Double.parseDouble(matcher.group(1));
    }
}
