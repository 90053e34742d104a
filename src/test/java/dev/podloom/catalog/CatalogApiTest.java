package dev.podloom.catalog;

import dev.podloom.speech.VoiceCatalog;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestApi;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.podloom.testsupport.TestApi.key;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CatalogApiTest implements TestPropertyProvider {

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    VoiceCatalog catalog;

    TestApi api;
    String apiKey;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(Databases.h2());
        p.put("podloom.admin-token", TestApi.ADMIN_TOKEN);
        p.put("micronaut.server.port", "-1"); // a free port: other suites may be running on this machine
        p.put("podloom.jobs.enabled", "false");
        return p;
    }

    @BeforeEach
    void connect() {
        api = new TestApi(server, json);
        apiKey = api.createKey(api.createAccount("acme", 0), "test");
    }

    @Test
    void theCatalogNeedsAnApiKey() {
        assertThat(api.get("/v1/voices").status()).isEqualTo(401);
        assertThat(api.get("/v1/styles").status()).isEqualTo(401);
        assertThat(api.get("/v1/languages").status()).isEqualTo(401);
    }

    @Test
    void voicesAreThoseOfTheInstalledEnginesAndFilterByPrimaryLanguage() {
        List<Map<String, Object>> all = list(api.get("/v1/voices", key(apiKey)).data(), "voices");
        assertThat(all).hasSize(catalog.voices().size()).isNotEmpty();
        assertThat(all.getFirst()).containsKeys("id", "engine", "language", "gender", "sample_rate", "description");

        List<Map<String, Object>> english = list(api.get("/v1/voices?language=en-GB", key(apiKey)).data(), "voices");
        assertThat(english).isNotEmpty().allSatisfy(v -> assertThat(v).containsEntry("language", "en"));
        assertThat(list(api.get("/v1/voices?language=tlh", key(apiKey)).data(), "voices")).isEmpty();
    }

    @Test
    void stylesListEveryFormatWithItsSpeakerCount() {
        List<Map<String, Object>> styles = list(api.get("/v1/styles", key(apiKey)).data(), "styles");
        assertThat(styles).extracting(s -> s.get("id")).contains("deep_dive", "conversational", "lecture");
        assertThat(styles).filteredOn(s -> s.get("id").equals("lecture")).first().satisfies(
                s -> assertThat(s).containsEntry("voices", 1).containsKey("description"));
    }

    @Test
    void languagesAreThoseSomeInstalledVoiceSpeaksWithTheirVoiceCount() {
        List<Map<String, Object>> languages = list(api.get("/v1/languages", key(apiKey)).data(), "languages");
        assertThat(languages).extracting(l -> l.get("code")).containsExactlyElementsOf(catalog.languages());
        assertThat(languages).filteredOn(l -> l.get("code").equals("en")).first().satisfies(l -> {
            assertThat(l.get("voices")).isEqualTo(catalog.voicesFor("en").size());
            assertThat((List<?>) l.get("engines")).isNotEmpty();
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> data, String field) {
        return (List<Map<String, Object>>) data.get(field);
    }
}
