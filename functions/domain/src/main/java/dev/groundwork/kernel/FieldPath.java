package dev.groundwork.kernel;

import java.util.HexFormat;

/**
 * How a problem names a field inside a JSON document, one step at a time: a key as {@code .key} ({@code key} at the
 * top), an array element as {@code [3]}, and a key that holds a character of that notation ({@code . [ ] " ' \}) or is
 * empty as {@code ["a.b"]}, with {@code "} and {@code \} escaped by a backslash. So every path names one field:
 * {@code attributes.a.b} is the key {@code b} of the object under {@code a}, and {@code attributes["a.b"]} the one key
 * {@code a.b}; a client can walk its own document by the path a problem gives.
 *
 * <p>A key is quoted too when it holds a character that does not show as itself where a person reads the path: a
 * control, a format character (bidirectional overrides, zero-width joiners) or a line or paragraph separator, written
 * inside the quotes as JSON escapes it (a backslash, {@code u} and four hex digits), so that a right-to-left
 * override cannot make a key pass for another on a screen or in a log; and {@code …}, which otherwise ends only a
 * path cut short ({@link FieldErrors}).
 */
public final class FieldPath {
    private FieldPath() {}

    /** A field at the top of the document. */
    public static String member(String key) {
        return appendMember(new StringBuilder(key.length()), key).toString();
    }

    /** Appends the step to {@code key} of the object {@code path} names (the document itself when empty). */
    public static StringBuilder appendMember(StringBuilder path, String key) {
        if (!needsQuotes(key)) {
            return (path.isEmpty() ? path : path.append('.')).append(key);
        }
        path.append("[\"");
        for (int i = 0; i < key.length(); ) {
            int character = key.codePointAt(i);
            int end = i + Character.charCount(character);
            if (character == '"' || character == '\\') {
                path.append('\\').append((char) character);
            } else if (unseen(character)) {
                for (int unit = i; unit < end; unit++) {
                    appendEscape(path, key.charAt(unit));
                }
            } else {
                path.append(key, i, end);
            }
            i = end;
        }
        return path.append("\"]");
    }

    /** Appends the step to element {@code index} of the array {@code path} names. */
    public static StringBuilder appendIndex(StringBuilder path, int index) {
        return path.append('[').append(index).append(']');
    }

    private static boolean needsQuotes(String key) {
        if (key.isEmpty()) {
            return true;
        }
        for (int i = 0; i < key.length(); ) {
            int character = key.codePointAt(i);
            switch (character) {
                case '.', '[', ']', '"', '\'', '\\', '…' -> {
                    return true;
                }
                default -> {
                    if (unseen(character)) {
                        return true;
                    }
                }
            }
            i += Character.charCount(character);
        }
        return false;
    }

    /**
     * A character that a screen or a log shows as nothing, as something else, or as a break in the line: controls,
     * format characters (bidirectional controls, zero-width joiners, the tag characters that can hide text),
     * separators, spaces other than ASCII's (a no-break space reads as one), the letters and marks that draw
     * nothing (Hangul fillers, the braille blank, variation selectors, the combining grapheme joiner), and
     * noncharacters (U+FFFF, U+FDD0), which the API refuses in text and so must not echo raw.
     */
    private static boolean unseen(int character) {
        return switch (Character.getType(character)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
            case Character.SPACE_SEPARATOR -> character != ' ';
            default ->
                character == 0x115F
                        || character == 0x1160
                        || character == 0x3164
                        || character == 0xFFA0
                        || character == 0x2800
                        || character == 0x034F
                        || (character >= 0xFE00 && character <= 0xFE0F)
                        || (character >= 0xE0100 && character <= 0xE01EF)
                        || (character >= 0xFDD0 && character <= 0xFDEF)
                        || (character & 0xFFFE) == 0xFFFE;
        };
    }

    /** The character as JSON escapes it: a backslash, {@code u}, four hex digits (two such for one beyond U+FFFF). */
    private static void appendEscape(StringBuilder path, char unit) {
        path.append("\\u").append(HexFormat.of().toHexDigits(unit));
    }
}
