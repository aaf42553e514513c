package dev.groundwork.dynamodb.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Http11ServerTest {
    Http11Server server = new Http11Server((head, body) -> new Http11Server.Response(
            200,
            "text/plain",
            (head.method() + " " + head.target() + " " + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8),
            new String[] {"x-test", "yes"}));
    int port;

    @BeforeEach
    void start() throws IOException {
        port = server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return readResponse(socket.getInputStream());
    }

    /** Reads one response: headers, then Content-Length bytes. */
    static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) break;
            head.write(c);
            matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:"))
                length = Integer.parseInt(line.substring(15).trim());
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void answersSeveralRequestsOnOneKeepAliveConnection() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String first =
                    exchange(socket, "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: A.B\r\nContent-Length: 2\r\n\r\n{}");
            String second =
                    exchange(socket, "POST / HTTP/1.1\r\nHost: x\r\nx-amz-target: C.D\r\nContent-Length: 3\r\n\r\nabc");

            assertThat(first)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("x-test: yes\r\n")
                    .endsWith("POST A.B {}");
            assertThat(second).endsWith("POST C.D abc");
        }
    }

    @Test
    void readsAChunkedBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer = exchange(
                    socket,
                    "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n");
            assertThat(answer).endsWith("POST null abcde");
        }
    }

    @Test
    void readsAChunkLargerThanAHeaderLineArrivingInPieces() throws Exception {
        String data = "x".repeat(100_000); // no newline in it, as in compact JSON
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            var out = socket.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(data.length())
                            + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (int from = 0; from < data.length(); from += 20_000) {
                out.write(data.substring(from, from + 20_000).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                Thread.sleep(20); // each piece its own read on the server
            }
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

            assertThat(readResponse(socket.getInputStream()))
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .endsWith("POST null " + data);
        }
    }

    @Test
    void answersPipelinedRequestsWithLargeAnswersInTurnsAndInOrder() throws IOException {
        // Small requests, large answers: all ten arrive in one read, and their answers take several turns of output.
        Http11Server large = new Http11Server(
                (head, body) -> new Http11Server.Response(
                        200,
                        "text/plain",
                        (head.target() + " ").concat("x".repeat(400_000)).getBytes(StandardCharsets.US_ASCII),
                        new String[0]),
                1);
        int largePort = large.start("127.0.0.1", 0);
        try (Socket socket = new Socket("127.0.0.1", largePort)) {
            socket.setSoTimeout(10_000);
            StringBuilder pipelined = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                pipelined
                        .append("POST / HTTP/1.1\r\nX-Amz-Target: T.")
                        .append(i)
                        .append("\r\nContent-Length: 0\r\n\r\n");
            }
            socket.getOutputStream().write(pipelined.toString().getBytes(StandardCharsets.US_ASCII));

            for (int i = 0; i < 10; i++) {
                String answer = readResponse(socket.getInputStream());
                assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\n\r\nT." + i + " xxx");
            }
        } finally {
            large.stop();
        }
    }

    /** Connection is a list of options (RFC 9110 section 7.6.1): keep-alive may come with others. */
    @ParameterizedTest
    @ValueSource(strings = {"keep-alive", "Upgrade ,keep-alive"})
    void tellsAnHttp10ClientThatAsksForKeepAliveThatItGetsIt(String connection) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            String first = exchange(
                    socket, "POST / HTTP/1.0\r\nConnection: " + connection + "\r\nContent-Length: 2\r\n\r\nhi");
            String second =
                    exchange(socket, "POST / HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nho");

            assertThat(first).contains("Connection: keep-alive\r\n").endsWith("POST null hi");
            assertThat(second).endsWith("POST null ho");
        }
    }

    @Test
    void saysContinueWhenAskedBeforeTheBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] interim = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertThat(new String(interim, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            socket.getOutputStream().write('z');
            assertThat(readResponse(in)).endsWith("POST null z");
        }
    }

    /** As above: close may come with other options, in any case. */
    @ParameterizedTest
    @ValueSource(strings = {"close", "TE, Close"})
    void closesTheConnectionWhenTheClientAsks(String connection) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer =
                    exchange(socket, "GET / HTTP/1.1\r\nConnection: " + connection + "\r\nTE: trailers\r\n\r\n");
            assertThat(answer).contains("Connection: close\r\n").endsWith("GET null ");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void stopClosesOpenConnections() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            exchange(socket, "POST / HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
            server.stop();
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void answersPipelinedRequestsInOrder() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write(("POST / HTTP/1.1\r\nX-Amz-Target: A.B\r\nContent-Length: 1\r\n\r\n1"
                                    + "POST / HTTP/1.1\r\nX-Amz-Target: C.D\r\nContent-Length: 1\r\n\r\n2")
                            .getBytes(StandardCharsets.US_ASCII));

            assertThat(readResponse(socket.getInputStream())).endsWith("POST A.B 1");
            assertThat(readResponse(socket.getInputStream())).endsWith("POST C.D 2");
        }
    }

    @Test
    void readsAndAnswersABodyLargerThanTheSocketBuffers() throws IOException {
        String large = "x".repeat(4 * 1024 * 1024);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    socket.getOutputStream()
                            .write(("POST / HTTP/1.1\r\nContent-Length: " + large.length() + "\r\n\r\n" + large)
                                    .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String answer = readResponse(socket.getInputStream());
            writer.join();

            assertThat(answer).endsWith("POST null " + large);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void keepsServingOtherConnectionsAfterAHandlerFailsWithAnError() throws IOException {
        Http11Server failing = new Http11Server(
                (head, body) -> {
                    if (head.target().equals("Fail.Hard")) throw new StackOverflowError("a handler's bug");
                    return new Http11Server.Response(200, "text/plain", body, new String[0]);
                },
                1);
        int failingPort = failing.start("127.0.0.1", 0);
        try {
            try (Socket socket = new Socket("127.0.0.1", failingPort)) {
                socket.getOutputStream()
                        .write("POST / HTTP/1.1\r\nX-Amz-Target: Fail.Hard\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                assertThat(socket.getInputStream().read()).isEqualTo(-1);
            }
            try (Socket socket = new Socket("127.0.0.1", failingPort)) {
                socket.setSoTimeout(5_000); // a dead event loop would never answer
                assertThat(exchange(socket, "POST / HTTP/1.1\r\nX-Amz-Target: A.B\r\nContent-Length: 2\r\n\r\nok"))
                        .startsWith("HTTP/1.1 200 OK\r\n")
                        .endsWith("ok");
            }
        } finally {
            failing.stop();
        }
    }

    @Test
    void refusesAMalformedRequestLineAndCloses() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            String answer = exchange(socket, "NONSENSE\r\n\r\n");

            assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }
}
