package dev.podloom.api;

import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import dev.podloom.testsupport.TestRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PodcastApiOnH2Test extends PodcastApiContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("podloom.jobs.enabled", "false"); // money and answers only: nothing renders
        p.put("podloom.pricing-rules", TestRules.unlimited());
        return p;
    }
}
