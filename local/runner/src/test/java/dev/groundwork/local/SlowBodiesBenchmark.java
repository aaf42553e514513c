package dev.groundwork.local;

import dev.groundwork.local.api.ApiGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * One tenant's trickling bodies against another tenant's POSTs, at the runner's default limits (10 s body deadline,
 * 32 MB body budget): six connections each declare 6,000,000 bytes and send a byte a second, while another tenant
 * sends a 4,000,000-byte body every half second for 13 s. Prints when each trickle was answered, and with what, and
 * each of the other tenant's answers. A main, not a test (the fixture functions need the test-scoped CRaC API):
 * <pre>
 * ./mvnw -q -pl local/runner -am -DskipTests package test-compile
 * java -cp "local/runner/target/test-classes:local/runner/target/classes:local/runner/target/lib/*:$HOME/.m2/repository/org/crac/crac/1.5.0/crac-1.5.0.jar" \
 *   dev.groundwork.local.SlowBodiesBenchmark
 * </pre>
 */
public final class SlowBodiesBenchmark {

    private static final int TRICKLES = 6;
    private static final int DECLARED = 6_000_000;
    private static final int OTHER_BODY = 4_000_000;

    private SlowBodiesBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("slow-bodies");
        try (LocalApplication app = FixtureProject.startWith(root, ApiGateway.Limits.DEFAULTS)) {
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] otherBody = ("\"" + "a".repeat(OTHER_BODY - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
            String otherToken = app.token("globex", "globex-user", Duration.ofHours(1));
            post(http, app.port(), otherToken, otherBody); // warm-up

            long started = System.nanoTime();
            Map<Integer, String> trickleAnswers = new ConcurrentSkipListMap<>();
            List<Socket> trickles = new ArrayList<>();
            for (int i = 0; i < TRICKLES; i++) {
                trickles.add(trickle(app, i, started, trickleAnswers));
            }
            Map<Long, Integer> otherAnswers = new TreeMap<>();
            while (System.nanoTime() - started < 13_000_000_000L) {
                int status = post(http, app.port(), otherToken, otherBody);
                otherAnswers.put(millisSince(started), status);
                Thread.sleep(500);
            }
            for (Socket socket : trickles) {
                socket.close();
            }
            System.out.printf(
                    "%d trickles, %,d bytes declared each, a byte a second; answered (ms after they began): %s%n",
                    TRICKLES, DECLARED, trickleAnswers);
            System.out.printf(
                    "another tenant's %,d-byte POSTs (ms after the trickles began -> status): %s%n",
                    OTHER_BODY, otherAnswers);
        }
    }

    /** Sends the head, then a byte a second from a thread of its own; records the answer when it comes. */
    private static Socket trickle(LocalApplication app, int number, long started, Map<Integer, String> answers)
            throws IOException {
        Socket socket = new Socket("127.0.0.1", app.port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + app.token("acme", "acme-user", Duration.ofHours(1))
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + DECLARED + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    Thread.sleep(1000);
                    out.write('a');
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // answered and closed by the runner, or the benchmark is over
            }
        });
        Thread.ofVirtual().start(() -> {
            String answer;
            try {
                answer =
                        String.valueOf(FrontDoorIT.read(socket.getInputStream()).status());
            } catch (IOException e) {
                answer = e.getClass().getSimpleName();
            }
            answers.put(number, answer + " at " + millisSince(started));
        });
        return socket;
    }

    /** As curl sends a large body: Expect: 100-continue, so a refusal comes before the body is sent. */
    private static int post(HttpClient http, int port, String token, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/echo"))
                .timeout(Duration.ofSeconds(30))
                .expectContinue(true)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
