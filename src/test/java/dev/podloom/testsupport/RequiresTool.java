package dev.podloom.testsupport;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test (or every test of a class) only when the named command-line tools are on the {@code PATH}.
 * Locally a missing tool skips the test; on CI ({@code CI=true}) a missing tool fails it, so a CI image that
 * lost a tool cannot silently stop checking what the tool verifies.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresToolCondition.class)
public @interface RequiresTool {

    /** Executable names, e.g. {@code "ffmpeg"}. */
    String[] value();
}
