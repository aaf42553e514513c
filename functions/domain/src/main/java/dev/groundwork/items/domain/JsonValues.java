package dev.groundwork.items.domain;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The rules for free-form JSON values held in an item's attributes, expressed over plain Java values:
 * {@code Map<String,Object>} (object), {@code List<Object>} (array), {@code String}, {@code BigDecimal} (number),
 * {@code Boolean} and {@code null}. The limits are DynamoDB's, so that every value accepted here can be stored.
 */
public final class JsonValues {
    /** DynamoDB nests documents at most 32 levels deep (Service quotas, "Nested attribute depth"). */
    public static final int MAX_DEPTH = 32;
    /** DynamoDB numbers: 38 significant digits, magnitudes from 1E-130 to below 1E+126 ("Data types", Number). */
    private static final int MAX_PRECISION = 38;
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1E+126");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private JsonValues() {
    }

    /** Adds to {@code errors} every reason why {@code value}, found at {@code path}, cannot be stored. */
    public static void check(String path, Object value, int depth, List<FieldError> errors) {
        switch (value) {
            case null -> { }
            case String ignored -> { }
            case Boolean ignored -> { }
            case BigDecimal number -> checkNumber(path, number, errors);
            case Map<?, ?> map -> {
                if (depth >= MAX_DEPTH) {
                    errors.add(new FieldError(path, "nests deeper than " + MAX_DEPTH + " levels"));
                    return;
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = (String) entry.getKey();
                    if (key.isEmpty()) {
                        errors.add(new FieldError(path, "has an empty key"));
                    } else {
                        check(path + "." + key, entry.getValue(), depth + 1, errors);
                    }
                }
            }
            case List<?> list -> {
                if (depth >= MAX_DEPTH) {
                    errors.add(new FieldError(path, "nests deeper than " + MAX_DEPTH + " levels"));
                    return;
                }
                for (int i = 0; i < list.size(); i++) {
                    check(path + "[" + i + "]", list.get(i), depth + 1, errors);
                }
            }
            default -> errors.add(new FieldError(path, "is not a JSON value"));
        }
    }

    private static void checkNumber(String path, BigDecimal number, List<FieldError> errors) {
        BigDecimal magnitude = number.abs();
        if (number.stripTrailingZeros().precision() > MAX_PRECISION) {
            errors.add(new FieldError(path, "has more than 38 significant digits"));
        } else if (magnitude.signum() != 0
                && (magnitude.compareTo(MAX_MAGNITUDE) >= 0 || magnitude.compareTo(MIN_MAGNITUDE) < 0)) {
            errors.add(new FieldError(path, "is outside the range 1E-130 to 1E+126"));
        }
    }

    /**
     * About how many bytes DynamoDB counts for a value ("Item sizes and formats"): UTF-8 length of strings and names,
     * up to 21 bytes a number, one byte for booleans and nulls, three bytes per document plus one per element.
     */
    public static long storedSize(Object value) {
        return switch (value) {
            case null -> 1;
            case String text -> utf8Length(text);
            case Boolean ignored -> 1;
            case BigDecimal number -> Math.min(21, (number.precision() + 1) / 2 + 1);
            case Map<?, ?> map -> {
                long size = 3;
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    size += 1 + utf8Length((String) entry.getKey()) + storedSize(entry.getValue());
                }
                yield size;
            }
            case List<?> list -> {
                long size = 3;
                for (Object element : list) {
                    size += 1 + storedSize(element);
                }
                yield size;
            }
            default -> 0;
        };
    }

    static long utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
