package dev.podloom.web;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * Where clients and podcast apps reach this server: {@code podloom.public-base-url}, else the running server's
 * own address (fine for local use; set the property behind a proxy or a domain, since feeds embed it).
 */
@Singleton
public class PublicBaseUrl {

    private final String configured;
    private final BeanProvider<EmbeddedServer> server;

    public PublicBaseUrl(@Value("${podloom.public-base-url:}") String configured, BeanProvider<EmbeddedServer> server) {
        this.configured = configured.strip();
        this.server = server;
    }

    /** Without a trailing slash. */
    public String get() {
        String base = configured.isEmpty() ? server.get().getURI().toString() : configured;
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
