package dev.groundwork.testing.load;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Where an HTTP/1.1 answer at the start of a buffer ends, for {@link ClosedLoopClients}: after its {@code
 * Content-Length} bytes, after its last chunk and trailers, or (a 204, a 304) after its head.
 */
final class HttpAnswer {

    private HttpAnswer() {}

    /** The index just past the answer that starts at 0, or -1 while {@code filled} bytes do not hold all of it. */
    static int end(byte[] bytes, int filled) {
        int headEnd = lineEnd(bytes, 0, filled);
        while (headEnd >= 0 && !blankLineEndsAt(bytes, headEnd)) {
            headEnd = lineEnd(bytes, headEnd, filled);
        }
        if (headEnd < 0) {
            return -1;
        }
        String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        if (header(head, "transfer-encoding")
                .filter(value -> value.contains("chunked"))
                .isPresent()) {
            return chunkedEnd(bytes, headEnd, filled);
        }
        int end =
                headEnd + header(head, "content-length").map(Integer::parseInt).orElse(0);
        return end <= filled ? end : -1;
    }

    static int status(byte[] bytes) {
        return Integer.parseInt(new String(bytes, 9, 3, StandardCharsets.US_ASCII));
    }

    /** "HTTP 500", with the start of the body when there is one: a server's error names its cause there. */
    static String describeFailure(byte[] bytes, int end, int status) {
        int headEnd = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).indexOf("\r\n\r\n") + 4;
        String body = new String(bytes, headEnd, Math.min(end - headEnd, 200), StandardCharsets.UTF_8);
        return "HTTP " + status + (body.isBlank() ? "" : ": " + body.strip());
    }

    private static int chunkedEnd(byte[] bytes, int from, int filled) {
        int at = from;
        while (true) {
            int sizeEnd = lineEnd(bytes, at, filled);
            if (sizeEnd < 0) {
                return -1;
            }
            String sizeLine = new String(bytes, at, sizeEnd - 2 - at, StandardCharsets.ISO_8859_1);
            long size = Long.parseLong(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                // Trailers, if any, then the blank line that ends the answer.
                int lineEnd = sizeEnd;
                do {
                    at = lineEnd;
                    lineEnd = lineEnd(bytes, at, filled);
                    if (lineEnd < 0) {
                        return -1;
                    }
                } while (lineEnd - at > 2);
                return lineEnd;
            }
            at = sizeEnd + (int) size + 2;
            if (at > filled) {
                return -1;
            }
        }
    }

    /** The index just past the CRLF that ends the line starting at {@code from}, or -1. */
    private static int lineEnd(byte[] bytes, int from, int filled) {
        for (int i = from; i + 1 < filled; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n') {
                return i + 2;
            }
        }
        return -1;
    }

    private static boolean blankLineEndsAt(byte[] bytes, int lineEnd) {
        return lineEnd >= 4 && bytes[lineEnd - 3] == '\n' && bytes[lineEnd - 4] == '\r';
    }

    private static Optional<String> header(String lowerCaseHead, String name) {
        int at = lowerCaseHead.indexOf("\r\n" + name + ":");
        if (at < 0) {
            return Optional.empty();
        }
        int valueStart = at + name.length() + 3;
        return Optional.of(lowerCaseHead
                .substring(valueStart, lowerCaseHead.indexOf('\r', valueStart))
                .trim());
    }
}
