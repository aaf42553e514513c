package dev.groundwork.dynamodb.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.Test;

class StorageKeyTest {
    static AttributeValue s(String value) {
        return AttributeValue.s(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.n(value);
    }

    @Test
    void ordersSortKeysAsDynamoDbDoes() {
        assertThat(KeyOrder.compare(n("9"), n("10"))).isNegative();
        assertThat(KeyOrder.compare(n("-1"), n("-0.5"))).isNegative();
        assertThat(KeyOrder.compare(s("Z"), s("a"))).isNegative();
        // U+FFFD is one UTF-16 unit, 😀 is a surrogate pair: by UTF-8 bytes (code points) the emoji is larger.
        assertThat(KeyOrder.compare(s("\uFFFD"), s("😀"))).isNegative();
        assertThat(KeyOrder.compare(AttributeValue.b(new byte[] {(byte) 0x80}), AttributeValue.b(new byte[] {0x7f})))
                .isPositive();
    }

    @Test
    void equalItemKeysHashAlikeAndAPartitionsSortKeysSpreadOverAHashMap() {
        assertThat(StorageKey.of(s("p"), n("1.0")))
                .isEqualTo(StorageKey.of(s("p"), n("1")))
                .hasSameHashCodeAs(StorageKey.of(s("p"), n("1")));
        assertThat(StorageKey.of(s("p"), AttributeValue.b(new byte[] {1, 2})))
                .hasSameHashCodeAs(StorageKey.of(s("p"), AttributeValue.b(new byte[] {1, 2})));
        assertThat(StorageKey.of(n("7"), null))
                .isEqualTo(StorageKey.of(n("7.00"), null))
                .hasSameHashCodeAs(StorageKey.of(n("7.00"), null));

        Map<StorageKey, Integer> byKey = new HashMap<>();
        for (int sort = 0; sort < 1000; sort++)
            byKey.put(StorageKey.of(s("one partition"), n(Integer.toString(sort))), sort);
        assertThat(byKey.keySet().stream()
                        .mapToInt(StorageKey::hashCode)
                        .distinct()
                        .count())
                .isEqualTo(1000);
        assertThat(byKey).containsEntry(StorageKey.of(s("one partition"), n("500.0")), 500);
    }

    @Test
    void keepsAPartitionContiguousAndSortedWithBoundsAtItsEnds() {
        ConcurrentSkipListMap<StorageKey, String> map = new ConcurrentSkipListMap<>();
        for (String partition : List.of("a", "b", "c")) {
            for (int sort : new int[] {10, 2, 33})
                map.put(StorageKey.of(s(partition), n(Integer.toString(sort))), partition + sort);
        }

        var partition = map.subMap(
                StorageKey.partitionBound(s("b"), StorageKey.BELOW),
                true,
                StorageKey.partitionBound(s("b"), StorageKey.ABOVE),
                true);
        assertThat(partition.values()).containsExactly("b2", "b10", "b33");

        var atLeastTen = map.subMap(
                StorageKey.rangeBound(s("b"), n("10"), StorageKey.BELOW),
                true,
                StorageKey.partitionBound(s("b"), StorageKey.ABOVE),
                true);
        assertThat(atLeastTen.values()).containsExactly("b10", "b33");
        var aboveTen = map.subMap(
                StorageKey.rangeBound(s("b"), n("10"), StorageKey.ABOVE),
                true,
                StorageKey.partitionBound(s("b"), StorageKey.ABOVE),
                true);
        assertThat(aboveTen.values()).containsExactly("b33");
    }

    @Test
    void ordersIndexEntriesWithEqualIndexKeysByTheirTableKey() {
        ConcurrentSkipListMap<StorageKey, String> index = new ConcurrentSkipListMap<>();
        index.put(StorageKey.indexEntry(s("g"), n("1"), StorageKey.of(s("t2"), null)), "second");
        index.put(StorageKey.indexEntry(s("g"), n("1"), StorageKey.of(s("t1"), null)), "first");
        index.put(StorageKey.indexEntry(s("g"), n("0"), StorageKey.of(s("t9"), null)), "zero");

        var exactlyOne = index.subMap(
                StorageKey.rangeBound(s("g"), n("1"), StorageKey.BELOW),
                true,
                StorageKey.rangeBound(s("g"), n("1"), StorageKey.ABOVE),
                true);
        assertThat(exactlyOne).hasSize(2);
        assertThat(index.values()).hasSize(3).contains("zero", "first", "second");
    }

    @Test
    void splitsTheTokenSpaceIntoSegmentsThatCoverEveryKeyOnce() {
        ConcurrentSkipListMap<StorageKey, Integer> map = new ConcurrentSkipListMap<>();
        for (int i = 0; i < 1000; i++) map.put(StorageKey.of(s("k" + i), null), i);
        int total = 0;
        int segments = 7;
        for (int segment = 0; segment < segments; segment++) {
            long low = (1L << 32) * segment / segments;
            long high = (1L << 32) * (segment + 1) / segments;
            StorageKey from = StorageKey.tokenStart((int) (low + Integer.MIN_VALUE));
            var view = high >= (1L << 32)
                    ? map.tailMap(from, true)
                    : map.subMap(from, true, StorageKey.tokenStart((int) (high + Integer.MIN_VALUE)), false);
            assertThat(view.size()).as("segment %d is a fair share", segment).isBetween(80, 210);
            total += view.size();
        }
        assertThat(total).isEqualTo(1000);
    }
}
