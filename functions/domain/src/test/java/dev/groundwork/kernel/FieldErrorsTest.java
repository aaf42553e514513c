package dev.groundwork.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.items.domain.JsonValues;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    @Test
    void cutsAFieldByTheLengthJsonWritesSoControlCharactersCannotGrowTheAnswer() {
        String cut = FieldErrors.cut("attributes." + "\u0001".repeat(200));

        int written = cut.chars().map(unit -> unit < 0x20 ? 6 : 1).sum();
        assertThat(written).isLessThanOrEqualTo(FieldErrors.MAX_FIELD_LENGTH);
        assertThat(cut).startsWith("attributes.").endsWith("…");
    }

    @Test
    void keepsAShortFieldAsItIs() {
        assertThat(FieldErrors.cut("tags[3]")).isEqualTo("tags[3]");
    }

    @Test
    void sizesNumbersAsDynamoDbDoesSoThatManyNegativeNumbersCannotPassTheItemLimit() {
        // As the embedded DynamoDB (and DynamoDB) count them: a negative number takes a byte more.
        assertThat(JsonValues.storedSize(new BigDecimal("-1"))).isEqualTo(3);
        assertThat(JsonValues.storedSize(new BigDecimal("1"))).isEqualTo(2);
        assertThat(JsonValues.storedSize(BigDecimal.ZERO)).isEqualTo(1);
        assertThat(JsonValues.storedSize(List.of(new BigDecimal("-1"), new BigDecimal("-1"))))
                .isEqualTo(3 + 2 * 4);
    }
}
