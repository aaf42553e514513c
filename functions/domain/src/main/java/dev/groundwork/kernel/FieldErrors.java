package dev.groundwork.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Collects the reasons an input was rejected, within bounds whatever the input: at most {@value #REPORTED} of them
 * are reported, and a field's name is cut to {@value #MAX_FIELD_LENGTH} characters. A hostile body (tens of thousands
 * of bad elements under a key of 50,000 characters) would otherwise produce an answer of gigabytes; with these bounds
 * a validation problem stays under about 40 KB.
 *
 * <p>It keeps one error more than it reports, so that a reader can tell "exactly 100" from "more than 100"
 * ({@link #truncated}), and it tells a walker when to stop looking ({@link #full}).
 */
public final class FieldErrors {
    /** How many errors an answer lists. */
    public static final int REPORTED = 100;
    /** Field names longer than this as JSON writes them (long keys, deep paths) are cut, ending in {@value #CUT}. */
    public static final int MAX_FIELD_LENGTH = 200;

    static final String CUT = "…";

    private final List<FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        add(() -> field, message);
    }

    /** Adds an error whose field name is only rendered when the error is kept. */
    public void add(Supplier<String> field, String message) {
        if (!full()) {
            errors.add(new FieldError(cut(field.get()), message));
        }
    }

    public void addAll(List<FieldError> more) {
        more.forEach(error -> add(error.field(), error.message()));
    }

    /** True once nothing more would be reported: a walker over a large input can stop. */
    public boolean full() {
        return errors.size() > REPORTED;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** The errors found, at most {@value #REPORTED} + 1; see {@link #truncated(List)}. */
    public List<FieldError> list() {
        return List.copyOf(errors);
    }

    /** Whether a list of errors holds more than are reported: the first {@value #REPORTED} are, with a note. */
    public static boolean truncated(List<FieldError> errors) {
        return errors.size() > REPORTED;
    }

    /** The errors an answer lists. */
    public static List<FieldError> reported(List<FieldError> errors) {
        return truncated(errors) ? errors.subList(0, REPORTED) : errors;
    }

    /**
     * The field's name, cut so that it takes at most {@value #MAX_FIELD_LENGTH} characters as JSON writes it: a control
     * character or a quote in a key takes up to six ({@code \\u0001}), and the answer's bound is in bytes, not keys.
     */
    static String cut(String field) {
        if (jsonLength(field, field.length()) <= MAX_FIELD_LENGTH) {
            return field;
        }
        int budget = MAX_FIELD_LENGTH - CUT.length();
        int end = 0;
        int written = 0;
        while (end < field.length() && written + jsonLength(field.charAt(end)) <= budget) {
            written += jsonLength(field.charAt(end));
            end++;
        }
        if (end > 0 && Character.isHighSurrogate(field.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return field.substring(0, end) + CUT;
    }

    private static int jsonLength(String text, int end) {
        int length = 0;
        for (int i = 0; i < end; i++) {
            length += jsonLength(text.charAt(i));
        }
        return length;
    }

    /** Characters JSON escapes: controls as six ({@code \\u0001}; some have two-character forms), quote and backslash as two. */
    private static int jsonLength(char unit) {
        if (unit < 0x20) {
            return 6;
        }
        return unit == '"' || unit == '\\' ? 2 : 1;
    }
}
