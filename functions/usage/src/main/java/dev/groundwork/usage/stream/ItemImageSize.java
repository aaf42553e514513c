package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.groundwork.items.domain.JsonValues;
import dev.groundwork.items.dynamodb.ItemRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The size DynamoDB counts for an item, from a stream image: each attribute's name in UTF-8 plus its value, as
 * "Item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 * defines it: strings and binaries by length, numbers as DynamoDB stores them ({@link JsonValues#storedNumberSize}),
 * booleans and nulls one byte, documents three bytes plus one per element, sets the sum of their members.
 *
 * <p>A record written before items carried their {@link ItemRecords#FORMAT} was counted by the meter's first number
 * rule, one byte per two significant digits plus one, which counts a negative number, or one whose digits straddle a
 * base-100 digit ({@code 1.2}, {@code 120}), a byte short. Such an image is counted by that rule still: a change's
 * bytes are its new image's size less its old image's, so counting an old image by another rule than it was added by
 * would leave the difference in the tenant's {@code bytesStored} for good.
 */
public final class ItemImageSize {
    private ItemImageSize() {}

    public static long of(Map<String, AttributeValue> image) {
        if (image == null) {
            return 0;
        }
        NumberRule numbers = countsStoredNumbers(image) ? NumberRule.STORED : NumberRule.FIRST;
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue(), numbers);
        }
        return size;
    }

    private enum NumberRule {
        /** DynamoDB's base-100 digits, for records of format 2 on. */
        STORED,
        /** One byte per two significant digits, plus one, for records written before items carried a format. */
        FIRST;

        long size(String text) {
            BigDecimal number = new BigDecimal(text);
            return this == STORED
                    ? JsonValues.storedNumberSize(number)
                    : Math.min(21, (number.stripTrailingZeros().precision() + 1) / 2 + 1);
        }
    }

    private static boolean countsStoredNumbers(Map<String, AttributeValue> image) {
        AttributeValue format = image.get(ItemRecords.FORMAT);
        return format != null && format.getN() != null && new BigDecimal(format.getN()).compareTo(BigDecimal.TWO) >= 0;
    }

    private static long value(AttributeValue value, NumberRule numbers) {
        if (value.getS() != null) {
            return utf8(value.getS());
        }
        if (value.getN() != null) {
            return numbers.size(value.getN());
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
                size += 1 + utf8(entry.getKey()) + value(entry.getValue(), numbers);
            }
            return size;
        }
        if (value.getL() != null) {
            long size = 3;
            for (AttributeValue element : value.getL()) {
                size += 1 + value(element, numbers);
            }
            return size;
        }
        if (value.getSS() != null) {
            return value.getSS().stream().mapToLong(ItemImageSize::utf8).sum();
        }
        if (value.getNS() != null) {
            return value.getNS().stream().mapToLong(numbers::size).sum();
        }
        if (value.getBS() != null) {
            return value.getBS().stream()
                    .mapToLong(java.nio.ByteBuffer::remaining)
                    .sum();
        }
        return 0;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
