package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.platform.testing.CapturedLogs;
import dev.groundwork.platform.testing.TestContext;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManagerRegistry;

/** A sampled invocation logs at DEBUG; the next one at the configured level again. */
class InvocationLoggingTest {
    private static final Logger LOG = LoggerFactory.getLogger(InvocationLoggingTest.class);

    @Test
    void putsTheLevelBackAfterAnInvocationThatSamplingRaisedToDebug() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            // given: an invocation that Powertools' log sampling picked: it sets DEBUG through the level manager
            InvocationLogging.withLogging(new TestContext("GetItemFunction"), () -> {
                LoggingManagerRegistry.getLoggingManager().setLogLevel(Level.DEBUG);
                LOG.debug("sampled detail");
                return null;
            });

            // when: the next invocation
            InvocationLogging.withLogging(new TestContext("GetItemFunction"), () -> {
                LOG.debug("unsampled detail");
                return null;
            });

            // then
            assertThat(logs.lines()).anyMatch(line -> line.contains("sampled detail"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("unsampled detail"));
        }
    }
}
