package dev.groundwork.local.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one connection per request: {@code java.net.http} refuses to send the malformed
 * methods, targets and header values the fuzzer needs to send. Reads an answer of any size up to {@link #MAX_READ}
 * (so an oversized answer is seen, not truncated silently), with Content-Length, chunked or close-delimited bodies.
 */
final class RawHttp {

    /** Bytes read of one answer at most: more than Lambda's 6 MB response limit, so a breach of it is measurable. */
    static final int MAX_READ = 8 * 1024 * 1024;

    sealed interface Outcome permits Answer, NoAnswer {}

    /** A response; header names lower-cased, repeated headers joined with ", " as HTTP allows (RFC 9110 §5.3). */
    record Answer(int status, Map<String, String> headers, byte[] body, long millis) implements Outcome {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** No parseable response: the connection was closed or reset, or nothing came within the timeout. */
    record NoAnswer(String why, boolean timedOut, long millis) implements Outcome {}

    private final String host;
    private final int port;
    private final Duration timeout;

    RawHttp(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    String hostHeader() {
        return host + ":" + port;
    }

    Outcome send(byte[] request, boolean head) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // A server may answer (e.g. 413) and close before reading a large body: read what it said.
            }
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            return read(in, head, started);
        } catch (SocketTimeoutException e) {
            return new NoAnswer("no answer within " + timeout.toSeconds() + " s", true, elapsed(started));
        } catch (IOException e) {
            return new NoAnswer("connection failed: " + e.getMessage(), false, elapsed(started));
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    private Outcome read(InputStream in, boolean head, long started) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return new NoAnswer("connection closed without a response", false, elapsed(started));
        }
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return new NoAnswer("not an HTTP response: " + Printable.of(statusLine, 100), false, elapsed(started));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return new NoAnswer("unreadable status line: " + Printable.of(statusLine, 100), false, elapsed(started));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                headers.merge(
                        header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim(),
                        (first, second) -> first + ", " + second);
            }
        }
        byte[] body;
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            body = new byte[0];
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunked(in);
        } else if (headers.containsKey("content-length")) {
            long length = Long.parseLong(headers.get("content-length"));
            body = in.readNBytes((int) Math.min(length, MAX_READ));
        } else {
            body = in.readNBytes(MAX_READ);
        }
        return new Answer(status, headers, body, elapsed(started));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (body.size() < MAX_READ) {
            String size = line(in);
            if (size == null) {
                break;
            }
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                while (true) {
                    String trailer = line(in);
                    if (trailer == null || trailer.isEmpty()) {
                        break;
                    }
                }
                break;
            }
            body.writeBytes(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    /** A line without its CRLF (or LF), as ISO-8859-1; null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            if (line.size() > 64 * 1024) {
                throw new IOException("a response line longer than 64 KB");
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }
}
