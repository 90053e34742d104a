package dev.podloom.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code podloom aot-training}: the training run behind the JDK's AOT cache (JEP 483/514), run by the build as
 * {@code java -XX:AOTCacheOutput=target/podloom.aot -jar target/podloom.jar aot-training}. It starts the service
 * the way a real start does, twice (on a new data directory, which runs the migrations, then on the same one
 * again, which is what a restart does), answers a few requests through real HTTP (health, an unauthorized API
 * call, the OpenAPI document) and exits; the JVM then writes every class loaded and linked on the way into the
 * cache, and a later {@code java -XX:AOTCache=target/podloom.aot -jar target/podloom.jar} starts from there.
 */
public final class AotTraining {

    private static final String[] PATHS = {"/health", "/health/readiness", "/v1/account/credits", "/openapi.yml"};

    private final Class<?> mainClass;
    private final PrintStream out;

    public AotTraining(Class<?> mainClass, PrintStream out) {
        this.mainClass = mainClass;
        this.out = out;
    }

    /** Returns the process exit code. */
    public int run() {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("podloom-aot-training");
        } catch (IOException e) {
            out.println("aot-training: cannot create a temporary data directory: " + e.getMessage());
            return 1;
        }
        try {
            for (int start = 1; start <= 2; start++) {
                long began = System.nanoTime();
                try (ApplicationContext context = ServiceLauncher.builder(mainClass)
                        .properties(Map.of(
                                "podloom.data-dir", dataDir.toString(),
                                "micronaut.server.port", -1,
                                "micronaut.server.netty.access-logger.enabled", false))
                        .start()) {
                    int port = context.getBean(EmbeddedServer.class).getPort();
                    int answered = exercise(port);
                    out.printf("aot-training: start %d ready and answered %d requests in %d ms%n", start, answered,
                            Duration.ofNanos(System.nanoTime() - began).toMillis());
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("aot-training failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static int exercise(int port) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            int answered = 0;
            // The job scheduler starts beside the main thread, so /health may answer 503 for a moment after the
            // server listens: wait for it as a load balancer would.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (get(http, port, "/health").statusCode() != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("/health did not answer 200 within 60 s");
                }
                Thread.sleep(20);
            }
            for (String path : PATHS) {
                get(http, port, path);
                answered++;
            }
            return answered;
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, int port, String path)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans it eventually
        }
    }
}
