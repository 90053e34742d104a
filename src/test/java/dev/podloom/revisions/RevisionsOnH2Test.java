package dev.podloom.revisions;

import dev.podloom.testsupport.Databases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RevisionsOnH2Test extends RevisionsContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return properties(Databases.h2());
    }
}
