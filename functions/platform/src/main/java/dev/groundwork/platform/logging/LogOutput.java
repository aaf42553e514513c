package dev.groundwork.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Logback's configuration, in code (Logback finds it through {@code META-INF/services}, before it would look for any
 * XML, whose parser a cold start would pay for): one appender writing {@link PowertoolsJsonEncoder}'s lines to
 * standard output, which Lambda sends to CloudWatch Logs; the level as Powertools reads it
 * ({@link #configuredLevel}); the SDK never below WARN; and the HTTP client's wire and headers loggers never written.
 */
public final class LogOutput extends ContextAwareBase implements Configurator {
    /** The appender's name: tests find its encoder by it. */
    public static final String APPENDER = "json";

    /** The SDK logs each request's details at DEBUG: it never logs below WARN, whatever the application's level. */
    private static final String SDK = "software.amazon.awssdk";

    /**
     * The SDK's Apache client writes every byte it sends and receives (Authorization headers, STS answers with tenant
     * roles' secret keys, tenants' items) to these loggers at DEBUG: they are off and reach no appender, at any level.
     */
    private static final List<String> NEVER_WRITTEN = List.of("org.apache.http.wire", "org.apache.http.headers");

    /** The environment's level, read once, when Logback starts. */
    private static volatile Level configured = Level.INFO;

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

        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
        for (String name : NEVER_WRITTEN) {
            Logger logger = context.getLogger(name);
            logger.setLevel(Level.OFF);
            logger.setAdditive(false);
        }
        configured = configuredLevel(System.getenv());
        setLevel(context, configured);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The level the environment sets, which every invocation ends at ({@link InvocationLogging}). */
    static Level configured() {
        return configured;
    }

    /** The application's level: the root logger's, and the SDK's unless that would be below WARN. */
    static void setLevel(LoggerContext context, Level level) {
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level);
        context.getLogger(SDK).setLevel(level.isGreaterOrEqual(Level.WARN) ? level : Level.WARN);
    }

    /**
     * As Powertools reads its variables: {@code POWERTOOLS_LOG_LEVEL}, else Lambda's {@code AWS_LAMBDA_LOG_LEVEL}, else
     * INFO; FATAL, which SLF4J lacks, is ERROR; a name SLF4J does not know (OFF, ALL, a typo) is INFO.
     */
    static Level configuredLevel(Map<String, String> env) {
        String configured = env.getOrDefault("POWERTOOLS_LOG_LEVEL", env.get("AWS_LAMBDA_LOG_LEVEL"));
        if (configured == null) {
            return Level.INFO;
        }
        return switch (configured.toUpperCase(Locale.ROOT)) {
            case "TRACE" -> Level.TRACE;
            case "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }
}
