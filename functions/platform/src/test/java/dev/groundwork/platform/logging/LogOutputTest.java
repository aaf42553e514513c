package dev.groundwork.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;

/** The root level read from POWERTOOLS_LOG_LEVEL, as Powertools reads it. */
class LogOutputTest {

    @Test
    void readsTheLevelAsPowertoolsDoesFatalAsErrorAndAnythingElseAsInfo() {
        assertThat(LogOutput.level("DEBUG")).isEqualTo(Level.DEBUG);
        assertThat(LogOutput.level("warn")).isEqualTo(Level.WARN);
        assertThat(LogOutput.level("FATAL")).isEqualTo(Level.ERROR);
        assertThat(LogOutput.level("loud")).isEqualTo(Level.INFO);
        assertThat(LogOutput.level(null)).isEqualTo(Level.INFO);
    }
}
