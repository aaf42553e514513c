package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class JsonValuesTest {

    @Test
    void sizesNumbersAsDynamoDbDoesSoThatManyNegativeNumbersCannotPassTheItemLimit() {
        // As the embedded DynamoDB (and DynamoDB) count them: a negative number takes a byte more.
        assertThat(JsonValues.storedSize(new BigDecimal("-1"))).isEqualTo(3);
        assertThat(JsonValues.storedSize(new BigDecimal("1"))).isEqualTo(2);
        assertThat(JsonValues.storedSize(BigDecimal.ZERO)).isEqualTo(1);
        assertThat(JsonValues.storedSize(List.of(new BigDecimal("-1"), new BigDecimal("-1"))))
                .isEqualTo(3 + 2 * 4);
    }

    @Test
    void sizesANumberByTheDigitsDynamoDbWritesItOutInWhenThoseAreMore() {
        assertThat(JsonValues.storedSize(new BigDecimal("1e125"))).isEqualTo(126);
        assertThat(JsonValues.storedSize(new BigDecimal("-1e-130"))).isEqualTo(133); // -0.000…0001
        assertThat(JsonValues.storedSize(new BigDecimal("1.50"))).isEqualTo(3); // 1.5: stored in 3 bytes too
    }

    @Test
    void countsAnEmptyStringAsOneByteSoThatAListOfThemCannotGrowNineTimesOnItsWayOut() {
        // DynamoDB counts "" as nothing, but a stream record writes it {"S":""}
        assertThat(JsonValues.storedSize("")).isEqualTo(1);
        assertThat(JsonValues.storedSize(List.of("", ""))).isEqualTo(3 + 2 * 2);
        assertThat(JsonValues.storedSize("abc")).isEqualTo(3);
    }

    /** Counted without writing it: the same length as the plain decimal DynamoDB returns (the embedded one's format). */
    @Property(tries = 2_000)
    void countsThePlainDecimalLengthOfAnyNumberDynamoDbStores(@ForAll("numbers") BigDecimal number) {
        String written =
                number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();

        assertThat(JsonValues.plainLength(number)).isEqualTo(written.length());
    }

    @Provide
    Arbitrary<BigDecimal> numbers() {
        Arbitrary<BigInteger> unscaled = Arbitraries.strings()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(38)
                .map(BigInteger::new)
                .flatMap(magnitude -> Arbitraries.of(magnitude, magnitude.negate()));
        return unscaled.flatMap(
                digits -> Arbitraries.integers().between(-126, 168).map(scale -> new BigDecimal(digits, scale)));
    }
}
