package dev.podloom.cli;

import dev.podloom.audio.Mp3EpisodeEncoder;
import dev.podloom.fetch.ContentExtractor;
import dev.podloom.fetch.FetchConfiguration;
import dev.podloom.fetch.HttpSourceFetcher;
import dev.podloom.render.DefaultPodcastRenderer;
import dev.podloom.pipeline.PipelineException;
import dev.podloom.pipeline.PodcastStyle;
import dev.podloom.pipeline.ProgressListener;
import dev.podloom.render.RenderOutcome;
import dev.podloom.pipeline.RenderRequest;
import dev.podloom.pipeline.RenderedEpisode;
import dev.podloom.pipeline.SourceDocument;
import dev.podloom.script.ExtractiveScriptWriter;
import dev.podloom.speech.VoiceCatalog;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

/**
 * {@code podloom render --url URL … --minutes N --out episode.mp3}: renders one episode and prints a summary.
 * Exit codes: 0 done, 1 the pipeline failed ({@code error CODE: message}), 2 bad arguments (usage on stderr).
 */
public final class RenderCommand {

    static final String USAGE = """
            Usage: podloom render --url URL [--url URL2 ...] [options]
              --url URL                  page to turn into an episode (repeatable)
              --text-file FILE           local document to turn into an episode (repeatable): plain text,
                                         Markdown (.md), HTML (.html) or PDF; at least one --url or --text-file
              --minutes N                target length in minutes, 1-120 (default 5)
              --style STYLE              %s (default deep_dive)
              --out FILE.mp3             where to write the episode (default episode.mp3); the transcript
                                         (FILE.vtt) and chapters (FILE.chapters.json) go next to it
              --language TAG             BCP-47 language of the sources and the podcast (default en)
              --engine ENGINE            speech engine: flite, freetts or espeak-ng (default: best installed)
              --voice SPEAKER=VOICE_ID   voice for a speaker, e.g. Alex=flite-rms (repeatable)
              --focus "TERMS"            terms the script should favour
              --allow-private-networks   allow fetching from localhost and private addresses
                                         (also env PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS=true)
            """.formatted(String.join(", ", PodcastStyle.ids()));

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    public RenderCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** Runs {@code render} with the arguments after the word {@code render}; returns the exit code. */
    public int run(List<String> args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("podloom render: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        boolean allowPrivate = options.allowPrivateNetworks
                || "true".equalsIgnoreCase(env.getOrDefault("PODLOOM_FETCH_ALLOW_PRIVATE_NETWORKS", ""));
        var renderer = new DefaultPodcastRenderer(
                new HttpSourceFetcher(FetchConfiguration.defaults().withAllowPrivateNetworks(allowPrivate)),
                new ExtractiveScriptWriter(), new VoiceCatalog(), new Mp3EpisodeEncoder());
        List<SourceDocument> documents = new ArrayList<>();
        try {
            for (Path file : options.textFiles) {
                documents.add(readDocument(file));
            }
        } catch (PipelineException e) {
            err.println("error " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("podloom render: cannot read " + e.getMessage());
            return 2;
        }
        var request = new RenderRequest(options.urls, documents, null, options.language, options.minutes,
                options.style, options.voices, options.engine, options.focus, Map.of(), null);
        long started = System.nanoTime();
        Path workDir = null;
        try {
            Path outDir = options.out.toAbsolutePath().getParent();
            Files.createDirectories(outDir);
            workDir = Files.createTempDirectory(outDir, ".podloom-render-");
            RenderOutcome outcome = renderer.renderWithReport(request, workDir, progressOnStderr());
            List<Path> files = moveNextTo(outcome.episode(), options.out);
            printSummary(outcome, files, (System.nanoTime() - started) / 1_000_000);
            return 0;
        } catch (PipelineException e) {
            err.println("error " + e.code() + ": " + e.getMessage());
            return 1;
        } catch (IOException | UncheckedIOException e) {
            err.println("error OUTPUT_FAILED: " + e.getMessage());
            return 1;
        } finally {
            deleteQuietly(workDir);
        }
    }

    /** A local file as a source: its type from the extension, else sniffed, else plain text. */
    private static SourceDocument readDocument(Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".html") || name.endsWith(".htm") ? "text/html"
                : name.endsWith(".md") || name.endsWith(".markdown") ? "text/markdown"
                : name.endsWith(".pdf") ? "application/pdf"
                : ContentExtractor.sniff(body).orElse("text/plain; charset=utf-8");
        return new ContentExtractor().extract(file.getFileName().toString(), type, body);
    }

    private ProgressListener progressOnStderr() {
        var last = new String[1];
        return (stage, percent) -> {
            synchronized (last) {
                if (!stage.equals(last[0])) {
                    last[0] = stage;
                    err.printf("%3d%% %s%n", percent, stage);
                }
            }
        };
    }

    /** {@code dir/name.mp3} → {@code name.mp3}, {@code name.vtt}, {@code name.chapters.json}. */
    private static List<Path> moveNextTo(RenderedEpisode episode, Path mp3) throws IOException {
        String base = mp3.getFileName().toString().replaceFirst("(?i)\\.mp3$", "");
        Path dir = mp3.toAbsolutePath().getParent();
        List<Path> moved = new ArrayList<>();
        moved.add(Files.move(episode.audio(), dir.resolve(base + ".mp3"), StandardCopyOption.REPLACE_EXISTING));
        moved.add(Files.move(episode.transcript(), dir.resolve(base + ".vtt"), StandardCopyOption.REPLACE_EXISTING));
        moved.add(Files.move(episode.chapters(), dir.resolve(base + ".chapters.json"), StandardCopyOption.REPLACE_EXISTING));
        return moved;
    }

    private void printSummary(RenderOutcome outcome, List<Path> files, long totalMillis) throws IOException {
        RenderedEpisode episode = outcome.episode();
        double seconds = episode.durationSeconds();
        double target = outcome.targetSeconds();
        out.printf("Title:     %s%n", episode.title());
        out.printf(Locale.ROOT, "Duration:  %s (%.1f s), target %s (%.0f s), %+.1f %%%n", clock(seconds), seconds,
                clock(target), target, (seconds - target) / target * 100);
        var voices = new StringJoiner(", ");
        List<String> speakers = episode.script().speakers();
        for (int i = 0; i < speakers.size(); i++) {
            voices.add(speakers.get(i) + "=" + episode.voiceIds().get(i));
        }
        out.printf("Voices:    %s%n", voices);
        out.printf(Locale.ROOT, "Loudness:  %.1f LUFS integrated, true peak %.1f dBTP%n",
                outcome.encoded().integratedLufs(), outcome.encoded().truePeakDbtp());
        if (episode.sourcesExhausted()) {
            out.printf("Sources:   exhausted: they hold only %s of material, shorter than the %s asked for%n",
                    clock(seconds), clock(target));
        }
        var stages = new StringJoiner(", ");
        episode.stageMillis().forEach((stage, millis) -> stages.add(stage + " " + millis + " ms"));
        out.printf("Stages:    %s (%d script drafts, %d synthesized in full)%n", stages, outcome.writingRounds(),
                outcome.fullSyntheses());
        out.printf(Locale.ROOT, "Total:     %.1f s, %.0f× real time%n", totalMillis / 1000.0,
                seconds / Math.max(0.001, totalMillis / 1000.0));
        out.printf(Locale.ROOT, "Files:     %s (%.1f MB), %s, %s%n", files.get(0), Files.size(files.get(0)) / 1e6,
                files.get(1).getFileName(), files.get(2).getFileName());
    }

    private static String clock(double seconds) {
        long rounded = Math.round(seconds);
        return "%d:%02d".formatted(rounded / 60, rounded % 60);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a finished render for.
        }
    }

    /** Parsed command-line options; {@code --name value} and {@code --name=value} both work. */
    private record Options(List<URI> urls, List<Path> textFiles, int minutes, String style, Path out, String language, String engine,
                           Map<String, String> voices, String focus, boolean allowPrivateNetworks, boolean help) {

        static Options parse(List<String> args) {
            List<URI> urls = new ArrayList<>();
            List<Path> textFiles = new ArrayList<>();
            int minutes = 5;
            String style = "deep_dive";
            Path out = Path.of("episode.mp3");
            String language = "en";
            String engine = null;
            Map<String, String> voices = new LinkedHashMap<>();
            String focus = null;
            boolean allowPrivate = false;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String name = arg;
                String inlineValue = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    name = arg.substring(0, equals);
                    inlineValue = arg.substring(equals + 1);
                }
                switch (name) {
                    case "--help", "-h" -> {
                        return new Options(urls, textFiles, minutes, style, out, language, engine, voices, focus, allowPrivate, true);
                    }
                    case "--allow-private-networks" -> allowPrivate = true;
                    case "--url", "--text-file", "--minutes", "--style", "--out", "--language", "--engine", "--voice", "--focus" -> {
                        String value = inlineValue;
                        if (value == null) {
                            if (i + 1 >= args.size()) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            value = args.get(++i);
                        }
                        switch (name) {
                            case "--url" -> urls.add(url(value));
                            case "--text-file" -> textFiles.add(Path.of(value));
                            case "--minutes" -> minutes = minutes(value);
                            case "--style" -> style = style(value);
                            case "--out" -> out = Path.of(value);
                            case "--language" -> language = value;
                            case "--engine" -> engine = value;
                            case "--voice" -> {
                                int at = value.indexOf('=');
                                if (at <= 0 || at == value.length() - 1) {
                                    throw new IllegalArgumentException("--voice takes SPEAKER=VOICE_ID, got '" + value + "'");
                                }
                                voices.put(value.substring(0, at), value.substring(at + 1));
                            }
                            default -> focus = value;
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
                }
            }
            if (urls.isEmpty() && textFiles.isEmpty()) {
                throw new IllegalArgumentException("at least one --url or --text-file is required");
            }
            if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp3")) {
                throw new IllegalArgumentException("--out must name an .mp3 file, got '" + out + "'");
            }
            return new Options(List.copyOf(urls), List.copyOf(textFiles), minutes, style, out, language, engine, Map.copyOf(voices), focus,
                    allowPrivate, false);
        }

        private static URI url(String value) {
            try {
                URI uri = new URI(value);
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("--url needs an absolute http(s) URL, got '" + value + "'");
                }
                return uri;
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--url is not a valid URL: '" + value + "'");
            }
        }

        private static int minutes(String value) {
            try {
                int minutes = Integer.parseInt(value.strip());
                if (minutes < 1 || minutes > 120) {
                    throw new IllegalArgumentException("--minutes must be between 1 and 120, got " + minutes);
                }
                return minutes;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--minutes must be a whole number, got '" + value + "'");
            }
        }

        private static String style(String value) {
            if (PodcastStyle.byId(value).isEmpty()) {
                throw new IllegalArgumentException("--style must be one of " + PodcastStyle.ids() + ", got '" + value + "'");
            }
            return value;
        }
    }
}
