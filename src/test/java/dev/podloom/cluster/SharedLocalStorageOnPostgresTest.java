package dev.podloom.cluster;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.podloom.shows.FinishedPodcasts;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes on one PostgreSQL with local storage in one shared directory and no configured link secret: a link
 * asked from the node that did not render the podcast downloads, and a link minted by either node is served by
 * both (one secret, from the database). Each node warns at startup what several nodes need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedLocalStorageOnPostgresTest {

    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private EmbeddedServer node1;
    private EmbeddedServer node2;

    @BeforeAll
    void start() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.podloom.storage.SeveralNodesWarning");
        warnings.start();
        logger.addAppender(warnings);
        Map<String, String> database = Databases.postgres();
        Path shared = Files.createTempDirectory("podloom-shared-objects-");
        node1 = node(database, shared);
        node2 = node(database, shared);
    }

    private static EmbeddedServer node(Map<String, String> database, Path shared) throws Exception {
        Map<String, Object> p = new HashMap<>(database);
        p.put("podloom.data-dir", Files.createTempDirectory("podloom-node-").toString());
        p.put("podloom.storage.local-directory", shared.toString());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("podloom.jobs.enabled", "false");
        p.put("micronaut.server.port", "-1"); // links name the node's own address
        return ApplicationContext.run(EmbeddedServer.class, p);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger("dev.podloom.storage.SeveralNodesWarning")).detachAppender(warnings);
        node1.close();
        node2.close();
    }

    @Test
    void eachNodeWarnsAtStartupWhatSeveralNodesNeedWithLocalStorageOnPostgres() {
        List<String> messages = warnings.list.stream().map(ILoggingEvent::getFormattedMessage).toList();

        assertThat(messages).hasSize(2).allSatisfy(m -> assertThat(m)
                .contains("Local storage on PostgreSQL").contains("PODLOOM_STORAGE_TYPE=s3")
                .contains("PODLOOM_STORAGE_LOCAL_DIRECTORY").contains("link secret is kept in the database"));
    }

    @Test
    void aLinkAskedFromEitherNodeDownloadsFromEitherNode() throws Exception {
        JsonMapper json = node1.getApplicationContext().getBean(JsonMapper.class);
        TestApi api1 = new TestApi(node1, json);
        TestApi api2 = new TestApi(node2, json);
        String account = api1.createAccount("shared", 100);
        String apiKey = api1.createKey(account, "prod");
        // Rendered (stored) by node 1 only.
        FinishedPodcasts.Completed podcast = new FinishedPodcasts(node1.getApplicationContext())
                .completed(account, "Shared", 5000, FinishedPodcasts.spec(null, false, null));

        String fromNode1 = (String) api1.get("/v1/podcasts/" + podcast.id() + "/download", key(apiKey)).data()
                .get("download_url");
        String fromNode2 = (String) api2.get("/v1/podcasts/" + podcast.id() + "/download", key(apiKey)).data()
                .get("download_url");

        for (String link : List.of(fromNode1, fromNode2)) {
            String pathAndQuery = URI.create(link).getRawPath() + "?" + URI.create(link).getRawQuery();
            assertThat(api1.download(node1.getURI() + pathAndQuery)).isEqualTo(podcast.audio());
            assertThat(api2.download(node2.getURI() + pathAndQuery)).isEqualTo(podcast.audio());
        }
    }
}
