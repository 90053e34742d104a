package dev.podloom.translations;

import dev.podloom.testsupport.ArticlePages;
import dev.podloom.testsupport.Databases;
import dev.podloom.testsupport.RequiresTool;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

@MicronautTest(transactional = false)
@RequiresTool("espeak-ng")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TranslationOnPostgresTest extends TranslationContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return withModel(ArticlePages.renderingApp(Databases.postgres()));
    }
}
