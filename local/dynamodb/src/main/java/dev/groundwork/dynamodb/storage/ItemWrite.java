package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.expression.Condition;
import dev.groundwork.dynamodb.expression.Update;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One write of one item, parsed and validated, ready to run under its table's write lock: a put, an update, a delete
 * or a transaction's condition check. Single-item calls, batches and transactions all write through it, so they share
 * one meaning of conditions, capacity and commit.
 */
public final class ItemWrite {
    public enum Kind {
        PUT,
        UPDATE,
        DELETE,
        CHECK
    }

    public final Table table;
    public final Kind kind;
    public final StorageKey key;
    final Map<String, AttributeValue> keyAttributes;
    private final Map<String, AttributeValue> item;
    /** A put's item as stored, encoded before the write lock is taken so that the lock is held only to commit. */
    private final StoredItem prepared;

    private final Update update;
    private final Condition condition;
    final boolean returnOldOnConditionFailure;
    private boolean oldItemWanted;

    private ItemWrite(
            Table table,
            Kind kind,
            Map<String, AttributeValue> keyAttributes,
            Map<String, AttributeValue> item,
            long itemSize,
            Update update,
            Condition condition,
            boolean returnOldOnConditionFailure) {
        this.table = table;
        this.kind = kind;
        this.keyAttributes = keyAttributes;
        this.key = table.keys.storageKey(keyAttributes);
        this.item = item;
        this.prepared = item == null ? null : StoredItem.of(item, itemSize);
        this.update = update;
        this.condition = condition;
        this.returnOldOnConditionFailure = returnOldOnConditionFailure;
    }

    public static ItemWrite put(Table table, Map<String, AttributeValue> item, Condition condition, boolean returnOld) {
        long size = table.checkItem(item, ItemSize.TOO_LARGE);
        return new ItemWrite(table, Kind.PUT, table.keys.keyOf(item), item, size, null, condition, returnOld);
    }

    /**
     * What the write sends, as DynamoDB sizes items: a put's item, else the key it names; a transaction's limit. Only a
     * transaction asks, so a key is measured then, not on every write.
     */
    public long requestBytes() {
        return prepared != null ? prepared.size : ItemSize.of(keyAttributes);
    }

    /** The caller will read {@link Outcome#oldItem()} (ReturnValues ALL_OLD): decode it even for a plain put. */
    public ItemWrite wantingOldItem() {
        oldItemWanted = true;
        return this;
    }

    public static ItemWrite update(
            Table table, Map<String, AttributeValue> key, Update update, Condition condition, boolean returnOld) {
        table.keys.checkKey(key);
        if (update != null) {
            for (String name : update.topLevelNamesTouched()) {
                if (table.keys.isKeyAttribute(name)) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Cannot update attribute " + name
                                    + ". This attribute is part of the key");
                }
            }
        }
        return new ItemWrite(table, Kind.UPDATE, key, null, 0, update, condition, returnOld);
    }

    public static ItemWrite delete(
            Table table, Map<String, AttributeValue> key, Condition condition, boolean returnOld) {
        table.keys.checkKey(key);
        return new ItemWrite(table, Kind.DELETE, key, null, 0, null, condition, returnOld);
    }

    public static ItemWrite check(
            Table table, Map<String, AttributeValue> key, Condition condition, boolean returnOld) {
        table.keys.checkKey(key);
        return new ItemWrite(table, Kind.CHECK, key, null, 0, null, condition, returnOld);
    }

    /**
     * Reads the current item, tests the condition and works out the new item, without changing anything. The caller
     * holds the table's write lock.
     *
     * @throws DynamoDbException ConditionalCheckFailedException (with the old item when asked), or a ValidationException
     *     from the update or the size limit
     */
    public Outcome evaluate() {
        StoredItem old = table.get(key);
        // A plain put replaces the item without looking at it: decoding the old text is only worth it when something
        // reads it (a condition, ReturnValues, secondary indexes or TTL to maintain, an update or delete to work out).
        boolean decode =
                old != null && (kind != Kind.PUT || condition != null || oldItemWanted || table.maintainsDerivedData());
        Map<String, AttributeValue> oldItem = decode ? old.decode() : null;
        if (condition != null && !condition.test(oldItem == null ? Map.of() : oldItem)) {
            throw DynamoDbException.conditionalCheckFailed(returnOldOnConditionFailure ? oldItem : null);
        }
        Map<String, AttributeValue> newItem = switch (kind) {
            case PUT -> item;
            case DELETE -> null;
            case CHECK -> oldItem;
            case UPDATE -> {
                Map<String, AttributeValue> base = oldItem != null ? oldItem : keyAttributes;
                Map<String, AttributeValue> updated = update == null ? base : update.apply(base);
                if (oldItem == null) {
                    Map<String, AttributeValue> withKey = new LinkedHashMap<>(keyAttributes);
                    withKey.putAll(updated);
                    updated = withKey;
                }
                table.checkItem(updated, "Item size to update has exceeded the maximum allowed size");
                yield updated;
            }
        };
        return new Outcome(old, oldItem, newItem);
    }

    /** Commits an evaluated write and returns what it cost the table (index units go into {@code capacity}). */
    public double commit(Outcome outcome, Capacity capacity) {
        StoredItem stored = switch (kind) {
            case PUT -> prepared;
            case CHECK -> outcome.old;
            case UPDATE, DELETE -> outcome.newItem == null ? null : StoredItem.of(outcome.newItem);
        };
        double units = Capacity.writeUnits(
                Math.max(outcome.old == null ? 0 : outcome.old.size, stored == null ? 0 : stored.size));
        if (kind != Kind.CHECK) {
            table.commit(key, outcome.old, outcome.oldItem, outcome.newItem, stored, capacity, false);
        }
        return units;
    }

    public record Outcome(StoredItem old, Map<String, AttributeValue> oldItem, Map<String, AttributeValue> newItem) {}
}
