package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import dev.groundwork.items.dynamodb.ItemKeys;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.domain.ItemChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a batch of the items table's stream into runs of changes, one per tenant (split when long): the records of an
 * invocation come from one shard in order, so the same batch always yields the same runs with the same keys, and a
 * relay that is retried sends messages the meter recognises. Records of anything but items (idempotency keys, import
 * jobs) are not item changes and are left out.
 */
public final class StreamChanges {
    /** About 120 bytes a change in a message: 500 keep a message near 60 KB, far below SQS's 256 KB. */
    public static final int MAX_CHANGES_PER_RUN = 500;

    private StreamChanges() {}

    /** A batch read: its runs, and the records of items that could not be read, each on its own. */
    public record Reading(List<ChangeRun> runs, List<Unrelayable> unrelayable) {}

    /** An item's record the relay cannot turn into a change; it goes, whole, to the stream's dead-letter queue. */
    public record Unrelayable(DynamodbEvent.DynamodbStreamRecord record, Optional<TenantId> tenant, String reason) {}

    public static List<ChangeRun> runs(DynamodbEvent event) {
        return read(event).runs();
    }

    /**
     * Reads every record on its own: one that cannot be read (it should never happen; a bug or a record from
     * elsewhere) is set aside as {@link Unrelayable} and the others still make their runs, so that one tenant's record
     * never stops every tenant's meters. The same batch is always read the same way, so the runs stay the same.
     */
    public static Reading read(DynamodbEvent event) {
        Map<TenantKey, List<ItemChange>> byTenant = new LinkedHashMap<>();
        List<Unrelayable> unrelayable = new ArrayList<>();
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            StreamRecord stream = record.getDynamodb();
            Optional<TenantId> tenant = Optional.empty();
            try {
                tenant = itemTenant(stream);
                if (tenant.isEmpty()) {
                    continue;
                }
                if (stream.getSequenceNumber() == null || record.getEventSourceARN() == null) {
                    throw new IllegalArgumentException("the record has no sequence number or source");
                }
                ItemChange change = change(record.getEventName(), stream);
                TenantKey key = new TenantKey(tenant.get(), record.getEventSourceARN());
                byTenant.computeIfAbsent(key, any -> new ArrayList<>()).add(change);
            } catch (RuntimeException unreadable) {
                unrelayable.add(new Unrelayable(
                        record, tenant, unreadable.getClass().getSimpleName() + ": " + unreadable.getMessage()));
            }
        }
        List<ChangeRun> runs = new ArrayList<>();
        byTenant.forEach((key, changes) -> {
            for (int from = 0; from < changes.size(); from += MAX_CHANGES_PER_RUN) {
                runs.add(new ChangeRun(
                        key.tenant(),
                        key.source(),
                        changes.subList(from, Math.min(changes.size(), from + MAX_CHANGES_PER_RUN))));
            }
        });
        return new Reading(runs, unrelayable);
    }

    private record TenantKey(TenantId tenant, String source) {}

    /**
     * The tenant of an item's record, or empty for a record that is not an item's (the table also holds idempotency
     * records, import jobs, usage), which the meter does not count.
     *
     * @throws IllegalArgumentException for a record that has no keys, or an item's record whose partition names no
     *     tenant: set aside whole, never passed over, since a change passed over is usage lost
     */
    private static Optional<TenantId> itemTenant(StreamRecord stream) {
        if (stream == null || stream.getKeys() == null) {
            throw new IllegalArgumentException("the record has no Keys");
        }
        AttributeValue sort = stream.getKeys().get(TenantKeys.SK);
        if (sort == null || sort.getS() == null || !sort.getS().startsWith(ItemKeys.ITEM_PREFIX)) {
            return Optional.empty();
        }
        AttributeValue partition = stream.getKeys().get(TenantKeys.PK);
        Optional<TenantId> tenant =
                partition == null ? Optional.empty() : TenantKeys.tenantOfPartition(partition.getS());
        if (tenant.isEmpty()) {
            throw new IllegalArgumentException("the item's record has no partition key that names a tenant");
        }
        return tenant;
    }

    private static ItemChange change(String eventName, StreamRecord stream) {
        ItemChange.Kind kind = switch (eventName == null ? "" : eventName) {
            case "INSERT" -> ItemChange.Kind.CREATED;
            case "MODIFY" -> ItemChange.Kind.UPDATED;
            case "REMOVE" -> ItemChange.Kind.DELETED;
            default -> null;
        };
        if (kind == null) {
            throw new IllegalArgumentException("the record's eventName is not INSERT, MODIFY or REMOVE");
        }
        // The table streams NEW_AND_OLD_IMAGES, so Lambda always sends the images a change is metered by; a replay may
        // lack them (a dead letter of an item too large to carry whole keeps only its keys). Metered as 0 bytes it
        // would stay so: the run's key makes the right replay a duplicate. So the record is set aside, whole.
        if (kind != ItemChange.Kind.CREATED && stream.getOldImage() == null) {
            throw new IllegalArgumentException(
                    "the record has no OldImage, which its item's bytes before are read from");
        }
        if (kind != ItemChange.Kind.DELETED && stream.getNewImage() == null) {
            throw new IllegalArgumentException(
                    "the record has no NewImage, which its item's bytes after are read from");
        }
        long before = kind == ItemChange.Kind.CREATED ? 0 : ItemImageSize.of(stream.getOldImage());
        long after = kind == ItemChange.Kind.DELETED ? 0 : ItemImageSize.of(stream.getNewImage());
        if (stream.getApproximateCreationDateTime() == null) {
            // Lambda always sends it; a hand-made replay may not (the AWS CLI writes it as a date, which the runtime
            // reads as nothing). Counted on a guessed day it would stay there: the run's key makes a later replay a
            // duplicate. So the record is set aside, whole, for a replay that carries it.
            throw new IllegalArgumentException("the record has no ApproximateCreationDateTime in epoch seconds");
        }
        Instant at = stream.getApproximateCreationDateTime().toInstant();
        return new ItemChange(stream.getSequenceNumber(), kind, at, before, after);
    }
}
