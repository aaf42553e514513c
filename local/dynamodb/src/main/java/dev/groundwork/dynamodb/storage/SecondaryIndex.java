package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.ItemSize;
import java.time.Clock;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A global or local secondary index: its own sorted map from index key (then table key) to the base item. It keeps a
 * reference to the table's stored item rather than a projected copy, and projects on read; that costs nothing in
 * memory and gives the same answers, because the entry is replaced whenever the item changes.
 */
public final class SecondaryIndex {
    public final String name;
    public final boolean global;
    public final KeySchema keys;
    public final IndexProjection projection;
    final String arn;
    final long readCapacity;
    final long writeCapacity;
    private final ConcurrentSkipListMap<StorageKey, StoredItem> entries = new ConcurrentSkipListMap<>();
    private long sizeBytes;
    /** When an index added by UpdateTable finishes backfilling on the database's clock; 0 when it never backfills. */
    private volatile long activeAtMillis;

    public SecondaryIndex(
            String name,
            boolean global,
            KeySchema keys,
            IndexProjection projection,
            String arn,
            long readCapacity,
            long writeCapacity) {
        this.name = name;
        this.global = global;
        this.keys = keys;
        this.projection = projection;
        this.arn = arn;
        this.readCapacity = readCapacity;
        this.writeCapacity = writeCapacity;
    }

    /** The entries by index key, then table key, to read under the table's lock; only {@link #apply} changes them. */
    public NavigableMap<StorageKey, StoredItem> entriesInKeyOrder() {
        return entries;
    }

    public StorageKey entryKey(Map<String, AttributeValue> item, StorageKey tableKey) {
        return StorageKey.indexEntry(
                item.get(keys.hashName()), keys.hasRange() ? item.get(keys.rangeName()) : null, tableKey);
    }

    public Map<String, AttributeValue> project(Map<String, AttributeValue> item, KeySchema tableKeys) {
        return projection.apply(item, tableKeys, keys);
    }

    long projectedSize(Map<String, AttributeValue> item, KeySchema tableKeys) {
        return ItemSize.of(project(item, tableKeys));
    }

    /**
     * Keeps the index in step with one item write (called under the table's write lock) and returns the write capacity
     * units it cost by AWS's rules: nothing when the index is untouched, one write when an entry appears, disappears or
     * changes its projected attributes in place, two when the index key itself changes.
     */
    double apply(
            KeySchema tableKeys,
            StorageKey tableKey,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            StoredItem stored) {
        boolean wasIndexed = oldItem != null && keys.indexes(oldItem);
        boolean isIndexed = newItem != null && keys.indexes(newItem);
        if (!wasIndexed && !isIndexed) return 0;
        double units = 0;
        StorageKey oldKey = wasIndexed ? entryKey(oldItem, tableKey) : null;
        StorageKey newKey = isIndexed ? entryKey(newItem, tableKey) : null;
        Map<String, AttributeValue> oldProjected = wasIndexed ? project(oldItem, tableKeys) : null;
        Map<String, AttributeValue> newProjected = isIndexed ? project(newItem, tableKeys) : null;
        if (wasIndexed) {
            long oldSize = ItemSize.of(oldProjected);
            if (!isIndexed || !oldKey.equals(newKey)) {
                entries.remove(oldKey);
                sizeBytes -= oldSize;
                units += Capacity.writeUnits(oldSize);
            } else {
                sizeBytes -= oldSize;
            }
        }
        if (isIndexed) {
            long newSize = ItemSize.of(newProjected);
            entries.put(newKey, stored);
            sizeBytes += newSize;
            if (!wasIndexed || !oldKey.equals(newKey) || !oldProjected.equals(newProjected))
                units += Capacity.writeUnits(newSize);
        }
        return units;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** Keeps an index that UpdateTable adds CREATING (backfilling) until {@code millis} on the database's clock. */
    public void activeAt(long millis) {
        activeAtMillis = millis;
    }

    /** Whether the index is still backfilling: DynamoDB refuses to read it until it is ACTIVE. */
    public boolean creating(Clock clock) {
        long at = activeAtMillis;
        return at != 0 && clock.millis() < at;
    }

    /** The index as it is now; the caller holds the table's lock. */
    TableDescription.Index description(Clock clock) {
        return new TableDescription.Index(
                name,
                global,
                keys,
                projection,
                arn,
                readCapacity,
                writeCapacity,
                sizeBytes,
                entries.size(),
                creating(clock));
    }
}
