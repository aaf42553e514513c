package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;

/**
 * DynamoDB's order of key values: numbers numerically, strings by their UTF-8 bytes, binary by unsigned bytes.
 * Comparing strings by code point gives the same order as comparing their UTF-8 encodings, without encoding them.
 */
final class KeyOrder {
    private KeyOrder() {}

    static int compare(AttributeValue left, AttributeValue right) {
        return switch (left) {
            case AttributeValue.S s -> compareStrings(s.value(), ((AttributeValue.S) right).value());
            case AttributeValue.N n -> n.value().compareTo(((AttributeValue.N) right).value());
            case AttributeValue.B b -> b.value().compareTo(((AttributeValue.B) right).value());
            default -> throw new IllegalArgumentException("Not a key type: " + left.typeName());
        };
    }

    static int compareStrings(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) return Integer.compare(a, b);
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Integer.compare(left.length() - i, right.length() - j);
    }

    /** A stable, well spread hash of a partition key value: the order of partitions in a Scan and its segments. */
    static int token(AttributeValue hash) {
        int h = switch (hash) {
            case AttributeValue.S s -> s.value().hashCode();
            case AttributeValue.N n -> n.value().hashCode();
            case AttributeValue.B b -> b.value().hashCode();
            default -> throw new IllegalArgumentException("Not a key type: " + hash.typeName());
        };
        // murmur3's finalizer: neighbouring keys land far apart, as DynamoDB's partition hashing spreads them.
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }
}
