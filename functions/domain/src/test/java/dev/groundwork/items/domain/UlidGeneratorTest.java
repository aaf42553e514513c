package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.SecureRandom;
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

    /**
     * One container serves every tenant in turn: were the step 1, a tenant whose id came right after another tenant's
     * in one millisecond would know that id, and that the other tenant had just created something.
     */
    @Test
    void stepsWithinAMillisecondByAnUnguessableAmountSoAnIdTellsNothingOfTheOneBefore() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
        UlidGenerator ids = new UlidGenerator(clock, new SecureRandom());
        List<BigInteger> randomParts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            randomParts.add(randomPart(ids.next()));
        }

        List<BigInteger> steps = new ArrayList<>();
        for (int i = 1; i < randomParts.size(); i++) {
            steps.add(randomParts.get(i).subtract(randomParts.get(i - 1)));
        }
        assertThat(steps)
                .allSatisfy(step -> assertThat(step).isPositive().isNotEqualTo(BigInteger.ONE))
                .doesNotHaveDuplicates();
    }

    private static BigInteger randomPart(ItemId id) {
        String crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        BigInteger value = BigInteger.ZERO;
        for (char digit : id.value().substring(10).toCharArray()) {
            value = value.shiftLeft(5).add(BigInteger.valueOf(crockford.indexOf(digit)));
        }
        return value;
    }

    @Test
    void drawsFreshRandomnessEachMillisecond() {
        UlidGenerator first = new UlidGenerator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(1));
        UlidGenerator second = new UlidGenerator(Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(2));

        assertThat(first.next()).isNotEqualTo(second.next());
    }

    @Test
    void twoRestoresOfOneSnapshotMakeTheSameIdsWhenNothingIsReseeded() {
        // given: the state a snapshot freezes, restored twice (the same clock, the same generator state)
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
        UlidGenerator first = snapshotRestored(clock);
        UlidGenerator second = snapshotRestored(clock);

        // then: without a reseed, both environments make the same id: the hazard reseed() removes
        assertThat(first.next()).isEqualTo(second.next());
    }

    @Test
    void twoRestoresOfOneSnapshotNeverMakeTheSameIdOnceReseeded() {
        // given: the state a snapshot freezes, restored twice, in the same millisecond
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T18:00:00Z"), ZoneOffset.UTC);
        UlidGenerator first = snapshotRestored(clock);
        UlidGenerator second = snapshotRestored(clock);

        // when: each restored environment reseeds from its own SecureRandom, as the platform's after-restore hook does
        first.reseed(new SecureRandom());
        second.reseed(new SecureRandom());
        List<ItemId> fromFirst = new ArrayList<>();
        List<ItemId> fromSecond = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            fromFirst.add(first.next());
            fromSecond.add(second.next());
        }

        // then: no id is made twice, and each environment's ids still keep their order
        assertThat(fromFirst).doesNotContainAnyElementsOf(fromSecond);
        assertThat(fromFirst).isSorted();
        assertThat(fromSecond).isSorted();
    }

    /**
     * A generator as a restored environment finds it: built before the snapshot (the same seed stands for the same
     * frozen generator state) and used during priming in the snapshot's millisecond.
     */
    private static UlidGenerator snapshotRestored(Clock clock) {
        UlidGenerator ids = new UlidGenerator(clock, new Random(42));
        ids.next();
        return ids;
    }
}
