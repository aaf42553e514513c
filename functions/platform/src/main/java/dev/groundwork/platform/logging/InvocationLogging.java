package dev.groundwork.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * One invocation's logging: Powertools' {@code withLogging} (the Lambda context's fields in the MDC, log sampling, the
 * MDC cleared after), with the log level put back when the invocation ends. Powertools 2.9.0 raises the level to DEBUG
 * for an invocation its sampling picks ({@code POWERTOOLS_LOGGER_SAMPLE_RATE}) and never lowers it again, so one
 * sampled request would leave its container logging at DEBUG for good.
 */
public final class InvocationLogging {
    private InvocationLogging() {}

    public static <T> T withLogging(Context context, Supplier<T> invocation) {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Level before = logging.getLogger(Logger.ROOT_LOGGER_NAME).getLevel();
        try {
            return PowertoolsLogging.withLogging(context, invocation);
        } finally {
            LogOutput.setLevel(logging, before);
        }
    }
}
