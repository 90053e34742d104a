package dev.podloom.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;

import java.util.Locale;
import java.util.Map;

/**
 * The service's logging, set up in code (found by logback as a {@link Configurator} service) instead of from a
 * {@code logback.xml}: parsing that XML was a tenth of the main thread's work at startup. One console appender:
 * text lines by default, or one JSON object per line with {@code PODLOOM_LOG_FORMAT=json} (the message with its
 * arguments under {@code formattedMessage}, the request id under {@code mdc.request_id}); the root level from {@code PODLOOM_LOG_LEVEL} (default {@code INFO}). Each setting is
 * read from a system property of the same name first, then from the environment.
 *
 * <p>An operator who wants a logback configuration of their own names it with
 * {@code -Dlogback.configurationFile=…}; this configurator then steps aside and logback reads that file.
 */
public final class LogbackConfigurator extends ContextAwareBase implements Configurator {

    static final String TEXT_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} %X{request_id:-} - %msg%n";

    /** Libraries that are chatty at INFO; {@code HTTP_ACCESS_LOGGER} (PODLOOM_ACCESS_LOG) stays at INFO. */
    static final Map<String, Level> LEVELS = Map.of(
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.WARN,
            "com.github.kagkarlsson", Level.WARN,
            "HTTP_ACCESS_LOGGER", Level.INFO);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        boolean json = "json".equals(setting("PODLOOM_LOG_FORMAT", "text").toLowerCase(Locale.ROOT));
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(json ? "json" : "text");
        appender.setEncoder(json ? jsonEncoder(context) : textEncoder(context));
        appender.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(setting("PODLOOM_LOG_LEVEL", "INFO"), Level.INFO));
        root.addAppender(appender);
        LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Encoder<ILoggingEvent> textEncoder(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> jsonEncoder(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithArguments(false);
        // the message with its arguments filled in ("formattedMessage"), not the bare pattern with {} in it
        encoder.setWithMessage(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
