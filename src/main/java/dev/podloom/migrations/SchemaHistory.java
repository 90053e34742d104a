package dev.podloom.migrations;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.classpath.ClassPathResource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Whether Flyway's schema history already records every migration in {@code db/migration}, unchanged: the same
 * scripts, each applied once and successfully, each with the checksum Flyway computes for its file today (Flyway's
 * own calculation, so the answer is Flyway's). Anything else, including an error while looking, answers "not
 * current" with the reason, and Flyway then runs and decides.
 */
final class SchemaHistory {

    static final String LOCATION = "classpath:db/migration";
    private static final String DIRECTORY = "db/migration";
    /** Flyway's default naming for a versioned SQL migration: V{version}__{description}.sql. */
    private static final Pattern VERSIONED = Pattern.compile("V[0-9][0-9._]*__[^/]+\\.sql");

    /** Rows Flyway writes for itself (it created the history table or a schema), not migrations. */
    private static final Set<String> BOOKKEEPING = Set.of("TABLE", "SCHEMA");

    record Verdict(boolean current, int migrations, String reason) {
        static Verdict notCurrent(String reason) {
            return new Verdict(false, 0, reason);
        }
    }

    private SchemaHistory() {
    }

    static Verdict check(DataSource dataSource, ClassLoader classLoader) {
        try {
            TreeSet<String> scripts = migrationScripts(classLoader);
            if (scripts == null) {
                return Verdict.notCurrent("the migration directory holds something other than V…__….sql files");
            }
            Map<String, Integer> applied = new HashMap<>();
            try (Connection connection = dataSource.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "select script, checksum, success, type, version from flyway_schema_history")) {
                while (rows.next()) {
                    String script = rows.getString(1);
                    Object checksum = rows.getObject(2);
                    String type = rows.getString(4);
                    if (rows.getBoolean(3) && rows.getString(5) == null && BOOKKEEPING.contains(type)) {
                        continue;
                    }
                    if (!rows.getBoolean(3) || !"SQL".equals(type) || checksum == null
                            || applied.put(script, ((Number) checksum).intValue()) != null) {
                        return Verdict.notCurrent("the schema history has a row Flyway has to judge: " + script);
                    }
                }
            }
            if (!applied.keySet().equals(scripts)) {
                return Verdict.notCurrent("the jar's migrations and the schema history differ");
            }
            Location location = new Location(LOCATION);
            for (String script : scripts) {
                int checksum = ChecksumCalculator.calculate(new ClassPathResource(location,
                        DIRECTORY + "/" + script, classLoader, StandardCharsets.UTF_8));
                if (checksum != applied.get(script)) {
                    return Verdict.notCurrent(script + " changed since it was applied");
                }
            }
            return new Verdict(true, scripts.size(), "current");
        } catch (SQLException | IOException | URISyntaxException | RuntimeException e) {
            return Verdict.notCurrent("could not compare (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The file names in db/migration, or null when one is not a plain versioned SQL migration. */
    private static TreeSet<String> migrationScripts(ClassLoader classLoader) throws IOException, URISyntaxException {
        URL url = classLoader.getResource(DIRECTORY);
        if (url == null) {
            return null;
        }
        TreeSet<String> names = new TreeSet<>();
        if ("file".equals(url.getProtocol())) {
            try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                files.forEach(file -> names.add(file.getFileName().toString()));
            }
        } else if ("jar".equals(url.getProtocol())) {
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            JarFile jarFile = jar.getJarFile();
            String prefix = DIRECTORY + "/";
            Enumeration<JarEntry> entries = jarFile.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.startsWith(prefix) && entry.length() > prefix.length()) {
                    names.add(entry.substring(prefix.length()));
                }
            }
        } else {
            return null;
        }
        return names.stream().allMatch(name -> VERSIONED.matcher(name).matches()) ? names : null;
    }
}
