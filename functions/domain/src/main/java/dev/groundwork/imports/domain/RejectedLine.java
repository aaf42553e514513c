package dev.groundwork.imports.domain;

import dev.groundwork.kernel.FieldError;
import java.util.List;

/** A line of an import that was not accepted, with every reason, as {@code POST /v1/items} would have given them. */
public record RejectedLine(int number, List<FieldError> errors) {
    public RejectedLine {
        if (number < 1 || errors == null || errors.isEmpty()) {
            throw new IllegalArgumentException("a rejected line has a number and at least one reason");
        }
        errors = List.copyOf(errors);
    }

    /** About how many bytes the line takes as JSON in a job's record: its reasons, and a little for the structure. */
    long reportedBytes() {
        return 16
                + errors.stream()
                        .mapToLong(error -> 32
                                + 3L * (error.field().length() + error.message().length()))
                        .sum();
    }
}
