package dev.groundwork.platform.http;

import dev.groundwork.kernel.FieldError;
import java.util.List;
import java.util.Map;

/**
 * One occurrence of a problem: its type, a detail written for the client (never an exception message), the fields at
 * fault for validation problems, and headers the answer needs (such as {@code Retry-After}).
 */
public record Problem(ProblemType type, String detail, List<FieldError> errors, Map<String, String> headers) {
    public Problem {
        errors = List.copyOf(errors);
        headers = Map.copyOf(headers);
    }

    public static Problem of(ProblemType type, String detail) {
        return new Problem(type, detail, List.of(), Map.of());
    }

    public static Problem invalid(List<FieldError> errors) {
        return new Problem(ProblemType.VALIDATION_ERROR, "See errors for each field at fault.", errors, Map.of());
    }

    public static Problem invalid(String field, String message) {
        return invalid(List.of(new FieldError(field, message)));
    }

    public Problem withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new Problem(type, detail, errors, more);
    }
}
