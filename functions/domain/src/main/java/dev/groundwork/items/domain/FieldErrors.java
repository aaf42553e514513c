package dev.groundwork.items.domain;

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
    /** Field names longer than this (long keys, deep paths) are cut, ending in {@value #CUT}. */
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

    static String cut(String field) {
        if (field.length() <= MAX_FIELD_LENGTH) {
            return field;
        }
        int end = MAX_FIELD_LENGTH - CUT.length();
        if (Character.isHighSurrogate(field.charAt(end - 1))) {
            end--; // never split a character in two
        }
        return field.substring(0, end) + CUT;
    }
}
