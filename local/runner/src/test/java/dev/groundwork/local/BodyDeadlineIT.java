package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.FrontDoorIT.RawResponse;
import dev.groundwork.local.api.ApiGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door's body deadline: a body must all arrive within the deadline, counted from the end of the headers,
 * however steadily it trickles, or the client gets a 408 and its connection is closed, and the body bytes it held
 * are free for others at once. Over raw sockets, so that a body can be sent a byte at a time. A runner of its own
 * with a 3 s body deadline, a body idle timeout (30 s) that a trickle never meets, and a 1 MB body budget.
 */
class BodyDeadlineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_MS = 3_000;
    /** What a busy 2-core machine may add to the deadline: the answer is asserted late by at most this much. */
    private static final long SLACK_MS = 3_000;

    private static final ApiGateway.Limits LIMITS = new ApiGateway.Limits(
            Duration.ofSeconds(1), Duration.ofMillis(DEADLINE_MS), Duration.ofSeconds(30), 1 << 20);

    @TempDir
    static Path folder;

    static LocalApplication app;

    @BeforeAll
    static void start() throws Exception {
        app = FixtureProject.startWith(folder, LIMITS);
        FrontDoorIT.warmUp(app, "acme", "globex");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void answers408AndClosesWhenADeclaredBodyTricklesPastTheDeadline() throws Exception {
        int invocationsBefore = echoInvocations();
        // given: a body that declares 6 MB and sends a byte every 100 ms, never idle long enough to time out
        try (Trickle trickle = Trickle.start(declaredHead("acme", 6_000_000), new byte[0], "a")) {

            // when
            RawResponse answer = trickle.answer();

            // then
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("content-type")).isEqualTo("application/json");
            assertThat(answer.body()).isEqualTo("{\"message\":\"Request Timeout\"}");
            assertThat(answer.header("connection")).isEqualTo("close");
            assertThat(trickle.answeredAfterMillis())
                    .as("the 3 s deadline from the end of the headers")
                    .isBetween(DEADLINE_MS - 100, DEADLINE_MS + SLACK_MS);
            assertThat(trickle.closedByServer()).as("the connection is closed").isTrue();
        }
        assertThat(echoInvocations())
                .as("no function saw the trickled request: one more invocation, the count's own")
                .isEqualTo(invocationsBefore + 1);
    }

    @Test
    void answers408AndClosesWhenAChunkedBodyTricklesPastTheDeadline() throws Exception {
        // given: a chunked body that sends a chunk of one byte every 100 ms
        try (Trickle trickle = Trickle.start(chunkedHead("acme"), new byte[0], "1\r\na\r\n")) {

            // when
            RawResponse answer = trickle.answer();

            // then
            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.body()).isEqualTo("{\"message\":\"Request Timeout\"}");
            assertThat(trickle.answeredAfterMillis()).isBetween(DEADLINE_MS - 100, DEADLINE_MS + SLACK_MS);
            assertThat(trickle.closedByServer()).isTrue();
        }
    }

    @Test
    void fiveTricklingSixMegabyteBodiesNeitherRefuseNorStallAnotherTenantsBody() throws Exception {
        // given: one tenant's five requests each declare 6 MB (30 MB against a 1 MB budget) and trickle
        List<Trickle> trickles = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                trickles.add(Trickle.start(declaredHead("acme", 6_000_000), new byte[0], "a"));
            }
            Thread.sleep(500);

            // when: another tenant sends a whole 0.7 MB body meanwhile
            RawResponse other = FrontDoorIT.exchange(app.port(), declaredHead("globex", 700_000), jsonString(700_000));
            long otherAnsweredAt = System.nanoTime();
            List<RawResponse> trickleAnswers = new ArrayList<>();
            for (Trickle trickle : trickles) {
                trickleAnswers.add(trickle.answer());
            }

            // then: served at once, before any trickle met its deadline; the trickles get their 408s
            assertThat(other.status()).isEqualTo(200);
            assertThat(JSON.readTree(other.body()).path("body").asText()).hasSize(700_000);
            assertThat(trickleAnswers).extracting(RawResponse::status).containsOnly(408);
            assertThat(trickles)
                    .allSatisfy(trickle -> assertThat(trickle.answeredAtNanos()).isGreaterThan(otherAnsweredAt));
        } finally {
            for (Trickle trickle : trickles) {
                trickle.close();
            }
        }
    }

    @Test
    void givesTheBudgetBackAtTheDeadlineSoARefusedBodyIsThenServed() throws Exception {
        // given: two tenants' requests have sent 0.5 MB of their 0.52 MB each, holding all but 48 KB of the 1 MB
        // budget (each within its tenant's half), and trickle the rest
        byte[] firstPart = java.util.Arrays.copyOf(jsonString(520_000), 500_000);
        List<Trickle> trickles = new ArrayList<>();
        try {
            for (String tenant : List.of("acme", "initech")) {
                trickles.add(Trickle.start(declaredHead(tenant, 520_000), firstPart, "a"));
            }
            Thread.sleep(500);

            // when: another tenant's 0.2 MB comes while they hold the budget, then again once they met the deadline
            RawResponse refused = FrontDoorIT.exchange(app.port(), declaredHead("globex", 200_000), new byte[0]);
            List<RawResponse> trickleAnswers = new ArrayList<>();
            for (Trickle trickle : trickles) {
                trickleAnswers.add(trickle.answer());
            }
            RawResponse retried =
                    FrontDoorIT.exchange(app.port(), declaredHead("globex", 200_000), jsonString(200_000));

            // then
            assertThat(refused.status())
                    .as("1 MB held, 0.2 MB more does not fit")
                    .isEqualTo(429);
            assertThat(trickleAnswers).extracting(RawResponse::status).containsOnly(408);
            assertThat(trickles)
                    .allSatisfy(
                            trickle -> assertThat(trickle.answeredAfterMillis()).isLessThan(DEADLINE_MS + SLACK_MS));
            assertThat(retried.status())
                    .as("the 408s gave back what the trickles held")
                    .isEqualTo(200);
        } finally {
            for (Trickle trickle : trickles) {
                trickle.close();
            }
        }
    }

    @Test
    void oneTenantsBodiesSentFastButHeldBackAtTheirLastByteHoldAtMostHalfTheBudget() throws Exception {
        // given: one tenant sends three bodies of 0.35 MB at once, all but their last byte, and holds them there
        byte[] body = jsonString(350_000);
        byte[] allButLast = java.util.Arrays.copyOf(body, body.length - 1);
        List<Trickle> held = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                held.add(Trickle.start(declaredHead("acme", body.length), allButLast, ""));
            }
            Thread.sleep(500);

            // when: another tenant's 0.4 MB comes while they are held
            RawResponse other = FrontDoorIT.exchange(app.port(), declaredHead("globex", 400_000), jsonString(400_000));

            // then: the holder's third body did not fit its half, and the other tenant's fits the rest
            assertThat(other.status())
                    .as("globex's body while acme holds its half")
                    .isEqualTo(200);
            // Only the first is sure to fit: which of the other two the runner refuses before reading it (closing
            // while it is still sent) depends on how far the first had arrived when their heads came (a CI run saw
            // the second refused so), and one refused part-way is read to its end without the client noticing.
            assertThat(held.getFirst().refusedWhileSent())
                    .as("acme's first body, which fits its half, taken whole and held")
                    .isFalse();
        } finally {
            for (Trickle trickle : held) {
                trickle.close();
            }
        }
    }

    @Test
    void servesABodyThatArrivesSlowlyButWithinTheDeadline() throws Exception {
        byte[] body = "{\"note\":\"sent in five parts, 150 ms apart\"}".getBytes(StandardCharsets.UTF_8);
        try (Socket socket = FrontDoorIT.connect(app.port())) {
            // given: the head, then the body in five parts over 0.75 s of the 3 s deadline
            OutputStream out = socket.getOutputStream();
            out.write(declaredHead("acme", body.length));
            out.flush();
            int part = (body.length + 4) / 5;
            for (int from = 0; from < body.length; from += part) {
                Thread.sleep(150);
                out.write(body, from, Math.min(part, body.length - from));
                out.flush();
            }

            // when
            RawResponse response = FrontDoorIT.read(socket.getInputStream());

            // then
            assertThat(response.status()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("body").asText())
                    .isEqualTo(new String(body, StandardCharsets.UTF_8));
        }
    }

    /**
     * A request whose head (and a first part of its body) is sent at once, then a piece every 100 ms from a thread of
     * its own until the runner answers or closes, as a slow or hostile client sends.
     */
    private static final class Trickle implements AutoCloseable {
        private final Socket socket;
        private final Thread sender;
        private final long headSentNanos;
        private final boolean refusedWhileSent;
        private volatile long answeredNanos;

        private Trickle(Socket socket, Thread sender, long headSentNanos, boolean refusedWhileSent) {
            this.socket = socket;
            this.sender = sender;
            this.headSentNanos = headSentNanos;
            this.refusedWhileSent = refusedWhileSent;
        }

        static Trickle start(byte[] head, byte[] firstPart, String piece) throws IOException {
            Socket socket = FrontDoorIT.connect(app.port());
            OutputStream out = socket.getOutputStream();
            boolean refused = false;
            try {
                out.write(head);
                out.write(firstPart);
                out.flush();
            } catch (SocketException closed) {
                // The runner may refuse a body that does not fit the tenant's share of the budget (a 429) and close
                // before a large first part is all written.
                refused = true;
            }
            long headSent = System.nanoTime();
            byte[] bytes = piece.getBytes(StandardCharsets.ISO_8859_1);
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        Thread.sleep(100);
                        out.write(bytes);
                        out.flush();
                    }
                } catch (IOException | InterruptedException closed) {
                    // the runner closed the connection, or the test is done
                }
            });
            return new Trickle(socket, sender, headSent, refused);
        }

        /** The runner closed the connection before the head and first part were all written. */
        boolean refusedWhileSent() {
            return refusedWhileSent;
        }

        RawResponse answer() throws IOException {
            RawResponse answer = FrontDoorIT.read(socket.getInputStream());
            answeredNanos = System.nanoTime();
            return answer;
        }

        long answeredAtNanos() {
            return answeredNanos;
        }

        long answeredAfterMillis() {
            return (answeredNanos - headSentNanos) / 1_000_000;
        }

        boolean closedByServer() throws IOException {
            socket.setSoTimeout(2_000);
            return FrontDoorIT.closedByServer(socket.getInputStream());
        }

        @Override
        public void close() throws IOException {
            sender.interrupt();
            socket.close();
        }
    }

    private static int echoInvocations() throws IOException {
        RawResponse response = FrontDoorIT.exchange(
                app.port(),
                "GET /open HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
                new byte[0]);
        JsonNode echo = JSON.readTree(response.body());
        return echo.path("invocations").asInt();
    }

    /** A JSON string of exactly {@code length} bytes. */
    private static byte[] jsonString(int length) {
        return ("\"" + "a".repeat(length - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] declaredHead(String tenant, int length) {
        return head(tenant, "Content-Length: " + length);
    }

    private static byte[] chunkedHead(String tenant) {
        return head(tenant, "Transfer-Encoding: chunked");
    }

    private static byte[] head(String tenant, String framing) {
        return FrontDoorIT.echoHead(app, tenant, framing);
    }
}
