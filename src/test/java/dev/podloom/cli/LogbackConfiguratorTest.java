package dev.podloom.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class LogbackConfiguratorTest {

    private final PrintStream originalOut = System.out;

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.clearProperty("PODLOOM_LOG_FORMAT");
        System.clearProperty("PODLOOM_LOG_LEVEL");
        System.clearProperty("logback.configurationFile");
        MDC.clear();
    }

    @Test
    void writesTextLinesCarryingTheRequestIdByDefault() {
        String output = logOneLine(configured());

        assertThat(output).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  \\[main\\] dev\\.podloom\\.Test "
                + "req_123 - podcast pod_1 queued\\R");
    }

    @Test
    void writesOneJsonObjectPerLineWithTheRequestIdUnderMdcWhenAskedForJson() throws Exception {
        System.setProperty("PODLOOM_LOG_FORMAT", "json");

        String output = logOneLine(configured());

        assertThat(output.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(output);
        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("loggerName").asText()).isEqualTo("dev.podloom.Test");
        assertThat(line.path("formattedMessage").asText()).isEqualTo("podcast pod_1 queued");
        assertThat(line.path("mdc").path("request_id").asText()).isEqualTo("req_123");
    }

    @Test
    void takesTheRootLevelFromPodloomLogLevelAndQuietsChattyLibraries() {
        System.setProperty("PODLOOM_LOG_LEVEL", "warn");

        LoggerContext context = configured();

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("HTTP_ACCESS_LOGGER").getLevel()).isEqualTo(Level.INFO);
        assertThat(logOneLine(context)).isEmpty();
    }

    @Test
    void stepsAsideForALogbackConfigurationFileTheOperatorNames() {
        System.setProperty("logback.configurationFile", "/etc/podloom/logback.xml");
        LoggerContext context = new LoggerContext();
        LogbackConfigurator configurator = new LogbackConfigurator();
        configurator.setContext(context);

        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext()).isFalse();
    }

    /** A logger context of its own, as logback's service provider makes it (with the MDC) before configuring. */
    private LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter());
        LogbackConfigurator configurator = new LogbackConfigurator();
        configurator.setContext(context);
        assertThat(configurator.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        return context;
    }

    private String logOneLine(LoggerContext context) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        MDC.put("request_id", "req_123");
        String thread = Thread.currentThread().getName();
        Thread.currentThread().setName("main");
        try {
            context.getLogger("dev.podloom.Test").info("podcast {} queued", "pod_1");
        } finally {
            Thread.currentThread().setName(thread);
            System.setOut(originalOut);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
