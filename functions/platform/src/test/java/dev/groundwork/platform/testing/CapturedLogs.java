package dev.groundwork.platform.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.groundwork.platform.logging.LogOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * The log lines the functions write while it is open, each encoded by the production appender's encoder
 * ({@link LogOutput}): tests read exactly what CloudWatch Logs would get.
 */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final AppenderBase<ILoggingEvent> appender;

    private CapturedLogs() {
        Encoder<ILoggingEvent> encoder =
                ((OutputStreamAppender<ILoggingEvent>) root.getAppender(LogOutput.APPENDER)).getEncoder();
        appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(encoder.encode(event), StandardCharsets.UTF_8).stripTrailing());
            }
        };
        appender.setContext(root.getLoggerContext());
        appender.setName("captured");
        appender.start();
        root.addAppender(appender);
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
