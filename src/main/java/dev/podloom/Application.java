package dev.podloom;

import dev.podloom.cli.RenderCommand;
import io.micronaut.runtime.Micronaut;

import java.util.Arrays;

/** Starts the Podloom HTTP API, or runs the {@code render} command when given one. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("render")) {
            int exitCode = new RenderCommand(System.out, System.err, System.getenv())
                    .run(Arrays.asList(args).subList(1, args.length));
            System.exit(exitCode);
        }
        Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
    }
}
