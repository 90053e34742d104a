/*
 * Render benchmark: one 10-minute deep_dive episode from the 2,000-word fixture on the embedded defaults,
 * then the same script through the raw engines alone (the floor). Run with bench/render-benchmark.sh.
 */

import com.sun.net.httpserver.HttpServer;
import dev.podloom.audio.Mp3EpisodeEncoder;
import dev.podloom.fetch.FetchConfiguration;
import dev.podloom.fetch.HttpSourceFetcher;
import dev.podloom.render.DefaultPodcastRenderer;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.render.RenderOutcome;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.RenderedEpisode;
import dev.podloom.pipeline.Turn;
import dev.podloom.script.ExtractiveScriptWriter;
import dev.podloom.speech.FliteSynthesizer;
import dev.podloom.speech.FreeTtsSynthesizer;
import dev.podloom.speech.VoiceCatalog;
import dev.podloom.speech.WavDecoder;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

public class RenderBenchmark {

    static final int MINUTES = 10;
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/article-2000-words.html");

    public static void main(String[] args) throws Exception {
        byte[] page = Files.readAllBytes(FIXTURE);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/article", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.start();
        Path work = Files.createTempDirectory("podloom-bench-");
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/article");
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf("Podloom render benchmark: %d min deep_dive from %s (%,d bytes), %d cores, Java %s%n%n",
                    MINUTES, FIXTURE, page.length, cores, Runtime.version());

            var catalog = new VoiceCatalog();
            var renderer = new DefaultPodcastRenderer(
                    new HttpSourceFetcher(FetchConfiguration.defaults().withAllowPrivateNetworks(true)),
                    new ExtractiveScriptWriter(), catalog, new Mp3EpisodeEncoder());
            var request = new RenderRequest(List.of(url), List.of(), null, "en", MINUTES, "deep_dive", Map.of(),
                    null, null, Map.of(), null);

            long started = System.nanoTime();
            RenderOutcome outcome = renderer.renderWithReport(request, work.resolve("pipeline"), ProgressListener.NONE);
            double total = seconds(started);
            RenderedEpisode episode = outcome.episode();
            System.out.println("Pipeline (cold JVM, includes the one-off speaking-rate calibration)");
            System.out.printf("  voices          %s%n", episode.voiceIds());
            episode.stageMillis().forEach((stage, ms) -> System.out.printf("  %-15s %6.2f s%n", stage, ms / 1000.0));
            System.out.printf("  total           %6.2f s   (%d script drafts, %d synthesized in full)%n", total,
                    outcome.writingRounds(), outcome.fullSyntheses());
            System.out.printf("  audio           %6.1f s   (target %.0f s, %+.1f %%)%n", episode.durationSeconds(),
                    outcome.targetSeconds(), (episode.durationSeconds() / outcome.targetSeconds() - 1) * 100);
            System.out.printf("  speed           %6.0f× real time%n", episode.durationSeconds() / total);
            System.out.printf("  loudness        %6.1f LUFS, true peak %.1f dBTP, MP3 %,d bytes%n",
                    outcome.encoded().integratedLufs(), outcome.encoded().truePeakDbtp(), outcome.encoded().mp3Bytes());
            printMemory();

            List<Turn> turns = episode.script().turns();
            List<String> voiceIds = episode.voiceIds();
            List<String> speakers = episode.script().speakers();
            System.out.printf("%nRaw-engine floor (same %,d words, %d processes in parallel, no pipeline)%n",
                    episode.script().wordCount(), cores);
            long floorStart = System.nanoTime();
            Floor floor = hasCommand("flite") && voiceIds.stream().allMatch(v -> v.startsWith("flite-"))
                    ? fliteFloor(turns, speakers, voiceIds, cores, work)
                    : freeTtsFloor(turns, speakers, voiceIds, catalog, cores);
            double synth = seconds(floorStart);
            long encodeStart = System.nanoTime();
            Path wav = work.resolve("floor.wav");
            writeWav(wav, floor.pcm, floor.sampleRate);
            Path mp3 = work.resolve("floor.mp3");
            String encoderName;
            if (hasCommand("lame")) {
                encoderName = "lame CLI";
                run(List.of("lame", "--quiet", "-m", "m", "-b", "64", "--resample", "24", wav.toString(), mp3.toString()));
            } else {
                encoderName = "jump3r";
                new de.sciss.jump3r.Main().run(new String[]{"--silent", "-m", "m", "-b", "64", "--resample", "24",
                        wav.toString(), mp3.toString()});
            }
            double encode = seconds(encodeStart);
            double floorTotal = synth + encode;
            double floorAudio = floor.pcm.length / 2.0 / floor.sampleRate;
            System.out.printf("  %-15s %6.2f s   (%s)%n", "synthesize", synth, floor.engine);
            System.out.printf("  %-15s %6.2f s   (%s)%n", "encode", encode, encoderName);
            System.out.printf("  total           %6.2f s   (%.1f s of untrimmed speech, %.0f× real time)%n",
                    floorTotal, floorAudio, floorAudio / floorTotal);
            System.out.printf("%nPipeline / floor: %.2f×   (targets: ≤ 20 s end to end, ≤ 1.5× floor, peak RSS ≤ 512 MB)%n",
                    total / floorTotal);
        } finally {
            server.stop(0);
            try (Stream<Path> paths = Files.walk(work)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    record Floor(String engine, byte[] pcm, int sampleRate) {
    }

    /** Each voice's text in as many flite processes as there are cores: no per-turn process cost. */
    static Floor fliteFloor(List<Turn> turns, List<String> speakers, List<String> voiceIds, int cores, Path work)
            throws Exception {
        List<Callable<byte[]>> jobs = new ArrayList<>();
        for (int s = 0; s < speakers.size(); s++) {
            String speaker = speakers.get(s);
            String voice = voiceIds.get(s).substring("flite-".length());
            List<String> texts = turns.stream().filter(t -> t.speaker().equals(speaker)).map(Turn::text).toList();
            for (int c = 0; c < cores; c++) {
                StringBuilder chunk = new StringBuilder();
                for (int i = c; i < texts.size(); i += cores) {
                    chunk.append(texts.get(i)).append("\n\n");
                }
                if (chunk.isEmpty()) {
                    continue;
                }
                Path text = Files.writeString(work.resolve("floor-" + s + "-" + c + ".txt"), chunk);
                Path wav = work.resolve("floor-" + s + "-" + c + ".wav");
                jobs.add(() -> {
                    // The same voice settings as the pipeline's FliteSynthesizer (rms speaks slower).
                    List<String> command = new ArrayList<>(List.of("flite", "-voice", voice));
                    if (voice.equals("rms")) {
                        command.addAll(List.of("--setf", "duration_stretch=" + FliteSynthesizer.RMS_DURATION_STRETCH));
                    }
                    command.addAll(List.of("-f", text.toString(), "-o", wav.toString()));
                    run(command);
                    return pcm16(Files.readAllBytes(wav));
                });
            }
        }
        return new Floor("flite " + String.join("+", voiceIds), concat(runAll(jobs, cores)), 16_000);
    }

    /** FreeTTS straight from the engine, one turn per task, as many threads as cores. */
    static Floor freeTtsFloor(List<Turn> turns, List<String> speakers, List<String> voiceIds, VoiceCatalog catalog,
                              int cores) throws Exception {
        var freeTts = new FreeTtsSynthesizer();
        List<Callable<byte[]>> jobs = new ArrayList<>();
        for (Turn turn : turns) {
            var voice = catalog.find(voiceIds.get(speakers.indexOf(turn.speaker()))).orElseThrow();
            jobs.add(() -> toPcm16(freeTts.synthesize(turn.text(), voice).samples()));
        }
        return new Floor("FreeTTS " + String.join("+", voiceIds), concat(runAll(jobs, cores)), 16_000);
    }

    static List<byte[]> runAll(List<Callable<byte[]>> jobs, int threads) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<byte[]> out = new ArrayList<>();
            for (Future<byte[]> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        }
    }

    static byte[] pcm16(byte[] wav) {
        return toPcm16(WavDecoder.decode(wav).samples());
    }

    static byte[] toPcm16(float[] samples) {
        ByteBuffer out = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float s : samples) {
            out.putShort((short) Math.max(-32768, Math.min(32767, Math.round(s * 32767))));
        }
        return out.array();
    }

    static byte[] concat(List<byte[]> parts) {
        var out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    static void writeWav(Path path, byte[] pcm, int rate) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes()).putInt(36 + pcm.length).put("WAVE".getBytes())
                .put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(rate).putInt(rate * 2).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(pcm.length);
        try (var out = Files.newOutputStream(path)) {
            out.write(header.array());
            out.write(pcm);
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(command.getFirst() + " exited with " + p.exitValue());
        }
    }

    static boolean hasCommand(String name) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
    }

    static void printMemory() throws IOException {
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("VmHWM:")).findFirst().orElse("VmHWM: ?").replaceAll("\\s+", " ");
        var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        System.gc();
        long liveAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("  memory          peak RSS %s; heap %d MB used / %d MB committed / %d MB max, %d MB live after GC%n",
                hwm.substring("VmHWM: ".length()), heap.getUsed() >> 20, heap.getCommitted() >> 20,
                heap.getMax() >> 20, liveAfterGc >> 20);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
