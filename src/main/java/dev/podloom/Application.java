package dev.podloom;

import dev.podloom.cli.AotTraining;
import dev.podloom.cli.RenderCommand;
import dev.podloom.cli.ServiceLauncher;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

import java.util.Arrays;

@OpenAPIDefinition(info = @Info(title = "Podloom API", version = "1",
        description = "Turn web pages, documents and text into two-host podcasts, paid for in credits. Every answer "
                + "is the envelope {success, data | error, meta.request_id}. Public routes take an X-Api-Key header "
                + "(phk_test_… or phk_prod_…); /admin routes take the operator's bearer token."))
/**
 * Starts the Podloom HTTP API, or runs the {@code render} command when given one ({@code aot-training} is the
 * build's training run for the JDK's AOT cache).
 */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("render")) {
            int exitCode = new RenderCommand(System.out, System.err, System.getenv())
                    .run(Arrays.asList(args).subList(1, args.length));
            System.exit(exitCode);
        }
        if (args.length > 0 && args[0].equals("aot-training")) {
            System.exit(new AotTraining(Application.class, System.out)
                    .run(Arrays.asList(args).subList(1, args.length)));
        }
        ServiceLauncher.builder(Application.class, args).start();
    }
}
