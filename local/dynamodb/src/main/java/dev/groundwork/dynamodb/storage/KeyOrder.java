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

    /** Where a partition key value sits in DynamoDB's hash space: the order of partitions in a Scan and its segments. */
    static int token(AttributeValue hash) {
        return PartitionHash.token(hash);
    }
}
