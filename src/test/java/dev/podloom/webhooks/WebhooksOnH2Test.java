package dev.podloom.webhooks;

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
class WebhooksOnH2Test extends WebhooksContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("micronaut.server.port", "-1"); // a free port: other suites may be running on this machine
        p.put("podloom.fetch.allow-private-networks", "true"); // the receiver listens on loopback
        p.put("podloom.webhooks.retry-delays", "1s,1s,1s");
        p.put("podloom.jobs.polling-interval", "200ms");
        p.put("podloom.pricing-rules", TestRules.fastPolling()); // the tests poll the deliveries list
        return p;
    }
}
