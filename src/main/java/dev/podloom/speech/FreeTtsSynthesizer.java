package dev.podloom.speech;

import dev.podloom.pipeline.FailureCode;
import com.sun.speech.freetts.VoiceManager;
import com.sun.speech.freetts.audio.AudioPlayer;
import dev.podloom.pipeline.AudioClip;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.SpeechSynthesizer;
import dev.podloom.pipeline.Voice;
import jakarta.inject.Singleton;

import javax.sound.sampled.AudioFormat;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * FreeTTS kevin16, in-process and always available: English only. Two hosts are shaped from the one diphone
 * voice by pitch, pitch range and rate. FreeTTS voices are not thread-safe, so each call borrows an allocated
 * voice from a per-voice pool (grown on demand, one per concurrently speaking thread).
 */
@Singleton
public final class FreeTtsSynthesizer implements SpeechSynthesizer {

    public static final String ENGINE = "freetts";

    private static final String KEVIN = "kevin16";

    static {
        // FreeTTS discovers voices through this property; without it VoiceManager finds none.
        if (System.getProperty("freetts.voices") == null) {
            System.setProperty("freetts.voices", "com.sun.speech.freetts.en.us.cmu_us_kal.KevinVoiceDirectory");
        }
    }

    /** How one public voice shapes kevin16. */
    private record Shape(Voice voice, float pitchHz, float pitchRange, float wordsPerMinute) {
    }

    private static final List<Shape> SHAPES = List.of(
            new Shape(new Voice("freetts-kevin", ENGINE, "en", "male", 16_000,
                    "US English male (FreeTTS kevin16), low and measured"), 92f, 11f, 150f),
            new Shape(new Voice("freetts-kevin-bright", ENGINE, "en", "male", 16_000,
                    "US English male (FreeTTS kevin16), higher pitch and a bit faster"), 140f, 24f, 168f));

    private final Map<String, ConcurrentLinkedDeque<com.sun.speech.freetts.Voice>> pools = new ConcurrentHashMap<>();

    @Override
    public String engine() {
        return ENGINE;
    }

    @Override
    public boolean available() {
        return true;
    }

    @Override
    public List<Voice> voices() {
        return SHAPES.stream().map(Shape::voice).toList();
    }

    @Override
    public AudioClip synthesize(String text, Voice voice) {
        Shape shape = SHAPES.stream().filter(s -> s.voice.equals(voice)).findFirst()
                .orElseThrow(() -> new PipelineException(FailureCode.UNKNOWN_VOICE, "FreeTTS has no voice " + voice.id()));
        var pool = pools.computeIfAbsent(voice.id(), id -> new ConcurrentLinkedDeque<>());
        com.sun.speech.freetts.Voice engineVoice = pool.pollFirst();
        if (engineVoice == null) {
            engineVoice = allocate(shape);
        }
        try {
            var capture = new CapturingPlayer();
            engineVoice.setAudioPlayer(capture);
            if (!engineVoice.speak(text)) {
                throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "FreeTTS could not speak the turn with " + voice.id());
            }
            AudioClip clip = capture.clip();
            if (clip.samples().length == 0) {
                throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "FreeTTS returned no audio for " + voice.id());
            }
            return clip;
        } finally {
            pool.offerFirst(engineVoice);
        }
    }

    /**
     * Synchronized: FreeTTS loads its shared lexicon and letter-to-sound rules without locking, so two threads
     * allocating their first voices at once can read a half-loaded table.
     */
    private static synchronized com.sun.speech.freetts.Voice allocate(Shape shape) {
        com.sun.speech.freetts.Voice voice = VoiceManager.getInstance().getVoice(KEVIN);
        if (voice == null) {
            throw new PipelineException(FailureCode.SYNTHESIS_FAILED, "FreeTTS voice " + KEVIN + " is missing from the classpath");
        }
        voice.allocate();
        voice.setPitch(shape.pitchHz);
        voice.setPitchRange(shape.pitchRange);
        voice.setRate(shape.wordsPerMinute);
        return voice;
    }

    /** Collects what FreeTTS would play, so synthesis needs no sound card. */
    private static final class CapturingPlayer implements AudioPlayer {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private AudioFormat format = new AudioFormat(16_000f, 16, 1, true, true);
        private float volume = 1f;

        AudioClip clip() {
            byte[] raw = bytes.toByteArray();
            ByteBuffer in = ByteBuffer.wrap(raw).order(format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            float[] samples = new float[raw.length / 2];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = in.getShort(2 * i) / 32768f;
            }
            return new AudioClip(samples, Math.round(format.getSampleRate()));
        }

        @Override
        public void setAudioFormat(AudioFormat format) {
            if (format.getSampleSizeInBits() != 16 || format.getChannels() != 1) {
                throw new IllegalStateException("FreeTTS produced unexpected audio format " + format);
            }
            this.format = format;
        }

        @Override
        public AudioFormat getAudioFormat() {
            return format;
        }

        @Override
        public boolean write(byte[] audioData) {
            return write(audioData, 0, audioData.length);
        }

        @Override
        public boolean write(byte[] audioData, int offset, int size) {
            bytes.write(audioData, offset, size);
            return true;
        }

        @Override
        public float getVolume() {
            return volume;
        }

        @Override
        public void setVolume(float volume) {
            this.volume = volume;
        }

        // Playback controls have nothing to do when the audio only goes into memory.
        @Override
        public void pause() {
        }

        @Override
        public void resume() {
        }

        @Override
        public void reset() {
        }

        @Override
        public boolean drain() {
            return true;
        }

        @Override
        public void begin(int size) {
        }

        @Override
        public boolean end() {
            return true;
        }

        @Override
        public void cancel() {
        }

        @Override
        public void close() {
        }

        @Override
        public long getTime() {
            return 0;
        }

        @Override
        public void resetTime() {
        }

        @Override
        public void startFirstSampleTimer() {
        }

        @Override
        public void showMetrics() {
        }
    }
}
