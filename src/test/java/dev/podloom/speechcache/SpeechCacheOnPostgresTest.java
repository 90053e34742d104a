package dev.podloom.speechcache;

import dev.podloom.testsupport.Databases;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeechCacheOnPostgresTest extends SpeechCacheContract implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        return Databases.postgres();
    }
}
