package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One stream of one table: a single shard holding the table's changes in commit order, trimmed after AWS's 24 hours
 * of retention. Disabling the stream closes the shard; it stays readable until its records age out.
 */
public final class StreamLog {
    static final Duration RETENTION = Duration.ofHours(24);
    /** The position of a TRIM_HORIZON iterator: before the oldest record still retained, whenever it is read. */
    public static final long TRIM_HORIZON = Long.MIN_VALUE;

    public final String arn;
    public final String label;
    public final String tableName;
    public final KeySchema keys;
    public final String viewType;
    public final long createdAtMillis;
    public final String shardId;
    private final long startingSequence;
    private final List<StreamRecord> records = new ArrayList<>();
    private int firstRetained;
    private long lastTrimmedSequence = -1;
    private boolean enabled = true;
    private long endingSequence = -1;
    private long lastSequence;

    public StreamLog(
            String arn,
            String label,
            String tableName,
            KeySchema keys,
            String viewType,
            long createdAtMillis,
            long startingSequence) {
        this.arn = arn;
        this.label = label;
        this.tableName = tableName;
        this.keys = keys;
        this.viewType = viewType;
        this.createdAtMillis = createdAtMillis;
        this.startingSequence = startingSequence;
        this.lastSequence = startingSequence - 1;
        this.shardId = String.format(
                "shardId-%020d-%s",
                createdAtMillis,
                UUID.nameUUIDFromBytes(arn.getBytes()).toString().substring(0, 8));
    }

    /** Appends the record of one committed change; called under the table's write lock, so in commit order. */
    synchronized void append(
            long sequence,
            String eventName,
            long nowMillis,
            Map<String, AttributeValue> key,
            StoredItem oldItem,
            StoredItem newItem,
            boolean byTimeToLive) {
        if (!enabled) return;
        trim(nowMillis);
        boolean wantsNew = viewType.equals("NEW_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        boolean wantsOld = viewType.equals("OLD_IMAGE") || viewType.equals("NEW_AND_OLD_IMAGES");
        long size = ItemSize.of(key);
        String newImage = null;
        String oldImage = null;
        if (wantsNew && newItem != null) {
            newImage = newItem.json;
            size += newItem.size;
        }
        if (wantsOld && oldItem != null) {
            oldImage = oldItem.json;
            size += oldItem.size;
        }
        String eventId = UUID.randomUUID().toString().replace("-", "");
        lastSequence = sequence;
        records.add(new StreamRecord(
                sequence, eventId, eventName, nowMillis, Json.itemText(key), newImage, oldImage, size, byTimeToLive));
    }

    synchronized void disable() {
        if (!enabled) return;
        enabled = false;
        endingSequence = Math.max(startingSequence, this.lastSequence);
    }

    public synchronized boolean enabled() {
        return enabled;
    }

    /** The newest sequence number in the shard, or the one before its start when it has none: LATEST reads after it. */
    public synchronized long latestSequence() {
        return lastSequence;
    }

    public synchronized long lastTrimmedSequence() {
        return lastTrimmedSequence;
    }

    /** Records after {@code afterSequence}, at most {@code limit}; the caller has checked the position is not trimmed. */
    public synchronized Page read(long afterSequence, int limit, long nowMillis) {
        trim(nowMillis);
        if (afterSequence == TRIM_HORIZON) {
            afterSequence = lastTrimmedSequence;
        } else if (afterSequence < lastTrimmedSequence) {
            throw new DynamoDbException(
                    DynamoDbException.TRIMMED_DATA_ACCESS,
                    "The operation attempted to read past the oldest stream record in a shard.");
        }
        int from = firstIndexAfter(afterSequence);
        List<StreamRecord> page = new ArrayList<>();
        long bytes = 0;
        for (int i = from; i < records.size() && page.size() < limit && bytes < 1024 * 1024; i++) {
            StreamRecord record = records.get(i);
            page.add(record);
            bytes += record.sizeBytes();
        }
        long position = page.isEmpty() ? afterSequence : page.getLast().sequence();
        boolean exhausted = !enabled && position >= latestSequence();
        return new Page(page, position, exhausted);
    }

    private int firstIndexAfter(long afterSequence) {
        int low = firstRetained;
        int high = records.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (records.get(mid).sequence() <= afterSequence) low = mid + 1;
            else high = mid;
        }
        return low;
    }

    private void trim(long nowMillis) {
        long horizon = nowMillis - RETENTION.toMillis();
        while (firstRetained < records.size() && records.get(firstRetained).createdAtMillis() < horizon) {
            lastTrimmedSequence = records.get(firstRetained).sequence();
            records.set(firstRetained, null);
            firstRetained++;
        }
        if (firstRetained > 1024 && firstRetained > records.size() / 2) {
            records.subList(0, firstRetained).clear();
            firstRetained = 0;
        }
    }

    /** The shard's sequence numbers: its first, and its last once the stream is disabled (-1 while it is open). */
    public synchronized SequenceRange sequenceRange() {
        return new SequenceRange(startingSequence, enabled ? -1 : endingSequence);
    }

    public record SequenceRange(long starting, long ending) {}

    public record Page(List<StreamRecord> records, long position, boolean shardExhausted) {}
}
