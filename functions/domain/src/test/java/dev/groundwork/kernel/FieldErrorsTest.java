package dev.groundwork.kernel;

import static org.assertj.core.api.Assertions.assertThat;

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
}
