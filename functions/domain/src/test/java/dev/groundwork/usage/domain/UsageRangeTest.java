package dev.groundwork.usage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.FieldError;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageRangeTest {
    private static UsageRange.Reading read(String from, String to) {
        return UsageRange.read(Optional.ofNullable(from), Optional.ofNullable(to));
    }

    @Test
    void acceptsNinetyTwoDaysBothIncluded() {
        assertThat(read("2026-09-01", "2026-12-01"))
                .isEqualTo(new UsageRange.Valid(
                        new UsageRange(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-12-01"))));
    }

    @Test
    void rejectsNinetyThreeDays() {
        assertThat(read("2026-09-01", "2026-12-02")).isInstanceOf(UsageRange.Invalid.class);
    }

    @Test
    void rejectsAnEndBeforeTheStart() {
        assertThat(read("2026-11-25", "2026-11-24"))
                .isEqualTo(new UsageRange.Invalid(java.util.List.of(new FieldError("to", "must not be before from"))));
    }

    @Test
    void rejectsMissingMalformedAndImpossibleDates() {
        assertThat(read(null, "2026-02-30"))
                .isInstanceOfSatisfying(
                        UsageRange.Invalid.class,
                        invalid -> assertThat(invalid.errors())
                                .extracting(FieldError::field)
                                .containsExactly("from", "to"));
        assertThat(read("25.11.2026", "2026-11-25")).isInstanceOf(UsageRange.Invalid.class);
        assertThat(read("+2026-11-25", "2026-11-25")).isInstanceOf(UsageRange.Invalid.class);
    }

    @Test
    void acceptsASingleDay() {
        assertThat(read("2026-11-25", "2026-11-25")).isInstanceOf(UsageRange.Valid.class);
    }
}
