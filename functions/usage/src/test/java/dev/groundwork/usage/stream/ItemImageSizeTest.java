package dev.groundwork.usage.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.items.dynamodb.ItemRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.arbitraries.StringArbitrary;
import org.junit.jupiter.api.Test;

class ItemImageSizeTest {
    private static final AttributeValue FORMAT_2 = new AttributeValue().withN("2");

    @Test
    void countsNamesAndStringsInUtf8() {
        assertThat(ItemImageSize.of(Map.of("name", new AttributeValue().withS("Zürich"))))
                .isEqualTo(4 + 7);
    }

    @Test
    void countsNumbersInDynamoDbsBase100DigitsInRecordsOfFormat2() {
        // 12345 is 1|23|45 in base 100: three digits and the exponent's byte.
        assertThat(numberSize("12345")).isEqualTo(4);
        // 1200 is 12|00, stored as the one digit 12.
        assertThat(numberSize("1200")).isEqualTo(2);
        // 120 is 1|20 and 1.2 is 1.|20: the digits straddle a base-100 digit, one byte more than by their count.
        assertThat(numberSize("120")).isEqualTo(3);
        assertThat(numberSize("1.2")).isEqualTo(3);
        // A negative number takes a terminating byte.
        assertThat(numberSize("-1")).isEqualTo(3);
        assertThat(numberSize("-120")).isEqualTo(4);
        assertThat(numberSize("-1.2")).isEqualTo(4);
        assertThat(numberSize("0")).isEqualTo(1);
        assertThat(numberSize("0.05")).isEqualTo(2);
        assertThat(numberSize("0.012")).isEqualTo(3);
        // DynamoDB's range: 1E+125 and 1E-130 are one digit; 38 nines, negative, 19 digits, exponent and terminator.
        assertThat(numberSize("1" + "0".repeat(125))).isEqualTo(2);
        assertThat(numberSize("0." + "0".repeat(129) + "1")).isEqualTo(2);
        assertThat(numberSize("-" + "9".repeat(38))).isEqualTo(21);
    }

    @Test
    void refusesAnImageOfAFormatItDoesNotKnowRatherThanCountItByAnotherRule() {
        assertThatThrownBy(() -> ItemImageSize.of(Map.of(ItemRecords.FORMAT, new AttributeValue().withN("3"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format is not one this relay counts");
        assertThatThrownBy(() -> ItemImageSize.of(Map.of(ItemRecords.FORMAT, new AttributeValue().withS("2"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsTheNumbersOfARecordWrittenBeforeRecordsCarriedAFormatByTheFirstRuleAsTheyWereAdded() {
        // One byte per two significant digits, plus one: what the meter added when the record was written.
        for (String number : List.of("120", "1.2", "-1")) {
            assertThat(ItemImageSize.of(Map.of("n", new AttributeValue().withN(number))))
                    .as(number)
                    .isEqualTo(1 + 2);
        }
    }

    @Test
    void countsDocumentsWithTheirOverhead() {
        AttributeValue map = new AttributeValue().withM(Map.of("a", new AttributeValue().withBOOL(true)));
        AttributeValue list = new AttributeValue().withL(List.of(new AttributeValue().withS("xy")));
        assertThat(ItemImageSize.of(Map.of("m", map))).isEqualTo(1 + 3 + 1 + 1 + 1);
        assertThat(ItemImageSize.of(Map.of("l", list))).isEqualTo(1 + 3 + 1 + 2);
    }

    @Test
    void isZeroWithoutAnImage() {
        assertThat(ItemImageSize.of(null)).isZero();
    }

    /**
     * The embedded DynamoDB's item size is the oracle for names, strings, binaries, documents and sets: what refuses an
     * item over 400 KB there and what its consumed capacity is reckoned from, written apart from the meter. Its number
     * size is the same base-100 model as the meter's (a second copy, not a measurement of DynamoDB; the sizes above
     * pin it).
     */
    @Property(tries = 1000)
    void countsARecordOfFormat2AsDynamoDbSizesIt(@ForAll("images") Map<String, AttributeValue> image) {
        image.put(ItemRecords.FORMAT, FORMAT_2);

        assertThat(ItemImageSize.of(image)).isEqualTo(ItemSize.of(stored(image)));
    }

    private static long numberSize(String number) {
        Map<String, AttributeValue> image = new HashMap<>();
        image.put(ItemRecords.FORMAT, FORMAT_2);
        long withoutTheNumber = ItemImageSize.of(image);
        image.put("n", new AttributeValue().withN(number));
        return ItemImageSize.of(image) - withoutTheNumber - 1;
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> images() {
        return Arbitraries.maps(names(), value(3)).ofMaxSize(8).map(HashMap::new);
    }

    private static Arbitrary<String> names() {
        return text().ofMinLength(1)
                .ofMaxLength(12)
                .map(ItemImageSizeTest::wellFormed)
                .filter(name -> !name.equals(ItemRecords.FORMAT));
    }

    /** ASCII, two- and three-byte characters, and a high surrogate that {@link #wellFormed} pairs. */
    private static StringArbitrary text() {
        return Arbitraries.strings()
                .withCharRange(' ', '~')
                .withCharRange('\u00a0', '\u07ff')
                .withCharRange('\u4e00', '\u4e40')
                .withChars('\uD83D');
    }

    /** DynamoDB holds well-formed text only: each high surrogate gets its low one (a four-byte character). */
    private static String wellFormed(String text) {
        return text.replace("\uD83D", "\uD83D\uDE00");
    }

    private static Arbitrary<AttributeValue> value(int depth) {
        Arbitrary<String> strings = text().ofMaxLength(20).map(ItemImageSizeTest::wellFormed);
        Arbitrary<ByteBuffer> bytes = Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(10)
                .map(ByteBuffer::wrap);
        Arbitrary<AttributeValue> scalar = Arbitraries.oneOf(
                strings.map(text -> new AttributeValue().withS(text)),
                numbers().map(number -> new AttributeValue().withN(number)),
                bytes.map(buffer -> new AttributeValue().withB(buffer)),
                Arbitraries.of(true, false).map(flag -> new AttributeValue().withBOOL(flag)),
                Arbitraries.just(new AttributeValue().withNULL(true)),
                strings.set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue().withSS(List.copyOf(set))),
                numbers().set().ofMinSize(1).ofMaxSize(4).map(set -> new AttributeValue().withNS(List.copyOf(set))),
                bytes.set().ofMinSize(1).ofMaxSize(3).map(set -> new AttributeValue().withBS(List.copyOf(set))));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                Tuple.of(4, scalar),
                Tuple.of(1, value(depth - 1).list().ofMaxSize(4).map(list -> new AttributeValue().withL(list))),
                Tuple.of(
                        1,
                        Arbitraries.maps(names(), value(depth - 1))
                                .ofMaxSize(4)
                                .map(map -> new AttributeValue().withM(map))));
    }

    /**
     * Numbers across DynamoDB's range as a stream record writes them, in plain decimal: up to 38 significant digits,
     * either sign, the decimal point from 80 places left of them to 80 right. Distinct as numbers (a number set's
     * members are), since each is canonical.
     */
    private static Arbitrary<String> numbers() {
        Arbitrary<BigInteger> digits = Arbitraries.integers()
                .between(1, 38)
                .flatMap(count -> Arbitraries.bigIntegers()
                        .between(BigInteger.ZERO, BigInteger.TEN.pow(count).subtract(BigInteger.ONE)));
        return Combinators.combine(digits, Arbitraries.integers().between(-80, 80), Arbitraries.of(1, -1))
                .as((unscaled, scale, sign) -> new BigDecimal(unscaled.multiply(BigInteger.valueOf(sign)), scale))
                .map(number ->
                        number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
    }

    /** The image as the embedded DynamoDB holds it. */
    private static Map<String, dev.groundwork.dynamodb.model.AttributeValue> stored(Map<String, AttributeValue> image) {
        Map<String, dev.groundwork.dynamodb.model.AttributeValue> item = new LinkedHashMap<>();
        image.forEach((name, value) -> item.put(name, stored(value)));
        return item;
    }

    private static dev.groundwork.dynamodb.model.AttributeValue stored(AttributeValue value) {
        if (value.getS() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.s(value.getS());
        }
        if (value.getN() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.n(value.getN());
        }
        if (value.getB() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.b(array(value.getB()));
        }
        if (value.getBOOL() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.bool(value.getBOOL());
        }
        if (value.getNULL() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.nul();
        }
        if (value.getSS() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.ss(value.getSS().toArray(String[]::new));
        }
        if (value.getNS() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.ns(value.getNS().toArray(String[]::new));
        }
        if (value.getBS() != null) {
            return dev.groundwork.dynamodb.model.AttributeValue.bs(
                    value.getBS().stream().map(ItemImageSizeTest::array).toArray(byte[][]::new));
        }
        if (value.getL() != null) {
            return new dev.groundwork.dynamodb.model.AttributeValue.L(
                    value.getL().stream().map(ItemImageSizeTest::stored).toList());
        }
        return new dev.groundwork.dynamodb.model.AttributeValue.M(stored(value.getM()));
    }

    private static byte[] array(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
