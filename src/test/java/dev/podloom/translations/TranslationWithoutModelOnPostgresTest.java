package dev.podloom.translations;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.TestRules;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslationWithoutModelOnPostgresTest extends TranslationWithoutModelContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> app = new HashMap<>(ArticlePages.renderingApp(Databases.postgres()));
        app.put("podloom.pricing-rules", TestRules.unlimited()); // polling to completion stays within the rate
        return app;
    }
}
