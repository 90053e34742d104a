package dev.podloom.shows;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShowsAndFeedOnPostgresTest extends ShowsAndFeedContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.postgres());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("micronaut.server.port", "-1"); // a free port: other suites may be running on this machine
        p.put("podloom.jobs.enabled", "false"); // podcasts finish through FinishedPodcasts
        // Cover uploads may be 10 MB; what the application must configure for PUT /v1/shows/{id}/cover.
        p.put("micronaut.server.max-request-size", "11MB");
        return p;
    }
}
