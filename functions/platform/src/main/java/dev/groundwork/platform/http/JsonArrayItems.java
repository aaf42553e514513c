package dev.groundwork.platform.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.ContentReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where each item of a JSON array lies in its bytes, for an array that {@link ApiJson}'s parser stopped in at a fault
 * of one item's own: a key given twice, a key that is no text, a byte that is not UTF-8, a number or nesting past the
 * parser's limits ({@link ApiJson#fieldError}). Such an item can then be read alone, as an NDJSON line is, and
 * rejected alone.
 *
 * <p>Only an array that is well-formed apart from those faults is split: it is read by Jackson as strictly as
 * {@link ApiJson} reads it (no trailing content), with duplicate keys allowed, and over a copy
 * of its bytes in which every byte that is not ASCII is the letter {@code x} and every {@code \\u} escape of a
 * surrogate is {@code \\u0078}. Neither change can make text that is not JSON into JSON, or the other way round: JSON's
 * structure (brackets, braces, commas, colons, quotes, backslashes, literals, numbers, blanks) is all ASCII and no
 * byte of a longer UTF-8 sequence is, so a non-ASCII byte is either inside a string, where a letter is as good, or
 * outside one, where a letter is as wrong; and a surrogate escape is inside a string or, after a backslash outside
 * one, wrong either way. The copy has the same length, so the items' offsets in it are their offsets in the text.
 */
public final class JsonArrayItems {
    /** What is done with each item, in order, as it is found. */
    @FunctionalInterface
    public interface Item {
        void at(int from, int to);
    }

    /**
     * Without the API parser's limit on a number's length, and with its nesting limit raised to 1,000: an item past
     * the API's 64 levels, or with a longer number, is its own fault, named by its reading alone. Reading the
     * structure descends no stack, but it keeps an object a level (a 1 MB body of brackets alone took 61–65 MB
     * unbounded); an array nested deeper than 1,000 is refused whole.
     */
    private static final JsonFactory STRUCTURE = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(1_000)
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxNameLength(Integer.MAX_VALUE)
                    .build())
            // Names are read and dropped: none is kept for the process's life (docs/security.md, "Keys a process
            // keeps").
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private JsonArrayItems() {}

    /**
     * Hands each item's byte range ({@code [from, to)}, the item's value alone) to {@code item}, in order.
     *
     * @throws IOException the parser's error, when the text is not one JSON array well-formed apart from its items'
     *     own faults, at the line and column of the text's characters. Items found before it were handed over
     *     already: a caller keeps what it makes of them until this returns.
     */
    public static void forEach(byte[] text, Item item) throws IOException {
        // All ASCII, so each character is the byte at its offset: the parser's character offsets are the text's.
        try (JsonParser parser =
                STRUCTURE.createParser(new String(structureOnly(text), StandardCharsets.US_ASCII).toCharArray())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(parser, "The body is not a JSON array.");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                int from = (int) parser.currentTokenLocation().getCharOffset();
                parser.skipChildren();
                parser.finishToken();
                item.at(from, (int) parser.currentLocation().getCharOffset());
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "The body has content after its array.");
            }
        } catch (JsonParseException broken) {
            throw broken.getLocation() == null
                    ? broken
                    : new JsonParseException(null, broken.getOriginalMessage(), inText(text, broken.getLocation()));
        }
    }

    /**
     * Where the copy's parser stopped, in the text's characters: the copy's column counts a character of two to four
     * UTF-8 bytes as that many, where the API's parser, and so every other location a client is told, counts it once
     * (twice beyond U+FFFF, as UTF-16 does).
     */
    private static JsonLocation inText(byte[] text, JsonLocation inCopy) {
        int at = (int) Math.max(0, Math.min(inCopy.getCharOffset(), text.length));
        int lineStart = at;
        while (lineStart > 0 && text[lineStart - 1] != '\n' && text[lineStart - 1] != '\r') { // as Jackson counts lines
            lineStart--;
        }
        int column = new String(text, lineStart, at - lineStart, StandardCharsets.UTF_8).length() + 1;
        return new JsonLocation(ContentReference.unknown(), at, -1, inCopy.getLineNr(), column);
    }

    /** The text with every non-ASCII byte an {@code x} and every surrogate escape {@code \\u0078} (above). */
    static byte[] structureOnly(byte[] text) {
        byte[] copy = text.clone();
        for (int at = 0; at < copy.length; at++) {
            if (copy[at] < 0) {
                copy[at] = 'x';
            } else if (copy[at] == '\\' && at + 1 < copy.length) {
                if (copy[at + 1] == 'u' && at + 5 < copy.length && surrogate(copy, at + 2)) {
                    copy[at + 2] = '0';
                    copy[at + 3] = '0';
                    copy[at + 4] = '7';
                    copy[at + 5] = '8';
                    at += 5;
                } else {
                    at++; // the escaped character, a backslash or a quote among them, is no delimiter
                }
            }
        }
        return copy;
    }

    /** Whether the four bytes at {@code at} are the hex digits of a UTF-16 surrogate, D800 to DFFF. */
    private static boolean surrogate(byte[] text, int at) {
        return (text[at] == 'd' || text[at] == 'D')
                && "89abcdefABCDEF".indexOf(text[at + 1]) >= 0
                && hex(text[at + 2])
                && hex(text[at + 3]);
    }

    private static boolean hex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
