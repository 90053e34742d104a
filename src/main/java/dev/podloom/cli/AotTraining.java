package dev.podloom.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code podloom aot-training}: the training run behind the JDK's AOT cache (JEP 483/514), run by the build as
 * {@code java -XX:AOTCacheOutput=target/podloom.aot -jar target/podloom.jar aot-training}. The cache is for the
 * start that matters day to day, a restart on an existing data directory, so the run trains exactly that:
 * <ol>
 *   <li>a child JVM ({@code aot-training --prepare DIR}, not recorded) starts the service once on a new data
 *   directory, which creates and migrates the database;</li>
 *   <li>this JVM then starts the service on that directory, waits for {@code /health} as a load balancer would,
 *   answers a few requests (health, an unauthorized API call, the OpenAPI document) and exits.</li>
 * </ol>
 * The JVM writes every class loaded and linked on the way into the cache. Classes only a first start needs
 * (Flyway running migrations, Jackson behind it) or only the training needs (an HTTP client: requests here go
 * over a plain socket) stay out of it: each class in the cache is loaded at every start, used or not.
 */
public final class AotTraining {

    private static final String[] PATHS = {"/health", "/health/readiness", "/v1/account/credits", "/openapi.yml"};
    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private final Class<?> mainClass;
    private final PrintStream out;

    public AotTraining(Class<?> mainClass, PrintStream out) {
        this.mainClass = mainClass;
        this.out = out;
    }

    /** Returns the process exit code. */
    public int run(List<String> args) {
        if (args.size() == 2 && args.get(0).equals("--prepare")) {
            return start(Path.of(args.get(1)), "prepare (new data directory)", false);
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("podloom-aot-training");
        } catch (IOException e) {
            out.println("aot-training: cannot create a temporary data directory: " + e.getMessage());
            return 1;
        }
        try {
            int prepared = prepareInChildJvm(dataDir);
            if (prepared != 0) {
                out.println("aot-training: preparing the data directory failed (exit code " + prepared + ")");
                return prepared;
            }
            return start(dataDir, "restart (existing data directory)", true);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private int start(Path dataDir, String label, boolean exercise) {
        long began = System.nanoTime();
        try (ApplicationContext context = ServiceLauncher.builder(mainClass)
                .properties(Map.of(
                        "podloom.data-dir", dataDir.toString(),
                        "micronaut.server.port", -1,
                        "micronaut.server.netty.access-logger.enabled", false))
                .start()) {
            int port = context.getBean(EmbeddedServer.class).getPort();
            awaitHealthy(port);
            int answered = 0;
            if (exercise) {
                for (String path : PATHS) {
                    get(port, path);
                    answered++;
                }
            }
            out.printf("aot-training: %s ready and answered %d requests in %d ms%n", label, answered,
                    Duration.ofNanos(System.nanoTime() - began).toMillis());
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("aot-training failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The first start on a new directory, in a JVM of its own so that what only it loads stays out of the cache. */
    private int prepareInChildJvm(Path dataDir) {
        try {
            String java = ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            Path jar = Path.of(mainClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
            if (Files.isRegularFile(jar)) {
                command.addAll(List.of("-jar", jar.toString()));
            } else {
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
            }
            command.addAll(List.of("aot-training", "--prepare", dataDir.toString()));
            return new ProcessBuilder(command).inheritIO().start().waitFor();
        } catch (IOException | java.net.URISyntaxException e) {
            out.println("aot-training: cannot start the preparing JVM: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** The job scheduler starts beside the main thread, so /health may answer 503 for a moment after the bind. */
    private static void awaitHealthy(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (get(port, "/health") != 200) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("/health did not answer 200 within " + READY_WITHIN.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** One HTTP/1.1 GET over a plain socket; returns the status code and reads the answer to its end. */
    private static int get(int port, String path) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            OutputStream request = socket.getOutputStream();
            request.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            String answer = new String(response.readAllBytes(), StandardCharsets.ISO_8859_1);
            String[] statusLine = answer.lines().findFirst().orElse("").split(" ");
            if (statusLine.length < 2) {
                throw new IOException("no HTTP status line from " + path);
            }
            return Integer.parseInt(statusLine[1]);
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
