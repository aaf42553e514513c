package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UlidGeneratorTest {

    @Test
    void encodesTheMillisecondsInTheFirstTenCharacters() {
        Clock clock = Clock.fixed(Instant.ofEpochMilli(1_469_918_176_385L), ZoneOffset.UTC);

        ItemId id = new UlidGenerator(clock, new Random(1)).next();

        // The ULID spec's own example timestamp.
        assertThat(id.value()).startsWith("01ARYZ6S41").hasSize(26);
    }

    @Test
    void ordersIdsByTimeAndWithinAMillisecond() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
        UlidGenerator ids = new UlidGenerator(clock, new Random(3));
        List<ItemId> made = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            made.add(ids.next());
        }

        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void drawsFreshRandomnessEachMillisecond() {
        UlidGenerator first = new UlidGenerator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(1));
        UlidGenerator second = new UlidGenerator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(2));

        assertThat(first.next()).isNotEqualTo(second.next());
    }
}
