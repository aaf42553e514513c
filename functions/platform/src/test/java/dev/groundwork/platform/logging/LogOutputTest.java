package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The log level as Powertools reads it, and which loggers follow it. */
class LogOutputTest {

    @ParameterizedTest
    @CsvSource({"DEBUG, DEBUG", "warn, WARN", "FATAL, ERROR", "OFF, INFO", "ALL, INFO", "loud, INFO"})
    void readsTheLevelAsPowertoolsDoesFatalAsErrorAndAnythingElseAsInfo(String configured, String level) {
        assertThat(LogOutput.configuredLevel(Map.of("POWERTOOLS_LOG_LEVEL", configured)))
                .isEqualTo(Level.toLevel(level));
    }

    @Test
    void readsInfoWhenNoLevelIsSet() {
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
