package dev.groundwork.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class StreamEventSourceTest {
    /** {@code {"Records":[]}}: what an event takes around its records. */
    private static final int ENVELOPE = 14;

    @Test
    void deliversRecordsThatFitInOneBatch() {
        assertThat(StreamEventSource.batchEnds(List.of(10, 20, 30), 1_000)).containsExactly(3);
        assertThat(StreamEventSource.batchEnds(List.of(), 1_000)).isEmpty();
    }

    @Test
    void cutsABatchWhereTheNextRecordWouldNotFitAsLambdaBuildsThemWithinTheLimit() {
        // two records and the comma between them take 100 + 1 + 100 + the envelope
        long limit = ENVELOPE + 201;

        assertThat(StreamEventSource.batchEnds(List.of(100, 100, 100, 100, 100), limit))
                .containsExactly(2, 4, 5);
        assertThat(StreamEventSource.batchEnds(List.of(100, 100, 100, 100, 100), limit - 1))
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void stopsBeforeARecordOverTheLimitOnItsOwnWhichCanNeverBeDelivered() {
        long limit = ENVELOPE + 100;

        assertThat(StreamEventSource.batchEnds(List.of(50, 40, 101, 10), limit)).containsExactly(2);
        assertThat(StreamEventSource.batchEnds(List.of(101, 10), limit)).isEmpty();
    }

    @Property(tries = 500)
    void everyBatchIsWithinTheLimitAndTheRecordsAreDeliveredInOrderUpToTheFirstThatCannotBe(
            @ForAll @Size(max = 60) List<@IntRange(min = 1, max = 5_000) Integer> sizes,
            @ForAll @IntRange(min = ENVELOPE + 1, max = 20_000) int limit) {
        List<Integer> ends = StreamEventSource.batchEnds(sizes, limit);

        int deliverable = 0;
        while (deliverable < sizes.size() && ENVELOPE + sizes.get(deliverable) <= limit) {
            deliverable++;
        }
        List<Integer> expectedLast = deliverable == 0 ? List.of() : List.of(deliverable);
        assertThat(ends.isEmpty() ? List.of() : List.of(ends.getLast())).isEqualTo(expectedLast);
        int from = 0;
        for (int to : ends) {
            assertThat(to).isGreaterThan(from);
            long bytes = ENVELOPE + (to - from - 1);
            for (int i = from; i < to; i++) {
                bytes += sizes.get(i);
            }
            assertThat(bytes).isLessThanOrEqualTo(limit);
            if (to < deliverable) {
                // cut only where the next record would not fit
                assertThat(bytes + 1 + sizes.get(to)).isGreaterThan(limit);
            }
            from = to;
        }
    }
}
