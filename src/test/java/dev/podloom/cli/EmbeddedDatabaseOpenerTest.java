package dev.podloom.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedDatabaseOpenerTest {

    @TempDir
    Path dir;

    @Test
    void opensTheEmbeddedFileDatabaseThatThePoolThenJoinsAndLetsGoOfItsOwnSessionOnClose() throws SQLException {
        String url = url();
        EmbeddedDatabaseOpener opener = EmbeddedDatabaseOpener.start(url, "sa", "").orElseThrow();
        try (Connection pool = DriverManager.getConnection(url, "sa", "")) {
            // the pool's connection joins the database the opener opens: two sessions on one database
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (sessions(pool) < 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(sessions(pool)).isEqualTo(2);

            opener.close();

            assertThat(sessions(pool)).isEqualTo(1);
            try (Statement statement = pool.createStatement()) {
                statement.execute("CREATE TABLE still_open (id INT)");
                statement.execute("INSERT INTO still_open VALUES (1)");
            }
        }
    }

    @Test
    void leavesServerAndInMemoryDatabasesAlone() {
        assertThat(EmbeddedDatabaseOpener.start("jdbc:postgresql://localhost:5432/podloom", "podloom", "secret"))
                .isEmpty();
        assertThat(EmbeddedDatabaseOpener.start("jdbc:h2:mem:podloom", "sa", "")).isEmpty();
        assertThat(EmbeddedDatabaseOpener.start(null, null, null)).isEmpty();
    }

    @Test
    void aDatabaseItCannotOpenIsReportedWhereThePoolOpensIt() throws SQLException {
        String url = url();
        try (Connection created = DriverManager.getConnection(url, "sa", "right")) {
            assertThat(created.isValid(1)).isTrue();
        }

        EmbeddedDatabaseOpener.start(url, "sa", "wrong").orElseThrow().close(); // nothing thrown, nothing held

        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "wrong")).isInstanceOf(SQLException.class);
        try (Connection pool = DriverManager.getConnection(url, "sa", "right")) {
            assertThat(sessions(pool)).isEqualTo(1);
        }
    }

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("podloom") + ";MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE";
    }

    private static int sessions(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
