package dev.groundwork.items.domain;

import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.FieldPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules for free-form JSON values held in an item's attributes, expressed over plain Java values:
 * {@code Map<String,Object>} (object), {@code List<Object>} (array), {@code String}, {@code BigDecimal} (number),
 * {@code Boolean} and {@code null}. The limits are DynamoDB's, so that every value accepted here can be stored,
 * streamed and read back unchanged.
 */
public final class JsonValues {
    /**
     * DynamoDB nests documents at most 32 levels deep, counting a top-level attribute of the item as level 1 and the
     * elements of a list or map one level deeper than it (Service quotas, "Nested attribute depth"). An item's
     * {@code attributes} object is such a top-level attribute. A document at level 32 is refused even when empty:
     * DynamoDB was seen to accept 31 nested maps around a number and refuse 32, and what it does with an empty one
     * there is not documented, so the API stays on the side that is known to work.
     */
    public static final int MAX_LEVELS = 32;
    /**
     * A key of at most 1,024 bytes of UTF-8, at any depth. DynamoDB takes names of up to 64 KB, but the SDK's JSON
     * parser keeps every name it reads from DynamoDB's answers in a table shared by the whole process, about 6,000 of
     * them at a time: at 64 KB a key, one tenant reading back its own items of distinct keys would hold 782 MB of every
     * other tenant's container; at 1,024 bytes, 13 MB (docs/security.md, "Keys a process keeps").
     */
    public static final int MAX_KEY_BYTES = 1_024;
    /** DynamoDB numbers: 38 significant digits, magnitudes from 1E-130 to below 1E+126 ("Data types", Number). */
    private static final int MAX_PRECISION = 38;

    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1E+126");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private JsonValues() {}

    /**
     * Adds to {@code errors} every reason why {@code value}, a top-level attribute named {@code field}, cannot be
     * stored. It stops looking once {@code errors} is full, so a hostile value costs no more than a bounded answer.
     */
    public static void check(String field, Object value, FieldErrors errors) {
        check(new Path(null, field, -1), value, 1, errors);
    }

    private static void check(Path path, Object value, int level, FieldErrors errors) {
        if (errors.full()) {
            return;
        }
        switch (value) {
            case null -> {}
            case Boolean ignored -> {}
            case String text -> StorableText.problem(text).ifPresent(problem -> errors.add(path::render, problem));
            case BigDecimal number -> numberProblem(number).ifPresent(problem -> errors.add(path::render, problem));
            case Map<?, ?> map -> {
                if (level >= MAX_LEVELS) {
                    errors.add(path::render, "nests deeper than " + MAX_LEVELS + " levels");
                    return;
                }
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String key = (String) entry.getKey();
                    Path child = new Path(path, key, -1);
                    Optional<String> unstorable = StorableText.problem(key);
                    if (key.isEmpty()) {
                        errors.add(path::render, "has an empty key");
                    } else if (unstorable.isPresent()) {
                        errors.add(child::render, "has a key that " + unstorable.get());
                    } else if (utf8Length(key) > MAX_KEY_BYTES) {
                        errors.add(child::render, "has a key longer than " + MAX_KEY_BYTES + " bytes");
                    } else {
                        check(child, entry.getValue(), level + 1, errors);
                    }
                    if (errors.full()) {
                        return;
                    }
                }
            }
            case List<?> list -> {
                if (level >= MAX_LEVELS) {
                    errors.add(path::render, "nests deeper than " + MAX_LEVELS + " levels");
                    return;
                }
                for (int i = 0; i < list.size() && !errors.full(); i++) {
                    check(new Path(path, null, i), list.get(i), level + 1, errors);
                }
            }
            default -> errors.add(path::render, "is not a JSON value");
        }
    }

    /** Why DynamoDB could not store the number, or empty when it can. */
    public static Optional<String> numberProblem(BigDecimal number) {
        BigDecimal magnitude = number.abs();
        if (number.signum() != 0 && number.stripTrailingZeros().precision() > MAX_PRECISION) {
            return Optional.of("has more than 38 significant digits");
        }
        if (magnitude.signum() != 0
                && (magnitude.compareTo(MAX_MAGNITUDE) >= 0 || magnitude.compareTo(MIN_MAGNITUDE) < 0)) {
            return Optional.of("is outside the range 1E-130 to 1E+126");
        }
        return Optional.empty();
    }

    /**
     * Where a value sits ({@code attributes.size[2]}, as {@link FieldPath} names it), rendered only when an error names
     * it: a walk over a large value would otherwise build a string per element, each as long as the keys above it.
     */
    private record Path(Path parent, String key, int index) {
        String render() {
            StringBuilder rendered = new StringBuilder();
            append(rendered);
            return rendered.toString();
        }

        private void append(StringBuilder rendered) {
            if (parent != null) {
                parent.append(rendered);
            }
            if (rendered.length() > FieldErrors.MAX_FIELD_LENGTH) {
                return; // cut by FieldErrors anyway
            }
            if (index >= 0) {
                FieldPath.appendIndex(rendered, index);
            } else {
                FieldPath.appendMember(
                        rendered, key.substring(0, Math.min(key.length(), FieldErrors.MAX_FIELD_LENGTH + 1)));
            }
        }
    }

    /**
     * How many bytes a value counts for against an item's size: what DynamoDB counts ("Item sizes and formats": UTF-8
     * length of strings and names, one byte for booleans and nulls, three bytes per document plus one per element),
     * numbers as {@link #numberSize}, and an empty string as one byte, not DynamoDB's none. Counted so, no value is
     * written more than 8 times as long in a stream record ({@code {"S":""},} is 9 characters for the 2 bytes an empty
     * string in a list counts; {@code {"BOOL":false},} 15 for 2), so a change's record, which carries the item twice,
     * stays within the 6 MB Lambda hands the relay ({@code LargestItemsStreamIT}).
     */
    public static long storedSize(Object value) {
        return switch (value) {
            case null -> 1;
            case String text -> Math.max(1, utf8Length(text));
            case Boolean ignored -> 1;
            case BigDecimal number -> numberSize(number);
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

    /**
     * The larger of what DynamoDB stores a number in ({@link #storedNumberSize}) and the characters it writes it out
     * in ({@link #plainLength}). DynamoDB returns numbers in plain decimal, without an exponent, in every answer and in
     * every stream record: {@code 1e125} is stored in 2 bytes but comes back as 126 digits. Counted by the stored
     * size alone, an item of 59,726 of them passed as 350 KB and came back as 7.6 MB, over what Lambda returns (6 MB)
     * for every read of it, and over what it hands a function in one event, for the stream record that carries it to
     * the relay, where every tenant's changes wait behind a record that cannot be delivered.
     */
    static long numberSize(BigDecimal number) {
        return Math.max(storedNumberSize(number), plainLength(number));
    }

    /**
     * DynamoDB stores a number as base-100 digits: one byte per pair of significant digits, aligned on the decimal
     * exponent, plus an exponent byte, plus one for a negative number's terminator (so {@code -1} takes 3 bytes). An
     * estimate that counted less would let an item of many small negative numbers past the limit here and into a
     * DynamoDB refusal (a 500) at write time. The usage meter counts the numbers of item records of format 2 by it
     * (ItemImageSize), and must count a record as it did when the record was added: a change here takes a new
     * record format (docs/async.md, "Records written before this rule").
     */
    public static long storedNumberSize(BigDecimal number) {
        if (number.signum() == 0) {
            return 1;
        }
        BigDecimal canonical = number.stripTrailingZeros();
        long digits = canonical.precision();
        long exponent = digits - canonical.scale() - 1;
        boolean misaligned = digits % 2 == 0 && exponent % 2 == 0;
        return 1 + (digits + 1) / 2 + (misaligned ? 1 : 0) + (number.signum() < 0 ? 1 : 0);
    }

    /**
     * The length of the number as DynamoDB writes it: plain decimal without trailing zeros ({@code 1E+3} is
     * {@code 1000}, {@code 1.50} is {@code 1.5}, {@code 5E-3} is {@code 0.005}). Counted, not written: a number of
     * DynamoDB's range takes up to 132 characters.
     */
    static long plainLength(BigDecimal number) {
        if (number.signum() == 0) {
            return 1;
        }
        BigDecimal canonical = number.stripTrailingZeros();
        long digits = canonical.precision();
        long scale = canonical.scale();
        long exponent = digits - scale - 1;
        long length;
        if (scale <= 0) {
            length = digits - scale; // an integer: its digits, then as many zeros as the scale is below zero
        } else if (exponent >= 0) {
            length = digits + 1; // a point among the digits
        } else {
            length = 2 + (-exponent - 1) + digits; // "0.", the zeros after the point, the digits
        }
        return length + (number.signum() < 0 ? 1 : 0);
    }

    /**
     * Whether two JSON values hold the same data as DynamoDB stores it: numbers by value ({@code 1E+2} and {@code 100}
     * are one number, stored alike), objects key by key in any order, arrays element by element, the rest by equality.
     */
    public static boolean sameValues(Object one, Object other) {
        if (one instanceof Number a && other instanceof Number b) {
            return decimal(a).compareTo(decimal(b)) == 0;
        }
        if (one instanceof Map<?, ?> a && other instanceof Map<?, ?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : a.entrySet()) {
                if (!b.containsKey(entry.getKey()) || !sameValues(entry.getValue(), b.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (one instanceof List<?> a && other instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!sameValues(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(one, other);
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }

    /** UTF-8 length without encoding the text (a lone surrogate counts as the 3 bytes of its replacement). */
    public static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char unit = text.charAt(i);
            if (unit < 0x80) {
                bytes += 1;
            } else if (unit < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(unit)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
