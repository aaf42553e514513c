package dev.groundwork.imports.domain;

import dev.groundwork.items.domain.JsonValues;
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

    /**
     * The bytes the line takes in a job's record, counted as stored: its entry in JSON and UTF-8
     * ({@code {"line":7,"errors":[{"field":"…","message":"…"}]}}) and a comma after it and after each reason, its strings
     * escaped as Jackson escapes them. A lone surrogate is counted as 3 bytes, the most it could become.
     */
    long reportedBytes() {
        long bytes =
                "{\"line\":,\"errors\":[]},".length() + String.valueOf(number).length();
        for (FieldError error : errors) {
            bytes += "{\"field\":\"\",\"message\":\"\"},".length()
                    + jsonStringBytes(error.field())
                    + jsonStringBytes(error.message());
        }
        return bytes;
    }

    /** The UTF-8 bytes of a string between the quotes of a JSON string, escaped as Jackson escapes it. */
    static long jsonStringBytes(String text) {
        long escapes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\' || c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
                escapes += 1; // a backslash before it
            } else if (c < 0x20) {
                escapes += 5; // a backslash, u and four hex digits in its place
            }
        }
        return JsonValues.utf8Length(text) + escapes;
    }
}
