package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;

/**
 * Where an item sits in a table's (or an index's) sorted map: by partition token, partition key, sort key and, for
 * index entries, the base table's key. Keys with a bound instead of a value sit before (-1) or after (+1) every real
 * value at that level; they are the ends of the ranges a Query or a Scan segment reads.
 */
public final class StorageKey implements Comparable<StorageKey> {
    public static final byte BELOW = -1;
    public static final byte ABOVE = 1;

    final int token;
    public final AttributeValue hash;
    public final AttributeValue range;
    public final StorageKey tail;
    private final byte hashBound;
    private final byte rangeBound;
    private final byte tailBound;

    private StorageKey(
            int token,
            AttributeValue hash,
            byte hashBound,
            AttributeValue range,
            byte rangeBound,
            StorageKey tail,
            byte tailBound) {
        this.token = token;
        this.hash = hash;
        this.hashBound = hashBound;
        this.range = range;
        this.rangeBound = rangeBound;
        this.tail = tail;
        this.tailBound = tailBound;
    }

    static StorageKey of(AttributeValue hash, AttributeValue rangeOrNull) {
        return new StorageKey(KeyOrder.token(hash), hash, (byte) 0, rangeOrNull, (byte) 0, null, (byte) 0);
    }

    static StorageKey indexEntry(AttributeValue hash, AttributeValue rangeOrNull, StorageKey tableKey) {
        return new StorageKey(KeyOrder.token(hash), hash, (byte) 0, rangeOrNull, (byte) 0, tableKey, (byte) 0);
    }

    /** Before or after every key of one partition. */
    public static StorageKey partitionBound(AttributeValue hash, byte bound) {
        return new StorageKey(KeyOrder.token(hash), hash, (byte) 0, null, bound, null, bound);
    }

    /** Before or after every entry with this partition and sort key (index entries differ only in their tail). */
    public static StorageKey rangeBound(AttributeValue hash, AttributeValue range, byte bound) {
        return new StorageKey(KeyOrder.token(hash), hash, (byte) 0, range, (byte) 0, null, bound);
    }

    /** Before every key whose token is at least {@code token}. */
    public static StorageKey tokenStart(int token) {
        return new StorageKey(token, null, BELOW, null, BELOW, null, BELOW);
    }

    @Override
    public int compareTo(StorageKey other) {
        int c = Integer.compare(token, other.token);
        if (c != 0) return c;
        if (hashBound != 0 || other.hashBound != 0) {
            c = Byte.compare(hashBound, other.hashBound);
            if (c != 0 || hashBound != 0) return c;
        } else {
            c = KeyOrder.compare(hash, other.hash);
            if (c != 0) return c;
        }
        if (rangeBound != 0 || other.rangeBound != 0) {
            c = Byte.compare(rangeBound, other.rangeBound);
            if (c != 0) return c;
        } else if (range != null && other.range != null) {
            c = KeyOrder.compare(range, other.range);
            if (c != 0) return c;
        }
        if (tailBound != 0 || other.tailBound != 0) return Byte.compare(tailBound, other.tailBound);
        if (tail == null || other.tail == null) return 0;
        return tail.compareTo(other.tail);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StorageKey that && compareTo(that) == 0;
    }

    /**
     * The partition token, mixed with the sort key when there is one, so that a hash map of a table's items spreads a
     * partition over its bins. A hash collection must hold keys of one shape, as one table's item keys are:
     * {@link #compareTo} takes a key without a sort key as equal to every key of its partition.
     */
    @Override
    public int hashCode() {
        return range == null ? token : 31 * token + range.hashCode();
    }

    @Override
    public String toString() {
        return "StorageKey[" + hash + ", " + range + (tail == null ? "" : ", " + tail) + "]";
    }
}
