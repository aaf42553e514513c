package dev.groundwork.platform.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * The log lines the functions write while it is open, formatted by the production layout (functions/platform's
 * log4j2.properties): tests read exactly what CloudWatch Logs would get.
 */
public final class CapturedLogs implements AutoCloseable {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LoggerContext context = (LoggerContext) LogManager.getContext(false);
    private final AbstractAppender appender;

    private CapturedLogs() {
        Configuration configuration = context.getConfiguration();
        appender =
                new AbstractAppender(
                        "captured",
                        null,
                        configuration.getAppender("JsonAppender").getLayout(),
                        true,
                        Property.EMPTY_ARRAY) {
                    @Override
                    public void append(LogEvent event) {
                        lines.add(new String(getLayout().toByteArray(event), StandardCharsets.UTF_8));
                    }
                };
        appender.start();
        configuration.getRootLogger().addAppender(appender, null, null);
        context.updateLoggers();
    }

    public static CapturedLogs start() {
        return new CapturedLogs();
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender("captured");
        context.updateLoggers();
        appender.stop();
    }
}
