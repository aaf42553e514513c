package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.api.ApiGateway;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Black-box tests of the runner's HTTP front door under malformed and hostile requests (issue 17), over raw sockets:
 * a well-behaved client such as java.net.http cannot send a bad percent-escape, two Content-Lengths or a NUL in a
 * header. What the client sees is asserted: status, content-type and body, as API Gateway answers them.
 */
class FrontDoorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BAD_REQUEST = "{\"message\":\"Bad Request\"}";

    /**
     * Short limits, so that a test waits seconds rather than the runner's 10 and 30 s; a 1 MB body budget. The body
     * deadline is longer than the body idle timeout, so that a stalled body here meets the idle timeout (the deadline
     * has {@link BodyDeadlineIT}).
     */
    private static final ApiGateway.Limits LIMITS =
            new ApiGateway.Limits(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(3), 1 << 20);

    @TempDir
    static Path folder;

    static LocalApplication app;

    @BeforeAll
    static void start() throws Exception {
        app = FixtureProject.startWith(folder, LIMITS);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static String bearer(String tenant) {
        return "Bearer " + app.token(tenant, tenant + "-user", Duration.ofMinutes(5));
    }

    @Test
    void answersAMalformedPercentEscapeInThePathWithApiGateways400() throws Exception {
        // %u0041 is the non-standard UTF-16 escape, which the HTTP server lets through and a URL decoder refuses.
        for (String path : List.of("/v1/echo/%zz", "/v1/echo/%u0041", "/v1/echo/a%ud800b", "/v1/echo/%")) {
            for (String authorization : List.of("Authorization: " + bearer("acme") + "\r\n", "")) {
                RawResponse response =
                        exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + authorization + "\r\n");

                assertThat(response.status()).as(path).isEqualTo(400);
                assertThat(response.header("content-type")).isEqualTo("application/json");
                assertThat(response.body()).isEqualTo(BAD_REQUEST);
            }
        }
    }

    @Test
    void answersAMalformedPercentEscapeInTheQueryWithApiGateways400() throws Exception {
        RawResponse response = exchange("GET /open?cursor=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo(BAD_REQUEST);
    }

    @Test
    void refusesATransferCodingItCannotDecodeWith501BeforeAnyFunctionRuns() throws Exception {
        for (String codings : List.of("gzip, chunked", "GZIP,chunked", "deflate, chunked")) {
            RawResponse response = exchange("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + bearer("acme") + "\r\nContent-Type: application/json\r\nTransfer-Encoding: " + codings
                    + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n");

            assertThat(response.status()).as(codings).isEqualTo(501);
            assertThat(response.header("content-type")).as(codings).isEqualTo("application/json");
            assertThat(response.body()).as(codings).isEqualTo("{\"message\":\"Not Implemented\"}");
        }
        RawResponse chunked = exchange("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + bearer("acme") + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                + "\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
        assertThat(chunked.status()).as("chunked alone is HTTP/1.1's own").isEqualTo(200);
    }

    @Test
    void answersConflictingOrRepeatedContentLengthsWithApiGateways400() throws Exception {
        for (String lengths : List.of(
                "Content-Length: 2\r\nContent-Length: 3\r\n",
                "Content-Length: 2\r\nContent-Length: 2\r\n",
                "Content-Length: 2, 3\r\n")) {
            RawResponse response = exchange("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + bearer("acme") + "\r\nContent-Type: application/json\r\n" + lengths + "\r\n{}");

            assertThat(response.status()).as(lengths).isEqualTo(400);
            assertThat(response.header("content-type")).as(lengths).isEqualTo("application/json");
            assertThat(response.body()).as(lengths).isEqualTo(BAD_REQUEST);
        }
    }

    /**
     * API Gateway's quota counts the request line and the header values, not the names (helper-90: the runner counted
     * the whole head, so many long-named headers were refused locally and served deployed).
     */
    @Test
    void countsTheRequestLineAndHeaderValuesAgainstTheTenKilobyteQuotaButNotTheNames() throws Exception {
        StringBuilder longNames = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            longNames.append(String.format("X-Padding-Header-Name-Long-%03d: v\r\n", i));
        }
        String tooLongValue = "X-Note: " + "v".repeat(10 * 1024) + "\r\n";

        RawResponse namesOver = exchange("GET /open HTTP/1.1\r\nHost: localhost\r\n" + longNames + "\r\n");
        RawResponse valuesOver = exchange("GET /open HTTP/1.1\r\nHost: localhost\r\n" + tooLongValue + "\r\n");
        // helper-91: 6,000 characters of é in the target are 12,000 bytes of UTF-8 on the wire, over the quota.
        String lineOfUtf8 = "GET /open?q=" + "é".repeat(6_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n";
        RawResponse lineOver = exchange(lineOfUtf8.getBytes(StandardCharsets.UTF_8), new byte[0]);

        assertThat(longNames.length()).isGreaterThan(10 * 1024);
        assertThat(namesOver.status()).isEqualTo(200);
        assertThat(valuesOver.status()).isEqualTo(431);
        assertThat(valuesOver.header("content-type")).isEqualTo("application/json");
        assertThat(valuesOver.body()).isEqualTo("{\"message\":\"Request Header Fields Too Large\"}");
        assertThat(lineOver.status()).isEqualTo(431);
    }

    @Test
    void refusesHeaderValuesWithControlCharactersInsteadOfTrimmingThem() throws Exception {
        for (String value : List.of("a\0b", "a\u0001b", "a\u007fb", "ab\0")) {
            RawResponse response = exchange("GET /open HTTP/1.1\r\nHost: localhost\r\nX-Note: " + value + "\r\n\r\n");

            assertThat(response.status()).as(escaped(value)).isEqualTo(400);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo(BAD_REQUEST);
        }
    }

    @Test
    void answers413ForABodyOverTenMegabytesWithoutWaitingForIt() throws Exception {
        // Only the head is sent: an answer proves the runner decided from Content-Length, without reading 10 MB.
        RawResponse response = exchange("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("acme")
                + "\r\nContent-Type: application/json\r\nContent-Length: " + (10 * 1024 * 1024 + 1) + "\r\n\r\n");

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.header("content-type")).isEqualTo("application/json");
        assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
    }

    @Test
    void answers413ForAChunkedBodyOverTenMegabytes() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("acme")
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int sent = 0; sent <= 10 * 1024 * 1024; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();

            RawResponse response = read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Entity Too Large\"}");
        }
    }

    @Test
    void closesAConnectionWhoseHeadersArriveTooSlowly() throws Exception {
        try (Socket socket = connect()) {
            socket.setSoTimeout(100);
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            out.write("GET /open HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.ISO_8859_1));
            boolean closed = false;
            // A header line every 100 ms: never idle, never done.
            while (!closed && System.nanoTime() - started < 10_000_000_000L) {
                try {
                    out.write("X-Slow: 1\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    closed = closedByServer(socket.getInputStream());
                } catch (IOException reset) {
                    closed = true;
                }
            }
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(closed).as("closed by the runner").isTrue();
            assertThat(elapsedMs)
                    .as("the 1 s header timeout, checked every 250 ms")
                    .isBetween(900L, 6000L);
        }
    }

    @Test
    void answers408AndClosesWhenABodyStopsArriving() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + bearer("acme")
                            + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"name\":")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long started = System.nanoTime();

            RawResponse response = read(socket.getInputStream());
            long elapsedMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.status()).isEqualTo(408);
            assertThat(response.header("content-type")).isEqualTo("application/json");
            assertThat(response.body()).isEqualTo("{\"message\":\"Request Timeout\"}");
            assertThat(elapsedMs).as("the 3 s body idle timeout").isBetween(2500L, 8000L);
            assertThat(closedByServer(socket.getInputStream())).isTrue();
        }
    }

    private static String escaped(String value) {
        StringBuilder text = new StringBuilder();
        value.chars()
                .forEach(c ->
                        text.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return text.toString();
    }

    /** What came back on the wire; {@code status} -1 when the server closed the connection without an answer. */
    record RawResponse(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    static RawResponse exchange(String request) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), new byte[0]);
    }

    static RawResponse exchange(byte[] head, byte[] body) throws IOException {
        return exchange(app.port(), head, body);
    }

    /** Sends a request on a connection of its own to the runner on {@code port} and reads the answer. */
    /**
     * The head of a POST to the fixture's echo route as {@code tenant}, with its framing header
     * ({@code Content-Length: n} or {@code Transfer-Encoding: chunked}).
     */
    static byte[] echoHead(LocalApplication app, String tenant, String framing) {
        return ("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + app.token(tenant, tenant + "-user", Duration.ofMinutes(5))
                        + "\r\nContent-Type: application/json\r\n" + framing + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * One small request per tenant: the first requests of a runner wait for its JWT checks and functions to warm up
     * (a few hundred ms); warm, a request's body is read as it arrives, which tests of body timing take for granted.
     */
    static void warmUp(LocalApplication app, String... tenants) throws IOException {
        for (String tenant : tenants) {
            RawResponse warm = exchange(
                    app.port(), echoHead(app, tenant, "Content-Length: 2"), "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(warm.status()).as("%s's warm-up request", tenant).isEqualTo(200);
        }
    }

    static RawResponse exchange(int port, byte[] head, byte[] body) throws IOException {
        try (Socket socket = connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        }
    }

    static Socket connect() throws IOException {
        return connect(app.port());
    }

    static Socket connect(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Reads one response: the head, then a Content-Length body (or up to the close). */
    static RawResponse read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        int b;
        while (lastFour != 0x0d0a0d0a && (b = in.read()) >= 0) {
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        if (head.size() == 0) {
            return new RawResponse(-1, Map.of(), "");
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            body = new byte[0];
        }
        return new RawResponse(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int length = Integer.parseInt(size.split(";")[0].strip(), 16);
            if (length == 0) {
                line(in);
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when the server closed the connection (EOF or reset) within the socket's read timeout. */
    static boolean closedByServer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
