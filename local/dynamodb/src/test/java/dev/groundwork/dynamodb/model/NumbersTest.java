package dev.groundwork.dynamodb.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NumbersTest {
  @Test
  void addsExactly() {
    assertThat(Numbers.add(new BigDecimal("0.1"), new BigDecimal("0.2"))).isEqualByComparingTo("0.3");
    assertThat(Numbers.add(new BigDecimal("1E+100"), new BigDecimal("1E+100"))).isEqualByComparingTo("2E+100");
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
    assertThat(Numbers.subtract(new BigDecimal("5.5"), new BigDecimal("5.50"))).isEqualTo(BigDecimal.ZERO);
  }
}
