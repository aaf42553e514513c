package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumbersTest {
    @Test
    void addsExactly() {
        assertThat(Numbers.add(new BigDecimal("0.1"), new BigDecimal("0.2"))).isEqualByComparingTo("0.3");
        assertThat(Numbers.add(new BigDecimal("1E+100"), new BigDecimal("1E+100")))
                .isEqualByComparingTo("2E+100");
    }

    @Test
    void reportsASumThatNeedsMoreThan38DigitsAsAnOverflowAsAwsDoes() {
        assertThatThrownBy(() -> Numbers.add(new BigDecimal("1E+38"), new BigDecimal("1")))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThatThrownBy(() -> Numbers.subtract(new BigDecimal("1E+50"), new BigDecimal("1")))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void keepsAllDigitsOfAnExactSum() {
        assertThat(Numbers.add(new BigDecimal("1"), new BigDecimal("10000000000000000000000")))
                .isEqualByComparingTo("10000000000000000000001");
    }

    @Test
    void rejectsASumThatOverflows() {
        BigDecimal max = new BigDecimal("9.9999999999999999999999999999999999999E+125");
        assertThatThrownBy(() -> Numbers.add(max, max))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
        assertThatThrownBy(() -> Numbers.subtract(max.negate(), max))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void subtractsToZero() {
        assertThat(Numbers.subtract(new BigDecimal("5.5"), new BigDecimal("5.50")))
                .isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void refusesExponentsBeyondAnIntAsOverflowOrUnderflowNotAsAnError() {
        for (String huge : new String[] {"1e2147483648", "100e2147483647", "-100E+2147483647", "1.5e99999999999"}) {
            assertThatThrownBy(() -> Numbers.parse(huge))
                    .as(huge)
                    .hasMessage(
                            "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        for (String tiny : new String[] {"1e-2147483649", "0.01e-2147483647", "-1e-2147483648", "1E-99999999999"}) {
            assertThatThrownBy(() -> Numbers.parse(tiny))
                    .as(tiny)
                    .hasMessage(
                            "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
    }

    @Test
    void keepsTheLimitsOfTheDocumentedRange() {
        assertThat(Numbers.parse("1E-130")).isEqualByComparingTo("1E-130");
        assertThat(Numbers.parse("-9.9999999999999999999999999999999999999E+125"))
                .isEqualByComparingTo("-9.9999999999999999999999999999999999999E+125");
        assertThat(Numbers.parse("12345678901234567890123456789012345678000E-3"))
                .isEqualByComparingTo("12345678901234567890123456789012345678");
        assertThatThrownBy(() -> Numbers.parse("1E+126")).hasMessageStartingWith("Number overflow");
        assertThatThrownBy(() -> Numbers.parse("9.99E-131")).hasMessageStartingWith("Number underflow");
        assertThatThrownBy(() -> Numbers.parse("1.23456789012345678901234567890123456789"))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }
}
