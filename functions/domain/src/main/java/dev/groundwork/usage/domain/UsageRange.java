package dev.groundwork.usage.domain;

import dev.groundwork.kernel.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The UTC days a usage report covers, both ends included: at most {@value #MAX_DAYS} days. */
public record UsageRange(LocalDate from, LocalDate to) {
    public static final int MAX_DAYS = 92;

    public UsageRange {
        if (from == null || to == null || to.isBefore(from) || days(from, to) > MAX_DAYS) {
            throw new IllegalArgumentException("a range runs forward over at most 92 days");
        }
    }

    public long days() {
        return days(from, to);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** The outcome of reading a range from a client: a range, or every reason why not. */
    public sealed interface Reading permits Valid, Invalid {}

    public record Valid(UsageRange range) implements Reading {}

    public record Invalid(List<FieldError> errors) implements Reading {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** Reads {@code from} and {@code to} as ISO dates ({@code YYYY-MM-DD}); both are required. */
    public static Reading read(Optional<String> fromText, Optional<String> toText) {
        List<FieldError> errors = new ArrayList<>();
        Optional<LocalDate> from = date("from", fromText, errors);
        Optional<LocalDate> to = date("to", toText, errors);
        if (from.isPresent() && to.isPresent()) {
            if (to.get().isBefore(from.get())) {
                errors.add(new FieldError("to", "must not be before from"));
            } else if (days(from.get(), to.get()) > MAX_DAYS) {
                errors.add(new FieldError("to", "must be at most " + MAX_DAYS + " days from from, both included"));
            }
        }
        return errors.isEmpty() ? new Valid(new UsageRange(from.orElseThrow(), to.orElseThrow())) : new Invalid(errors);
    }

    private static Optional<LocalDate> date(String field, Optional<String> text, List<FieldError> errors) {
        if (text.isEmpty() || text.get().isBlank()) {
            errors.add(new FieldError(field, "is required, as YYYY-MM-DD"));
            return Optional.empty();
        }
        if (!text.get().matches("\\d{4}-\\d{2}-\\d{2}")) {
            errors.add(new FieldError(field, "must be a date as YYYY-MM-DD"));
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.get()));
        } catch (DateTimeParseException notADay) {
            errors.add(new FieldError(field, "is not a day of the calendar"));
            return Optional.empty();
        }
    }
}
