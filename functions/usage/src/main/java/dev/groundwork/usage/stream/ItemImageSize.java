package dev.groundwork.usage.stream;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.groundwork.items.domain.JsonValues;
import dev.groundwork.items.dynamodb.ItemRecords;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The size DynamoDB counts for an item, from a stream image: each attribute's name in UTF-8 plus its value, as
 * "Item sizes and formats" (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html)
 * defines it: strings and binaries by length, numbers as DynamoDB stores them ({@link JsonValues#storedNumberSize}),
 * booleans and nulls one byte, documents three bytes plus one per element, sets the sum of their members.
 *
 * <p>A record written before items carried their {@link ItemRecords#FORMAT} was counted by the meter's first number
 * rule, one byte per two significant digits plus one, which counts a negative number, or one whose digits straddle a
 * base-100 digit ({@code 1.2}, {@code 120}), a byte short (two for {@code -1.2}). Such an image is counted by that
 * rule still: a change's bytes are its new image's size less its old image's, so counting an old image by another
 * rule than it was added by would leave the difference in the tenant's {@code bytesStored} for good. For the same
 * reason an image of a format this relay does not know is not counted at all: its record is set aside, whole, to be
 * replayed once a relay that knows it is deployed (docs/async.md, "Records written before this rule").
 */
public final class ItemImageSize {
    private ItemImageSize() {}

    /**
     * @throws IllegalArgumentException when the image's format is neither absent nor 2
     */
    public static long of(Map<String, AttributeValue> image) {
        if (image == null) {
            return 0;
        }
        NumberRule numbers = NumberRule.of(image);
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : image.entrySet()) {
            size += JsonValues.utf8Length(attribute.getKey()) + value(attribute.getValue(), numbers);
        }
        return size;
    }

    /** How a record of each format was counted when it was added, and so must be counted ever after. */
    private enum NumberRule {
        /**
         * Records without a format: one byte per two significant digits, plus one (at most 21), as the meter counted
         * them before records carried one.
         */
        FIRST {
            @Override
            long size(BigDecimal number) {
                return Math.min(21, (number.stripTrailingZeros().precision() + 1) / 2 + 1);
            }
        },
        /**
         * Records of format 2: DynamoDB's base-100 digits, the rule of the API's item limit. Fixed for format 2 by the
         * records already counted with it: a change to {@link JsonValues#storedNumberSize} takes a new format
         * ({@code ItemImageSizeTest} holds its sizes).
         */
        FORMAT_2 {
            @Override
            long size(BigDecimal number) {
                return JsonValues.storedNumberSize(number);
            }
        };

        abstract long size(BigDecimal number);

        long size(String text) {
            return size(new BigDecimal(text));
        }

        static NumberRule of(Map<String, AttributeValue> image) {
            AttributeValue format = image.get(ItemRecords.FORMAT);
            if (format == null) {
                return FIRST;
            }
            // As DynamoDB writes the number 2 in a stream record.
            if ("2".equals(format.getN())) {
                return FORMAT_2;
            }
            throw new IllegalArgumentException("the record's format is not one this relay counts (none, or 2): replay"
                    + " it once a relay that knows it is deployed");
        }
    }

    private static long value(AttributeValue value, NumberRule numbers) {
        if (value.getS() != null) {
            return JsonValues.utf8Length(value.getS());
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
                size += 1 + JsonValues.utf8Length(entry.getKey()) + value(entry.getValue(), numbers);
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
            return value.getSS().stream().mapToLong(JsonValues::utf8Length).sum();
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
}
