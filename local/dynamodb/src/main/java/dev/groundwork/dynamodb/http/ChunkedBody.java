package dev.groundwork.dynamodb.http;

import static dev.groundwork.dynamodb.http.AsciiBytes.indexOf;
import static dev.groundwork.dynamodb.http.AsciiBytes.lineEnd;

import java.io.IOException;

/**
 * A chunked body (RFC 9112 section 7.1) in a connection's input: first walked without copying until all of it is
 * buffered, then copied out in one pass into an array of its decoded size.
 */
final class ChunkedBody {
    private ChunkedBody() {}

    /**
     * True, with the offset after the body's trailers in {@code endAndSize[0]} and its decoded size in
     * {@code endAndSize[1]}, once all of the body starting at {@code from} is in {@code bytes[from, limit)}.
     *
     * @throws IOException for a chunk size that is not hex, a body over {@link Http11Server#MAX_BODY} or a chunk line
     *     over {@link RequestHeadParser#MAX_HEADER_LINE}
     */
    static boolean scan(byte[] bytes, int from, int limit, long[] endAndSize) throws IOException {
        int at = from;
        long size = 0;
        while (true) {
            int newline = indexOf(bytes, (byte) '\n', at, limit);
            if (newline < 0) return incomplete(bytes, at, limit);
            int lineEnd = lineEnd(bytes, at, newline);
            int semicolon = indexOf(bytes, (byte) ';', at, lineEnd);
            int chunk = parseHex(bytes, at, semicolon >= 0 ? semicolon : lineEnd);
            at = newline + 1;
            if (chunk == 0) {
                while (true) {
                    int trailerEnd = indexOf(bytes, (byte) '\n', at, limit);
                    if (trailerEnd < 0) return incomplete(bytes, at, limit);
                    boolean empty = trailerEnd == at || (trailerEnd == at + 1 && bytes[at] == '\r');
                    at = trailerEnd + 1;
                    if (empty) {
                        endAndSize[0] = at;
                        endAndSize[1] = size;
                        return true;
                    }
                }
            }
            size += chunk;
            if (size > Http11Server.MAX_BODY) throw new IOException("body too large");
            if (limit - at < chunk) return false; // chunk data, not a line: its size was checked above
            at += chunk;
            int dataEnd = indexOf(bytes, (byte) '\n', at, limit);
            if (dataEnd < 0) return incomplete(bytes, at, limit);
            at = dataEnd + 1;
        }
    }

    /** The decoded body starting at {@code from}, which {@link #scan} found complete and {@code size} bytes long. */
    static byte[] copy(byte[] bytes, int from, int size) {
        byte[] body = new byte[size];
        int at = from;
        int filled = 0;
        while (filled < size) {
            int newline = indexOf(bytes, (byte) '\n', at, Integer.MAX_VALUE);
            int lineEnd = lineEnd(bytes, at, newline);
            int semicolon = indexOf(bytes, (byte) ';', at, lineEnd);
            int chunk = parseHexUnchecked(bytes, at, semicolon >= 0 ? semicolon : lineEnd);
            at = newline + 1;
            System.arraycopy(bytes, at, body, filled, chunk);
            filled += chunk;
            at = indexOf(bytes, (byte) '\n', at + chunk, Integer.MAX_VALUE) + 1;
        }
        return body;
    }

    private static boolean incomplete(byte[] bytes, int at, int limit) throws IOException {
        if (limit - at > RequestHeadParser.MAX_HEADER_LINE && indexOf(bytes, (byte) '\n', at, limit) < 0) {
            throw new IOException("chunk line too long");
        }
        return false;
    }

    private static int parseHex(byte[] bytes, int from, int to) throws IOException {
        while (from < to && bytes[from] <= ' ') from++;
        while (to > from && bytes[to - 1] <= ' ') to--;
        if (from == to || to - from > 7) throw new IOException("bad chunk size");
        return parseHexUnchecked(bytes, from, to);
    }

    private static int parseHexUnchecked(byte[] bytes, int from, int to) {
        while (from < to && bytes[from] <= ' ') from++;
        while (to > from && bytes[to - 1] <= ' ') to--;
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(bytes[i], 16);
            if (digit < 0) throw new IllegalArgumentException("bad chunk size");
            value = value * 16 + digit;
        }
        return value;
    }
}
