package dev.groundwork.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * Logback's configuration, in code (Logback finds it through {@code META-INF/services}, before it would look for any
 * XML, whose parser a cold start would pay for): one appender writing {@link PowertoolsJsonEncoder}'s lines to
 * standard output, which Lambda sends to CloudWatch Logs; the root level from {@code POWERTOOLS_LOG_LEVEL}
 * ({@code INFO} when unset or unknown); and the loggers below, whatever that level.
 */
public final class LogOutput extends ContextAwareBase implements Configurator {
    /** The appender's name: tests find its encoder by it. */
    public static final String APPENDER = "json";

    /**
     * Loggers whose level {@link PowertoolsLogLevels} never changes. The SDK logs each request's details at DEBUG: it
     * stays at WARN whatever the application's level, and a sampled request at DEBUG does not raise it. The SDK's
     * Apache client writes every byte it sends and receives (Authorization headers, STS answers with tenant roles'
     * secret keys, tenants' items) to its wire and headers loggers at DEBUG: those are off and reach no appender.
     */
    static final Map<String, Level> FIXED_LEVELS = Map.of(
            "software.amazon.awssdk", Level.WARN,
            "org.apache.http.wire", Level.OFF,
            "org.apache.http.headers", Level.OFF);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        PowertoolsJsonEncoder encoder = new PowertoolsJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER);
        console.setEncoder(encoder);
        console.start();

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level(System.getenv("POWERTOOLS_LOG_LEVEL")));
        root.addAppender(console);
        FIXED_LEVELS.forEach((name, level) -> {
            Logger logger = context.getLogger(name);
            logger.setLevel(level);
            logger.setAdditive(level != Level.OFF);
        });
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As Powertools reads the variable: FATAL, which SLF4J lacks, is ERROR; anything unknown is INFO. */
    static Level level(String configured) {
        return "FATAL".equalsIgnoreCase(configured) ? Level.ERROR : Level.toLevel(configured, Level.INFO);
    }
}
