package dev.groundwork.dynamodb.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An item's size by DynamoDB's rules: the UTF-8 length of each attribute name plus the size of its value.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
public final class ItemSize {
    /** The largest item DynamoDB stores: 400 KB. */
    public static final long MAX_ITEM_BYTES = 409_600;

    /** Shorter texts, attribute names mostly, are measured faster by the loop than by encoding them. */
    private static final int BULK_FROM = 64;

    /** DynamoDB's refusal of a PutItem's item (or a batch's PutRequest's) over {@link #MAX_ITEM_BYTES}. */
    public static final String TOO_LARGE = "Item size has exceeded the maximum allowed size";

    private ItemSize() {}

    /**
     * The item's size, or DynamoDB's ValidationException with {@code message} when it is over 400 KB. The one check of
     * the limit: a write checks it before its table is looked up, an update on the item it would store.
     */
    public static long withinLimit(Map<String, AttributeValue> item, String message) {
        long size = of(item);
        if (size > MAX_ITEM_BYTES) throw DynamoDbException.validation(message);
        return size;
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8Length(attribute.getKey()) + of(attribute.getValue());
        }
        return size;
    }

    /**
     * A value's size: strings by UTF-8 length, binary by byte count, numbers by about one byte per two significant
     * digits plus one, BOOL and NULL one byte, and lists and maps three bytes plus one byte per element.
     */
    public static long of(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> utf8Length(s.value());
            case AttributeValue.N n -> numberSize(n.value());
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.Bool ignored -> 1;
            case AttributeValue.Null ignored -> 1;
            case AttributeValue.SS ss ->
                ss.values().stream().mapToLong(ItemSize::utf8Length).sum();
            case AttributeValue.NS ns ->
                ns.values().stream().mapToLong(ItemSize::numberSize).sum();
            case AttributeValue.BS bs ->
                bs.values().stream().mapToLong(Bytes::length).sum();
            case AttributeValue.L l ->
                3 + l.values().stream().mapToLong(element -> 1 + of(element)).sum();
            case AttributeValue.M m -> 3 + m.values().size() + of(m.values());
        };
    }

    /**
     * DynamoDB stores a number as base-100 digits: one byte per pair of significant digits, aligned on the decimal
     * exponent, plus an exponent byte, plus one for a negative number's terminator.
     */
    static long numberSize(BigDecimal number) {
        if (number.signum() == 0) return 1;
        BigDecimal canonical = number.stripTrailingZeros();
        int digits = canonical.precision();
        int exponent = canonical.precision() - canonical.scale() - 1;
        boolean misaligned = digits % 2 == 0 && exponent % 2 == 0;
        return 1 + (digits + 1) / 2 + (misaligned ? 1 : 0) + (number.signum() < 0 ? 1 : 0);
    }

    static long utf8Length(String text) {
        if (text.length() >= BULK_FROM) {
            // ASCII text, by far the most common, is measured in bulk: getBytes encodes it with vectorized copies, many
            // times faster than the loop below, a character at a time. It writes a lone surrogate as one '?' byte,
            // though, where the loop counts three: getBytes' length is taken only when every character became the byte
            // of the same value, that is when the text was ASCII.
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            if (utf8.length == text.length() && text.equals(new String(utf8, StandardCharsets.ISO_8859_1)))
                return utf8.length;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) length += 1;
            else if (c < 0x800) length += 2;
            else if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else length += 3;
        }
        return length;
    }
}
