package dev.groundwork.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final List<Duration> waits = new ArrayList<>();
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), waits::add);

    @Test
    void doublesItsCeilingFromTheBaseUpToTheCap() {
        assertThat(List.of(2, 3, 4, 5, 6, 40).stream().map(backoff::ceiling).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L);
    }

    @Test
    void waitsARandomTimeUpToTheCeilingSoThatCallersDoNotRetryTogether() {
        for (int i = 0; i < 200; i++) {
            backoff.beforeAttempt(4);
        }

        assertThat(waits).allSatisfy(wait -> assertThat(wait.toMillis()).isBetween(0L, 400L));
        assertThat(waits.stream().distinct().count()).isGreaterThan(20);
    }

    @Test
    void refusesACapBelowItsBase() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMillis(1), waits::add))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
