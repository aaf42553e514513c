package dev.groundwork.dynamodb.model;

/**
 * DynamoDB's order of scalar values of one type, used by sort keys and by comparisons in expressions: N numerically,
 * S by UTF-8 bytes (which is code point order), B by unsigned bytes.
 */
public final class ScalarOrder {
    private ScalarOrder() {}

    /** Whether values of this type have an order: only N, S and B do. */
    public static boolean isOrdered(AttributeValue value) {
        return value instanceof AttributeValue.N
                || value instanceof AttributeValue.S
                || value instanceof AttributeValue.B;
    }

    /** @throws IllegalArgumentException when the two are not scalars of the same ordered type */
    public static int compare(AttributeValue a, AttributeValue b) {
        return switch (a) {
            case AttributeValue.N x
            when b instanceof AttributeValue.N y -> x.value().compareTo(y.value());
            case AttributeValue.S x when b instanceof AttributeValue.S y -> compareUtf8(x.value(), y.value());
            case AttributeValue.B x
            when b instanceof AttributeValue.B y -> x.value().compareTo(y.value());
            default -> throw new IllegalArgumentException("Not comparable: " + a.typeName() + " and " + b.typeName());
        };
    }

    /** Orders strings as their UTF-8 encodings order, byte by byte: by code point, not by Java's UTF-16 units. */
    public static int compareUtf8(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
