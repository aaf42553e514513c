package dev.groundwork.imports.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each item of a JSON array lies in its bytes, found by its brackets, braces, commas and strings alone: a
 * string is skipped whole (a quote ends it unless a backslash escapes it), so what it holds counts for nothing. What
 * lies between the delimiters is not checked here; each item is read on its own afterwards. Bytes, not characters:
 * every delimiter is ASCII, and no byte of a longer UTF-8 sequence is, so a byte that is not UTF-8 stays in its item.
 */
final class ArrayItems {
    private ArrayItems() {}

    /**
     * The items' byte ranges ({@code [from, to)}, blanks around them included), or empty when the text is not one
     * array of items delimited as JSON delimits them (an empty item, an unclosed string or bracket, content after it).
     */
    static Optional<List<int[]>> of(byte[] text) {
        int at = blanks(text, 0);
        if (at >= text.length || text[at] != '[') {
            return Optional.empty();
        }
        List<int[]> items = new ArrayList<>();
        at++;
        if (blanks(text, at) < text.length && text[blanks(text, at)] == ']') {
            return end(text, blanks(text, at) + 1, items);
        }
        while (true) {
            int from = at;
            int depth = 0;
            while (at < text.length) {
                byte b = text[at];
                if (b == '"') {
                    at = afterString(text, at + 1);
                    if (at < 0) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if (b == '}' || b == ']') {
                    if (depth == 0) {
                        break;
                    }
                    depth--;
                } else if (b == ',' && depth == 0) {
                    break;
                }
                at++;
            }
            if (at >= text.length || blanks(text, from) == at || (text[at] == '}' && depth == 0)) {
                return Optional.empty();
            }
            items.add(new int[] {from, at});
            if (text[at] == ']') {
                return end(text, at + 1, items);
            }
            at++; // the comma
        }
    }

    private static Optional<List<int[]>> end(byte[] text, int after, List<int[]> items) {
        return blanks(text, after) == text.length ? Optional.of(items) : Optional.empty();
    }

    /** The index after the quote that closes a string whose first byte is at {@code at}; -1 when none does. */
    private static int afterString(byte[] text, int at) {
        while (at < text.length) {
            if (text[at] == '\\') {
                at += 2;
            } else if (text[at] == '"') {
                return at + 1;
            } else {
                at++;
            }
        }
        return -1;
    }

    /** The index of the first byte from {@code at} that is not JSON's whitespace. */
    private static int blanks(byte[] text, int at) {
        while (at < text.length && (text[at] == ' ' || text[at] == '\t' || text[at] == '\n' || text[at] == '\r')) {
            at++;
        }
        return at;
    }
}
