package dev.groundwork.dynamodb.http;

import static dev.groundwork.dynamodb.http.AsciiBytes.indexOf;
import static dev.groundwork.dynamodb.http.AsciiBytes.is;
import static dev.groundwork.dynamodb.http.AsciiBytes.lineEnd;
import static dev.groundwork.dynamodb.http.AsciiBytes.startsWith;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the head of a request (request line and headers, RFC 9112 sections 3 and 5) where it lies in a connection's
 * input, keeping only what this server acts on: the method, X-Amz-Target, Authorization and whether a date header came
 * with it, whether the body is a form (an STS request, AWS's Query protocol), how the body is framed, whether the connection stays open and whether the client waits for
 * {@code 100 Continue}.
 *
 * <p>One per connection, reused for every request on it: the results are fields rather than an object per request,
 * and the last X-Amz-Target is remembered, so a client repeating one operation costs no new String per request.
 */
final class RequestHeadParser {
    enum Outcome {
        /** The head is not all buffered yet: read more, then parse again from {@link #requestStart()}. */
        INCOMPLETE,
        COMPLETE,
        /** The request line is not HTTP/1.x's: the answer is 400 and the connection closes. */
        MALFORMED
    }

    static final int MAX_HEADER_LINE = 16 * 1024;
    /** Request line and headers together; no SDK request comes near it. */
    static final int MAX_HEAD = 1024 * 1024;

    private static final byte[] EMPTY = new byte[0];
    private static final String FORM = "application/x-www-form-urlencoded";

    private byte[] lastTargetBytes = EMPTY;
    private String lastTarget;
    private byte[] lastAuthorizationBytes = EMPTY;
    private String lastAuthorization;

    private int requestStart;
    private int bodyStart;
    private String method;
    private String target;
    private String authorization;
    private boolean dated;
    private boolean form;
    private boolean keepAlive;
    private boolean announceKeepAlive;
    private long contentLength;
    private boolean chunked;
    private boolean expectsContinue;

    /**
     * Parses the head that starts at {@code from} in {@code bytes[from, limit)}. Lines end with LF, an optional CR
     * before it dropped; empty lines before a request line are skipped, as RFC 9112 section 2.2 allows.
     *
     * @throws IOException for a head no client of this server sends: a line or head over its limit, a bad
     *     Content-Length; the connection is dropped without an answer
     */
    Outcome parse(byte[] bytes, int from, int limit) throws IOException {
        int at = from;
        int newline;
        int lineEnd;
        while (true) {
            requestStart = at;
            newline = indexOf(bytes, (byte) '\n', at, limit);
            if (newline < 0) return incomplete(at, limit);
            lineEnd = lineEnd(bytes, at, newline);
            if (lineEnd > at) break;
            at = newline + 1;
        }
        int firstSpace = indexOf(bytes, (byte) ' ', at, lineEnd);
        int secondSpace = firstSpace < 0 ? -1 : indexOf(bytes, (byte) ' ', firstSpace + 1, lineEnd);
        if (lineEnd - at > MAX_HEADER_LINE
                || firstSpace <= at
                || secondSpace <= firstSpace + 1
                || indexOf(bytes, (byte) ' ', secondSpace + 1, lineEnd) >= 0
                || !startsWith(bytes, secondSpace + 1, lineEnd, "HTTP/1.")) {
            return Outcome.MALFORMED;
        }
        boolean http11 = lineEnd - (secondSpace + 1) == 8 && startsWith(bytes, secondSpace + 1, lineEnd, "HTTP/1.1");
        at = newline + 1;
        long length = 0;
        boolean isChunked = false;
        boolean expect = false;
        boolean connectionClose = false;
        boolean connectionKeepAlive = false;
        String amzTarget = null;
        String authorizationHeader = null;
        boolean dateHeader = false;
        boolean formBody = false;
        while (true) {
            newline = indexOf(bytes, (byte) '\n', at, limit);
            if (newline < 0) return incomplete(at, limit);
            lineEnd = lineEnd(bytes, at, newline);
            if (lineEnd - at > MAX_HEADER_LINE) throw new IOException("header line too long");
            if (lineEnd == at) {
                at = newline + 1;
                break;
            }
            int colon = indexOf(bytes, (byte) ':', at, lineEnd);
            if (colon > at) {
                int nameStart = at;
                int nameEnd = colon;
                while (nameStart < nameEnd && bytes[nameStart] <= ' ') nameStart++;
                while (nameEnd > nameStart && bytes[nameEnd - 1] <= ' ') nameEnd--;
                int valueStart = colon + 1;
                int valueEnd = lineEnd;
                while (valueStart < valueEnd && bytes[valueStart] <= ' ') valueStart++;
                while (valueEnd > valueStart && bytes[valueEnd - 1] <= ' ') valueEnd--;
                if (is(bytes, nameStart, nameEnd, "Content-Length")) {
                    length = parseLength(bytes, valueStart, valueEnd);
                } else if (is(bytes, nameStart, nameEnd, "X-Amz-Target")) {
                    amzTarget = target(bytes, valueStart, valueEnd);
                } else if (is(bytes, nameStart, nameEnd, "Authorization")) {
                    authorizationHeader = authorization(bytes, valueStart, valueEnd);
                } else if (is(bytes, nameStart, nameEnd, "X-Amz-Date") || is(bytes, nameStart, nameEnd, "Date")) {
                    dateHeader = true;
                } else if (is(bytes, nameStart, nameEnd, "Content-Type")) {
                    formBody = valueEnd - valueStart >= FORM.length()
                            && is(bytes, valueStart, valueStart + FORM.length(), FORM);
                } else if (is(bytes, nameStart, nameEnd, "Transfer-Encoding")) {
                    isChunked = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.ISO_8859_1)
                            .toLowerCase(Locale.ROOT)
                            .contains("chunked");
                } else if (is(bytes, nameStart, nameEnd, "Connection")) {
                    int options = connectionOptions(bytes, valueStart, valueEnd);
                    connectionClose |= (options & CLOSE) != 0;
                    connectionKeepAlive |= (options & KEEP_ALIVE) != 0;
                } else if (is(bytes, nameStart, nameEnd, "Expect")) {
                    expect = is(bytes, valueStart, valueEnd, "100-continue");
                }
            }
            at = newline + 1;
        }
        method = method(bytes, requestStart, firstSpace);
        target = amzTarget;
        authorization = authorizationHeader;
        dated = dateHeader;
        form = formBody;
        keepAlive = !connectionClose && (connectionKeepAlive || http11);
        announceKeepAlive = keepAlive && !http11;
        contentLength = length;
        chunked = isChunked;
        expectsContinue = expect;
        bodyStart = at;
        return Outcome.COMPLETE;
    }

    /** Where the request line starts, after any empty lines before it; set by every parse. */
    int requestStart() {
        return requestStart;
    }

    // The rest describe the last head parsed COMPLETE.

    int bodyStart() {
        return bodyStart;
    }

    String method() {
        return method;
    }

    /** The X-Amz-Target header, or null without one. */
    String target() {
        return target;
    }

    /** The Authorization header, or null without one. */
    String authorization() {
        return authorization;
    }

    /** Whether the request carried an X-Amz-Date or a Date header, which a SigV4 Authorization needs. */
    boolean dated() {
        return dated;
    }

    /** Whether the body is {@code application/x-www-form-urlencoded}, as the AWS Query protocol (STS) sends it. */
    boolean form() {
        return form;
    }

    boolean keepAlive() {
        return keepAlive;
    }

    /** An HTTP/1.0 client kept alive must be told so, or it reads the answer until the connection closes. */
    boolean announceKeepAlive() {
        return announceKeepAlive;
    }

    long contentLength() {
        return contentLength;
    }

    boolean chunked() {
        return chunked;
    }

    boolean expectsContinue() {
        return expectsContinue;
    }

    private Outcome incomplete(int lineStart, int limit) throws IOException {
        if (limit - lineStart > MAX_HEADER_LINE) throw new IOException("header line too long");
        if (limit - requestStart > MAX_HEAD) throw new IOException("request head too long");
        return Outcome.INCOMPLETE;
    }

    private static final int CLOSE = 1;
    private static final int KEEP_ALIVE = 2;

    /**
     * The options of a Connection header: a list (RFC 9110 section 7.6.1) such as "close, TE"; a repeated header adds
     * to it.
     */
    private static int connectionOptions(byte[] bytes, int valueStart, int valueEnd) {
        int found = 0;
        for (int option = valueStart; option < valueEnd; ) {
            int comma = indexOf(bytes, (byte) ',', option, valueEnd);
            int optionEnd = comma < 0 ? valueEnd : comma;
            int from = option;
            int to = optionEnd;
            while (from < to && bytes[from] <= ' ') from++;
            while (to > from && bytes[to - 1] <= ' ') to--;
            if (is(bytes, from, to, "close")) found |= CLOSE;
            else if (is(bytes, from, to, "keep-alive")) found |= KEEP_ALIVE;
            option = optionEnd + 1;
        }
        return found;
    }

    private String target(byte[] bytes, int from, int to) {
        if (!Arrays.equals(bytes, from, to, lastTargetBytes, 0, lastTargetBytes.length)) {
            lastTargetBytes = Arrays.copyOfRange(bytes, from, to);
            lastTarget = new String(lastTargetBytes, StandardCharsets.ISO_8859_1);
        }
        return lastTarget;
    }

    /** As {@link #target}: a client that sends the same header again costs no new String. */
    private String authorization(byte[] bytes, int from, int to) {
        if (!Arrays.equals(bytes, from, to, lastAuthorizationBytes, 0, lastAuthorizationBytes.length)) {
            lastAuthorizationBytes = Arrays.copyOfRange(bytes, from, to);
            lastAuthorization = new String(lastAuthorizationBytes, StandardCharsets.ISO_8859_1);
        }
        return lastAuthorization;
    }

    private static String method(byte[] bytes, int from, int to) {
        if (startsWith(bytes, from, to, "POST") && to - from == 4) return "POST";
        if (startsWith(bytes, from, to, "GET") && to - from == 3) return "GET";
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static long parseLength(byte[] bytes, int from, int to) throws IOException {
        if (from == to || to - from > 18) throw new IOException("bad Content-Length");
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) throw new IOException("bad Content-Length");
            value = value * 10 + digit;
        }
        return value;
    }
}
