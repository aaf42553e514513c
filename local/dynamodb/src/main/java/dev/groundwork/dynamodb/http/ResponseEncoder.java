package dev.groundwork.dynamodb.http;

import static dev.groundwork.dynamodb.http.AsciiBytes.ascii;
import static dev.groundwork.dynamodb.http.AsciiBytes.putAscii;
import static dev.groundwork.dynamodb.http.AsciiBytes.putDecimal;

import java.nio.ByteBuffer;

/**
 * Writes answers as bytes into an event loop's output buffer: status line, headers and body together, so that they
 * leave in one write.
 */
final class ResponseEncoder {
    static final byte[] CONTINUE = ascii("HTTP/1.1 100 Continue\r\n\r\n");

    private static final byte[] HTTP11 = ascii("HTTP/1.1 ");
    private static final byte[] CONTENT_TYPE = ascii("\r\nContent-Type: ");
    private static final byte[] CONTENT_LENGTH = ascii("\r\nContent-Length: ");
    private static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    private static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] HEADER_SEPARATOR = ascii(": ");

    private ResponseEncoder() {}

    /** At least the bytes {@link #encode} writes for {@code response}. */
    static int sizeBound(Http11Server.Response response) {
        int size = 96
                + (response.contentType() == null ? 0 : response.contentType().length())
                + response.body().length;
        for (String header : response.extraHeaders()) size += header.length() + 4;
        return size;
    }

    /**
     * Appends {@code response} to {@code out}, which has {@link #sizeBound} bytes of room. {@code announceKeepAlive}
     * tells an HTTP/1.0 client that the connection stays open.
     */
    static void encode(ByteBuffer out, Http11Server.Response response, boolean keepAlive, boolean announceKeepAlive) {
        String[] extra = response.extraHeaders();
        out.put(HTTP11);
        putDecimal(out, response.status());
        out.put((byte) ' ');
        putAscii(out, reason(response.status()));
        if (response.contentType() != null) {
            out.put(CONTENT_TYPE);
            putAscii(out, response.contentType());
        }
        out.put(CONTENT_LENGTH);
        putDecimal(out, response.body().length);
        out.put(CRLF);
        for (int i = 0; i + 1 < extra.length; i += 2) {
            putAscii(out, extra[i]);
            out.put(HEADER_SEPARATOR);
            putAscii(out, extra[i + 1]);
            out.put(CRLF);
        }
        if (!keepAlive) out.put(CONNECTION_CLOSE);
        else if (announceKeepAlive) out.put(CONNECTION_KEEP_ALIVE);
        out.put(CRLF);
        out.put(response.body());
    }

    /** An empty answer after which the server closes the connection: for a request it will not read. */
    static byte[] refusal(int status, String reason) {
        return ascii("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
