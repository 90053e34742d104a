package dev.podloom.fetch;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class UrlPolicyTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.example.com/podloom?x=1", "http://example.com", "HTTPS://Example.com/a#b",
            "http://[2001:db8::1]:8080/x", "http://2130706433/"})
    void acceptsAbsoluteHttpUrlsWithAHost(String url) {
        assertThat(UrlPolicy.problem(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://hooks.example.com/", "/relative", "not a url", "file:///etc/passwd", "http://",
            "mailto:a@example.com", " "})
    void refusesAnythingButAbsoluteHttpWithAHost(String url) {
        assertThat(UrlPolicy.problem(url)).contains("must be an absolute http or https URL");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@hooks.example.com/", "http://user@example.com/",
            "http://a%40b:c@example.com/", "http://:@example.com/"})
    void refusesCredentialsInTheUrl(String url) {
        assertThat(UrlPolicy.problem(url)).contains("must not contain credentials (user:password@)");
    }

    @org.junit.jupiter.api.Test
    void refusesUrlsLongerThan2048Characters() {
        assertThat(UrlPolicy.problem("https://example.com/" + "a".repeat(2048))).contains("must be at most 2048 characters");
    }
}
