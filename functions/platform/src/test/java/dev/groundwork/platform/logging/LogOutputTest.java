package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The log level as Powertools reads it, and which loggers follow it. */
class LogOutputTest {

    @Test
    void readsTheLevelAsPowertoolsDoesFatalAsErrorAndAnythingElseAsInfo() {
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "DEBUG")))
                .isEqualTo(Level.DEBUG);
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "warn")))
                .isEqualTo(Level.WARN);
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "FATAL")))
                .isEqualTo(Level.ERROR);
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "OFF")))
                .isEqualTo(Level.INFO);
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "ALL")))
                .isEqualTo(Level.INFO);
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", "loud")))
                .isEqualTo(Level.INFO);
        assertThat(LogOutput.configuredLevel(Map.of())).isEqualTo(Level.INFO);
    }

    @Test
    void fallsBackToLambdasOwnLogLevelAsPowertoolsDoes() {
        assertThat(LogOutput.configuredLevel(Map.of("AWS_LAMBDA_LOG_LEVEL", "ERROR")))
                .isEqualTo(Level.ERROR);
        assertThat(LogOutput.configuredLevel(Map.of("AWS_LAMBDA_LOG_LEVEL", "ERROR", "POWERTOOLS_LOG_LEVEL", "DEBUG")))
                .isEqualTo(Level.DEBUG);
    }

    @Test
    void keepsTheSdkAtWarnBelowItAndFollowsTheLevelAboveIt() {
        // given
        LoggerContext context = new LoggerContext();

        // when: DEBUG, as a sampled request sets it
        LogOutput.setLevel(context, Level.DEBUG);

        // then
        assertThat(context.getLogger("software.amazon.awssdk.request").getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.groundwork.items").getEffectiveLevel())
                .isEqualTo(Level.DEBUG);

        // when: ERROR
        LogOutput.setLevel(context, Level.ERROR);

        // then
        assertThat(context.getLogger("software.amazon.awssdk.request").getEffectiveLevel())
                .isEqualTo(Level.ERROR);
    }
}
