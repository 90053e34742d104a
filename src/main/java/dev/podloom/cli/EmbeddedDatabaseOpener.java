package dev.podloom.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Opens the embedded H2 file database on a thread of its own as soon as the configuration is read, while the main
 * thread loads the bean definitions; the connection pool, created a moment later on the main thread, then joins a
 * database that is already open (or waits for the opening under way) instead of opening it. Opening replays the
 * schema (every table and index) and is ~10 % of the main thread's work at startup.
 *
 * <p>Only for {@code jdbc:h2:file:} URLs: a server database (PostgreSQL) has nothing to open. The connection opened
 * here is closed once the context has started ({@link #close()}): by then the pool holds its own connections, so
 * the database stays open. Nothing is reported here: a database that cannot be opened (locked by another process,
 * a wrong password) fails where the pool opens it, with the pool's error.
 */
final class EmbeddedDatabaseOpener implements AutoCloseable {

    private static final String EMBEDDED_FILE_PREFIX = "jdbc:h2:file:";

    private final Thread thread;
    private volatile Connection connection;

    private EmbeddedDatabaseOpener(String url, String username, String password) {
        thread = Thread.ofPlatform().daemon().name("database-open").start(() -> {
            try {
                connection = DriverManager.getConnection(url, username, password);
            } catch (SQLException | RuntimeException e) {
                // reported where the pool opens the database
            }
        });
    }

    /** Starts opening {@code url} if it names an embedded H2 file database; empty for any other database. */
    static Optional<EmbeddedDatabaseOpener> start(String url, String username, String password) {
        if (url == null || !url.startsWith(EMBEDDED_FILE_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedDatabaseOpener(url, username, password == null ? "" : password));
    }

    /** Waits for the opening to end and closes the connection it made, if any. */
    @Override
    public void close() {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // the daemon thread's connection goes with the process
        }
        Connection opened = connection;
        if (opened != null) {
            try {
                opened.close();
            } catch (SQLException e) {
                // the session ends with the database
            }
        }
    }
}
