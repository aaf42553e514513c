package dev.groundwork.platform.logging;

import ch.qos.logback.classic.LoggerContext;
import com.amazonaws.services.lambda.runtime.Context;
import java.util.function.Supplier;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * One invocation's logging: Powertools' {@code withLogging} (the Lambda context's fields in the MDC, log sampling, the
 * MDC cleared after), with the log level back at the configured one when the invocation ends. Powertools 2.9.0 raises
 * the level to DEBUG for an invocation its sampling picks ({@code POWERTOOLS_LOGGER_SAMPLE_RATE}) and never lowers it
 * again, so one sampled request would leave its container logging at DEBUG for good. The configured level, not the one
 * found before: where invocations overlap (the local runner), one that began during a sampled one would otherwise put
 * DEBUG back after it.
 */
public final class InvocationLogging {
    private InvocationLogging() {}

    public static <T> T withLogging(Context context, Supplier<T> invocation) {
        try {
            return PowertoolsLogging.withLogging(context, invocation);
        } finally {
            LogOutput.setLevel((LoggerContext) LoggerFactory.getILoggerFactory(), LogOutput.configured());
        }
    }
}
