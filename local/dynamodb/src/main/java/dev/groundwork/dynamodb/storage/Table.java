package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One table: its schema, its items in one sorted map (ordered by partition token, then partition key, then sort key
 * in DynamoDB's order, so a partition is a contiguous range), its secondary indexes, its stream and its TTL setting.
 *
 * <p>Writers hold the write lock while they check a condition and commit, so a condition and its write are atomic;
 * transactions hold the write locks of all their tables, so readers (which take the read lock) never see half of one.
 */
public final class Table {
    public final String name;
    public final String arn;
    final String id;
    final long createdAtMillis;
    public final KeySchema keys;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Built once, so that taking the lock allocates nothing. */
    private final Hold readHold = () -> lock.readLock().unlock();

    private final Hold writeHold = () -> lock.writeLock().unlock();
    /** The items in key order, for everything ordered: Query, Scan and partitions. Written only by {@link #commit}. */
    private final ConcurrentSkipListMap<StorageKey, StoredItem> items = new ConcurrentSkipListMap<>();
    /**
     * The same items by key, for the point reads of GetItem and of every write. A skip list's walk touches a node per
     * level, about 14 for 10,000 items and each a likely cache miss under load, where a hash lookup touches two or
     * three. What it saves and what it costs in memory are in docs/embedded-dynamodb.md ("How it serves requests").
     */
    private final ConcurrentHashMap<StorageKey, StoredItem> byKey = new ConcurrentHashMap<>();

    private final Database database;
    private final Map<String, String> attributeTypes;
    private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>();
    private volatile List<SecondaryIndex> indexes;
    private volatile String billingMode;
    private volatile long readCapacity;
    private volatile long writeCapacity;
    /** When a CREATING table becomes ACTIVE; 0 for a table that is ACTIVE from the start. */
    private volatile long activeAtMillis;

    /** 0 until UpdateTable changes the throughput that way. */
    private volatile long lastIncreaseMillis;

    private volatile long lastDecreaseMillis;
    private volatile int decreases;
    private volatile StreamLog stream;
    private volatile String timeToLiveAttribute;
    private final Map<String, String> tags = new ConcurrentSkipListMap<>();
    private volatile boolean deletionProtected;
    private volatile long itemCount;
    private volatile long sizeBytes;

    public Table(
            Database database,
            String name,
            String id,
            long createdAtMillis,
            KeySchema keys,
            Map<String, String> attributeTypes,
            List<SecondaryIndex> indexes,
            String billingMode,
            long readCapacity,
            long writeCapacity) {
        this.database = database;
        this.name = name;
        this.id = id;
        this.arn = database.tableArn(name);
        this.createdAtMillis = createdAtMillis;
        this.keys = keys;
        this.attributeTypes = new LinkedHashMap<>(attributeTypes);
        this.indexes = List.copyOf(indexes);
        this.billingMode = billingMode;
        this.readCapacity = readCapacity;
        this.writeCapacity = writeCapacity;
    }

    /** A hold on the table's lock, let go by closing it: {@code try (Table.Hold held = table.lockForWriting())}. */
    public interface Hold extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the read lock: what is read while it is held is one committed state of the table. */
    public Hold lockForReading() {
        lock.readLock().lock();
        return readHold;
    }

    /** Takes the write lock, which a condition check and its write, or a change of settings, hold together. */
    public Hold lockForWriting() {
        lock.writeLock().lock();
        return writeHold;
    }

    /** The items in key order, to read under the lock; only {@link #commit} changes them. */
    public NavigableMap<StorageKey, StoredItem> itemsInKeyOrder() {
        return items;
    }

    /** The size of one partition's items (an item collection's size, for ItemCollectionMetrics). */
    public long partitionBytes(AttributeValue hash) {
        long bytes = 0;
        for (StoredItem item : items.subMap(
                        StorageKey.partitionBound(hash, StorageKey.BELOW),
                        true,
                        StorageKey.partitionBound(hash, StorageKey.ABOVE),
                        true)
                .values()) {
            bytes += item.size;
        }
        return bytes;
    }

    public List<SecondaryIndex> indexes() {
        return indexes;
    }

    public SecondaryIndex index(String indexName) {
        for (SecondaryIndex index : indexes) {
            if (index.name.equals(indexName)) return index;
        }
        return null;
    }

    /** Whether a write must see the old item's attributes to keep indexes or TTL expiries right. */
    boolean maintainsDerivedData() {
        return !indexes.isEmpty() || timeToLiveAttribute != null;
    }

    public Map<String, String> attributeTypes() {
        return attributeTypes;
    }

    public StreamLog stream() {
        return stream;
    }

    public String timeToLiveAttribute() {
        return timeToLiveAttribute;
    }

    public String billingMode() {
        return billingMode;
    }

    public StoredItem get(StorageKey key) {
        return byKey.get(key);
    }

    /**
     * Commits one item write (a put when {@code newItem} is not null, else a delete) with everything that follows it:
     * indexes, counters, TTL expiries, the stream record and the journal. The caller holds the write lock. A write that
     * changes nothing leaves no trace. Index write units are added to {@code capacity}.
     */
    public void commit(
            StorageKey key,
            StoredItem old,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            Capacity capacity,
            boolean byTimeToLive) {
        commit(key, old, oldItem, newItem, newItem == null ? null : StoredItem.of(newItem), capacity, byTimeToLive);
    }

    /** As above, with {@code newItem} already encoded as {@code stored} (null when {@code newItem} is). */
    public void commit(
            StorageKey key,
            StoredItem old,
            Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem,
            StoredItem stored,
            Capacity capacity,
            boolean byTimeToLive) {
        if (old == null && newItem == null) return;
        // oldItem is null for an existing item only when a plain put did not need to decode it; its text then decides.
        if (old != null && stored != null && (oldItem != null ? oldItem.equals(newItem) : old.json.equals(stored.json)))
            return;
        if (stored == null) {
            items.remove(key);
            byKey.remove(key);
        } else {
            items.put(key, stored);
            byKey.put(key, stored);
        }
        itemCount += (old == null ? 0 : -1) + (stored == null ? 0 : 1);
        sizeBytes += (stored == null ? 0 : stored.size) - (old == null ? 0 : old.size);
        for (SecondaryIndex index : indexes) {
            double units = index.apply(keys, key, oldItem, newItem, stored);
            if (capacity != null) capacity.addIndex(index, units);
        }
        String ttlAttribute = timeToLiveAttribute;
        if (ttlAttribute != null) {
            Expiry before = Expiry.of(oldItem, ttlAttribute, key);
            Expiry after = Expiry.of(newItem, ttlAttribute, key);
            if (before != null) expiries.remove(before);
            if (after != null) expiries.add(after);
        }
        StreamLog log = stream;
        if (log != null && log.enabled()) {
            String eventName = old == null ? "INSERT" : newItem == null ? "REMOVE" : "MODIFY";
            Map<String, AttributeValue> recordKey = keys.keyOf(newItem != null ? newItem : oldItem);
            log.append(
                    database.nextSequence(),
                    eventName,
                    database.clock().millis(),
                    recordKey,
                    old,
                    stored,
                    byTimeToLive);
        }
        Journal journal = database.journal();
        if (journal != Journal.NONE) {
            journal.itemWritten(
                    name,
                    stored == null ? null : stored.json,
                    stored == null ? Json.itemText(keys.keyOf(oldItem)) : null);
        }
    }

    /**
     * AWS's checks of an item about to be stored: its table key, the types of any secondary index key attributes it
     * has, and the 400 KB limit ({@code sizeMessage} differs between PutItem and UpdateItem). Returns the item's size.
     */
    long checkItem(Map<String, AttributeValue> item, String sizeMessage) {
        keys.checkItem(item);
        for (SecondaryIndex index : indexes) {
            checkIndexKey(index, item, index.keys.hashName(), index.keys.hashType(), KeySchema.MAX_HASH_KEY_BYTES);
            if (index.keys.hasRange()) {
                checkIndexKey(
                        index, item, index.keys.rangeName(), index.keys.rangeType(), KeySchema.MAX_RANGE_KEY_BYTES);
            }
        }
        return ItemSize.withinLimit(item, sizeMessage);
    }

    private static void checkIndexKey(
            SecondaryIndex index, Map<String, AttributeValue> item, String attribute, String type, long maxBytes) {
        AttributeValue value = item.get(attribute);
        if (value == null) return;
        if (!value.typeName().equals(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + attribute + " Expected: " + type + " Actual: " + value.typeName() + " IndexName: " + index.name);
        }
        boolean empty = value instanceof AttributeValue.S s && s.value().isEmpty()
                || value instanceof AttributeValue.B b && b.value().length() == 0;
        if (empty) {
            throw DynamoDbException.validation(
                    "One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty "
                            + (value instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: "
                            + index.name + ", IndexKey: " + attribute);
        }
        long size = ItemSize.of(value);
        if (size > maxBytes) {
            // AWS's wording, as its answers quote it (architect/dynalite#35, wellcomecollection/platform#2285).
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Size limit exceeded for Index Key " + attribute
                            + " Actual Size: " + size + " bytes Max Size: " + maxBytes + " bytes IndexName: "
                            + index.name);
        }
    }

    long itemCount() {
        return itemCount;
    }

    long sizeBytes() {
        return sizeBytes;
    }

    /** Items whose TTL has passed, oldest first (AWS leaves alone expiry times more than five years in the past). */
    List<Expiry> expiredAt(long nowEpochSeconds) {
        long fiveYears = 5L * 365 * 24 * 3600;
        List<Expiry> due = new ArrayList<>();
        for (Expiry expiry : expiries) {
            if (expiry.epochSeconds() > nowEpochSeconds) break;
            if (expiry.epochSeconds() >= nowEpochSeconds - fiveYears) due.add(expiry);
        }
        return due;
    }

    // Changes of the table's settings; the caller holds the write lock.

    public void enableTimeToLive(String attribute) {
        timeToLiveAttribute = attribute;
        expiries.clear();
        items.forEach((key, stored) -> {
            Expiry expiry = Expiry.of(stored.decode(), attribute, key);
            if (expiry != null) expiries.add(expiry);
        });
    }

    /** Keeps the table CREATING until {@code millis} on the database's clock. */
    public void activeAt(long millis) {
        activeAtMillis = millis;
    }

    /** The clock the table's database lives by. */
    public Clock clock() {
        return database.clock();
    }

    public boolean creating(Clock clock) {
        long at = activeAtMillis;
        return at != 0 && clock.millis() < at;
    }

    public void disableTimeToLive() {
        timeToLiveAttribute = null;
        expiries.clear();
    }

    public void startStream(StreamLog log) {
        stopStream();
        stream = log;
    }

    public void stopStream() {
        StreamLog log = stream;
        if (log != null) log.disable();
    }

    /**
     * Sets the billing mode and throughput, and notes when the throughput last rose or fell, as DescribeTable's
     * LastIncreaseDateTime and LastDecreaseDateTime tell (the DynamoDB API reference, ProvisionedThroughputDescription).
     */
    public void setThroughput(String billingMode, long readCapacity, long writeCapacity, long nowMillis) {
        if (readCapacity > this.readCapacity || writeCapacity > this.writeCapacity) lastIncreaseMillis = nowMillis;
        if (readCapacity < this.readCapacity || writeCapacity < this.writeCapacity) {
            lastDecreaseMillis = nowMillis;
            decreases++;
        }
        this.billingMode = billingMode;
        this.readCapacity = readCapacity;
        this.writeCapacity = writeCapacity;
    }

    public void addIndex(SecondaryIndex index) {
        items.forEach((key, stored) -> index.apply(keys, key, null, stored.decode(), stored));
        List<SecondaryIndex> next = new ArrayList<>(indexes);
        next.add(index);
        indexes = List.copyOf(next);
    }

    public void removeIndex(String indexName) {
        List<SecondaryIndex> next = new ArrayList<>(indexes);
        next.removeIf(index -> index.name.equals(indexName));
        indexes = List.copyOf(next);
    }

    public boolean deletionProtected() {
        return deletionProtected;
    }

    public void deletionProtected(boolean enabled) {
        deletionProtected = enabled;
    }

    /** The tags in key order; read only, changed through {@link #tag} and {@link #untag}. */
    public Map<String, String> tags() {
        return Collections.unmodifiableMap(tags);
    }

    public void tag(Map<String, String> added) {
        tags.putAll(added);
    }

    public void untag(String key) {
        tags.remove(key);
    }

    public void defineAttribute(String attribute, String type) {
        attributeTypes.put(attribute, type);
    }

    /** The table as it is now; the caller holds the lock, so that it is one committed state. */
    public TableDescription description() {
        List<TableDescription.Index> described = new ArrayList<>();
        for (SecondaryIndex index : indexes) described.add(index.description(database.clock()));
        StreamLog log = stream;
        return new TableDescription(
                name,
                id,
                arn,
                createdAtMillis,
                Collections.unmodifiableMap(new LinkedHashMap<>(attributeTypes)),
                keys,
                List.copyOf(described),
                billingMode,
                readCapacity,
                writeCapacity,
                itemCount,
                sizeBytes,
                log == null ? null : new TableDescription.Stream(log.arn, log.label, log.viewType, log.enabled()),
                timeToLiveAttribute,
                Collections.unmodifiableMap(new LinkedHashMap<>(tags)),
                deletionProtected,
                lastIncreaseMillis,
                lastDecreaseMillis,
                decreases);
    }

    /** When an item expires: its TTL attribute as epoch seconds (only a number counts, as on AWS). */
    record Expiry(long epochSeconds, StorageKey key) implements Comparable<Expiry> {
        static Expiry of(Map<String, AttributeValue> item, String attribute, StorageKey key) {
            if (item == null) return null;
            if (!(item.get(attribute) instanceof AttributeValue.N number)) return null;
            return new Expiry(number.value().longValue(), key);
        }

        @Override
        public int compareTo(Expiry other) {
            int c = Long.compare(epochSeconds, other.epochSeconds);
            return c != 0 ? c : key.compareTo(other.key);
        }
    }
}
