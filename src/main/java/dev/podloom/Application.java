package dev.podloom;

import io.micronaut.runtime.Micronaut;

/** Starts the Podloom HTTP API. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args)
                .banner(false)
                .mainClass(Application.class)
                .start();
    }
}
