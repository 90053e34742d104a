package dev.podloom.shows;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShowAudioOnPostgresTest extends ShowAudioContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> p = new HashMap<>(ArticlePages.renderingApp(Databases.postgres()));
        p.put("podloom.show-audio.max-bytes", String.valueOf(MAX_BYTES));
        return p;
    }
}
