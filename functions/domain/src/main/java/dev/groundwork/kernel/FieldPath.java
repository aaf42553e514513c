package dev.groundwork.kernel;

/**
 * How a problem names a field inside a JSON document, one step at a time: a key as {@code .key} ({@code key} at the
 * top), an array element as {@code [3]}, and a key that holds a character of that notation ({@code . [ ] " ' \}) or is
 * empty as {@code ["a.b"]}, with {@code "} and {@code \} escaped by a backslash. So every path names one field:
 * {@code attributes.a.b} is the key {@code b} of the object under {@code a}, and {@code attributes["a.b"]} the one key
 * {@code a.b}; a client can walk its own document by the path a problem gives.
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
        for (int i = 0; i < key.length(); i++) {
            char unit = key.charAt(i);
            if (unit == '"' || unit == '\\') {
                path.append('\\');
            }
            path.append(unit);
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
        for (int i = 0; i < key.length(); i++) {
            switch (key.charAt(i)) {
                case '.', '[', ']', '"', '\'', '\\' -> {
                    return true;
                }
                default -> {}
            }
        }
        return false;
    }
}
