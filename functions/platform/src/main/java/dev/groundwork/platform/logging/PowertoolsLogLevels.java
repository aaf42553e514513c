package dev.groundwork.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools sets the log level on Logback (it finds this through {@code META-INF/services}): to
 * {@code POWERTOOLS_LOG_LEVEL} when its logging starts, to DEBUG for a request its log sampling picks and back after
 * it. The level is the root's, which every logger follows but those {@link LogOutput#FIXED_LEVELS} pins.
 */
public final class PowertoolsLogLevels implements LoggingManager {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @Override
    public void setLogLevel(org.slf4j.event.Level level) {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.convertAnSLF4JLevel(level));
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
