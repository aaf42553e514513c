package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.platform.testing.CapturedLogs;
import dev.groundwork.platform.testing.TestContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManagerRegistry;

/** A sampled invocation logs at DEBUG; every invocation ends at the configured level again. */
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

    @Test
    void endsAtTheConfiguredLevelWhenAnInvocationBeganDuringASampledOneAndEndedAfterIt() throws Exception {
        CountDownLatch sampledAtDebug = new CountDownLatch(1);
        CountDownLatch otherBegan = new CountDownLatch(1);
        CountDownLatch sampledEnded = new CountDownLatch(1);
        try (CapturedLogs logs = CapturedLogs.start()) {
            // given: in the local runner, invocations of one function overlap: a sampled one at DEBUG...
            Thread sampled = Thread.ofPlatform().start(() -> {
                InvocationLogging.withLogging(new TestContext("GetItemFunction"), () -> {
                    LoggingManagerRegistry.getLoggingManager().setLogLevel(Level.DEBUG);
                    sampledAtDebug.countDown();
                    await(otherBegan);
                    return null;
                });
                sampledEnded.countDown();
            });
            // ...and one that begins while it is at DEBUG and ends after it
            Thread other = Thread.ofPlatform().start(() -> {
                await(sampledAtDebug);
                InvocationLogging.withLogging(new TestContext("GetItemFunction"), () -> {
                    otherBegan.countDown();
                    await(sampledEnded);
                    return null;
                });
            });
            sampled.join(10_000);
            other.join(10_000);

            // when
            InvocationLogging.withLogging(new TestContext("GetItemFunction"), () -> {
                LOG.debug("detail after both");
                return null;
            });

            // then
            assertThat(logs.lines()).noneMatch(line -> line.contains("detail after both"));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
