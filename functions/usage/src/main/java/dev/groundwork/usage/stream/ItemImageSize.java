package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size DynamoDB counts for an item, from a stream image: each attribute's name in UTF-8 plus its value, as
 * "Item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 * defines it: strings and binaries by length, numbers by significant digits (about one byte per two, plus one),
 * booleans and nulls one byte, documents three bytes plus one per element, sets the sum of their members.
 */
public final class ItemImageSize {
    private ItemImageSize() {}

    public static long of(Map<String, AttributeValue> image) {
        if (image == null) {
            return 0;
        }
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    private static long value(AttributeValue value) {
        if (value.getS() != null) {
            return utf8(value.getS());
        }
        if (value.getN() != null) {
            return number(value.getN());
        }
        if (value.getB() != null) {
            return value.getB().remaining();
        }
        if (value.getBOOL() != null || value.getNULL() != null) {
            return 1;
        }
        if (value.getM() != null) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> entry : value.getM().entrySet()) {
                size += 1 + utf8(entry.getKey()) + value(entry.getValue());
            }
            return size;
        }
        if (value.getL() != null) {
            long size = 3;
            for (AttributeValue element : value.getL()) {
                size += 1 + value(element);
            }
            return size;
        }
        if (value.getSS() != null) {
            return value.getSS().stream().mapToLong(ItemImageSize::utf8).sum();
        }
        if (value.getNS() != null) {
            return value.getNS().stream().mapToLong(ItemImageSize::number).sum();
        }
        if (value.getBS() != null) {
            return value.getBS().stream()
                    .mapToLong(java.nio.ByteBuffer::remaining)
                    .sum();
        }
        return 0;
    }

    private static long number(String text) {
        BigDecimal number = new BigDecimal(text);
        return Math.min(21, (number.stripTrailingZeros().precision() + 1) / 2 + 1);
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
