package dev.groundwork.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools sets the log level on Logback (it finds this through {@code META-INF/services}): to
 * {@code POWERTOOLS_LOG_LEVEL} when its logging starts, and to DEBUG for an invocation its log sampling picks
 * ({@link InvocationLogging} puts it back after). {@link LogOutput#setLevel} says which loggers follow it.
 */
public final class PowertoolsLogLevels implements LoggingManager {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        LogOutput.setLevel(context, Level.convertAnSLF4JLevel(level));
    }

    @Override
    public org.slf4j.event.Level getLogLevel(org.slf4j.Logger logger) {
        Level level = context.getLogger(logger.getName()).getEffectiveLevel();
        if (level.isGreaterOrEqual(Level.ERROR)) {
            return org.slf4j.event.Level.ERROR; // OFF too: SLF4J has no such level
        }
        return org.slf4j.event.Level.valueOf(level.toString());
    }
}
