package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import java.util.LinkedHashMap;
import java.util.Map;

/** A table's or an index's key: a partition (HASH) attribute and an optional sort (RANGE) attribute, with their types. */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {
    /**
     * The largest partition and sort key values, in bytes (UTF-8 for strings), for tables and indexes alike.
     * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-partition-sort-keys
     */
    static final long MAX_HASH_KEY_BYTES = 2048;

    static final long MAX_RANGE_KEY_BYTES = 1024;

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    /** Whether the item has every key attribute with the right type (an index holds only such items). */
    public boolean indexes(Map<String, AttributeValue> item) {
        AttributeValue hash = item.get(hashName);
        if (hash == null || !hash.typeName().equals(hashType)) return false;
        if (!hasRange()) return true;
        AttributeValue range = item.get(rangeName);
        return range != null && range.typeName().equals(rangeType);
    }

    public StorageKey storageKey(Map<String, AttributeValue> item) {
        return StorageKey.of(item.get(hashName), hasRange() ? item.get(rangeName) : null);
    }

    Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>(4);
        key.put(hashName, item.get(hashName));
        if (hasRange()) key.put(rangeName, item.get(rangeName));
        return key;
    }

    /**
     * Checks the key attributes of an item about to be written, with AWS's messages for a missing key, a key of the
     * wrong type and an empty key value.
     */
    void checkItem(Map<String, AttributeValue> item) {
        checkItemAttribute(item, hashName, hashType);
        if (hasRange()) checkItemAttribute(item, rangeName, rangeType);
        checkSizes(item.get(hashName), hasRange() ? item.get(rangeName) : null);
    }

    private static void checkItemAttribute(Map<String, AttributeValue> item, String name, String type) {
        AttributeValue value = item.get(name);
        if (value == null) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Missing the key " + name + " in the item");
        }
        if (!value.typeName().equals(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + value.typeName());
        }
        checkNotEmpty(name, value);
    }

    /** AWS's messages, "of2048" and all, as its answers quote them (architect/dynalite#35, ExtendDB/extenddb#194). */
    private void checkSizes(AttributeValue hash, AttributeValue range) {
        if (hash != null && ItemSize.of(hash) > MAX_HASH_KEY_BYTES) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes");
        }
        if (range != null && ItemSize.of(range) > MAX_RANGE_KEY_BYTES) {
            throw DynamoDbException.validation(
                    "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
        }
    }

    /** Checks a Key parameter (GetItem, DeleteItem, UpdateItem, ...): exactly the key attributes, with the right types. */
    public void checkKey(Map<String, AttributeValue> key) {
        int expected = hasRange() ? 2 : 1;
        AttributeValue hash = key.get(hashName);
        AttributeValue range = hasRange() ? key.get(rangeName) : null;
        if (key.size() != expected
                || hash == null
                || (hasRange() && range == null)
                || !hash.typeName().equals(hashType)
                || (hasRange() && !range.typeName().equals(rangeType))) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        checkNotEmpty(hashName, hash);
        if (hasRange()) checkNotEmpty(rangeName, range);
        checkSizes(hash, range);
    }

    /**
     * Checks one key attribute of a key that has it: the schema's type, not empty, within its size limit. A value of
     * another type is "The provided key element does not match the schema", as in {@link #checkKey}.
     */
    public void checkKeyAttribute(Map<String, AttributeValue> key, boolean hash) {
        String name = hash ? hashName : rangeName;
        AttributeValue value = key.get(name);
        if (value == null || !value.typeName().equals(hash ? hashType : rangeType)) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        checkNotEmpty(name, value);
        checkSizes(hash ? value : null, hash ? null : value);
    }

    private static void checkNotEmpty(String name, AttributeValue value) {
        boolean empty = switch (value) {
            case AttributeValue.S s -> s.value().isEmpty();
            case AttributeValue.B b -> b.value().length() == 0;
            default -> false;
        };
        if (empty) {
            throw DynamoDbException.validation(
                    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty "
                            + (value instanceof AttributeValue.S ? "string" : "binary") + " value. Key: " + name);
        }
    }
}
