package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.FrontDoorIT.RawResponse;
import dev.groundwork.local.api.ApiGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The front door's body budget (issue 17): request bodies in flight share a budget, and a body that does not fit gets
 * API Gateway's 429, so concurrent large bodies cannot take the runner's memory. A request holds the bytes it has
 * sent, not the length it declares. A runner of its own with a 1 MB budget and the runner's real 30 s body timeouts,
 * so that a slow machine cannot time the held body out mid-test.
 */
class BodyBudgetIT {
    private static final ApiGateway.Limits LIMITS =
            new ApiGateway.Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30), 1 << 20);

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
    void answers429WithRetryAfterWhileOtherBodiesHoldTheBudgetAndServesTheRetry() throws Exception {
        int length = 700_000;
        byte[] body = jsonString(length);
        byte[] head = head("acme", length);
        try (Socket first = connect()) {
            // given: a request that has sent 0.6 MB of its 0.7 MB holds that much of the 1 MB budget
            OutputStream out = first.getOutputStream();
            out.write(head);
            out.write(body, 0, 600_000);
            out.flush();
            Thread.sleep(500);

            // when: another 0.7 MB comes while the first is held, then the first body ends, then the second again
            RawResponse refused = exchange(head("globex", length), new byte[0]);
            out.write(body, 600_000, length - 600_000);
            out.flush();
            RawResponse served = FrontDoorIT.read(first.getInputStream());
            RawResponse retried = exchange(head("globex", length), body);

            // then
            assertThat(refused.status())
                    .as("0.6 MB in flight, a declared 0.7 MB more does not fit in 1 MB")
                    .isEqualTo(429);
            assertThat(refused.header("content-type")).isEqualTo("application/json");
            assertThat(refused.header("retry-after")).isEqualTo("1");
            assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(served.status()).isEqualTo(200);
            assertThat(retried.status()).as("the budget is given back").isEqualTo(200);
        }
    }

    @Test
    void aBodyHoldsWhatItHasSentNotWhatItDeclaresSoAnotherTenantsBodyIsServedMeanwhile() throws Exception {
        int length = 700_000;
        try (Socket first = connect()) {
            // given: one tenant has declared 0.7 MB of the 1 MB budget and sent 1 KB of it
            OutputStream out = first.getOutputStream();
            out.write(head("acme", length));
            out.write(jsonString(length), 0, 1024);
            out.flush();
            Thread.sleep(500);

            // when: another tenant sends a whole 0.7 MB body
            RawResponse other = exchange(head("globex", length), jsonString(length));

            // then: 1 KB and 0.7 MB fit in 1 MB
            assertThat(other.status()).isEqualTo(200);
        }
    }

    @Test
    void aBodyRefusedPartWayIsReadToItsEndSoItsClientReadsThe429() throws Exception {
        int firstLength = 900_000;
        byte[] first = jsonString(firstLength);
        try (Socket firstSocket = connect()) {
            // given: one tenant's body has sent 0.5 MB of its 0.9 MB
            OutputStream out = firstSocket.getOutputStream();
            out.write(head("acme", firstLength));
            out.write(first, 0, 500_000);
            out.flush();
            Thread.sleep(500);
            try (Socket secondSocket = connect()) {
                // and another tenant's 0.5 MB is let in, fitting beside it, but has not sent its body yet
                OutputStream second = secondSocket.getOutputStream();
                second.write(head("globex", 500_000));
                second.flush();
                Thread.sleep(500);
                // and the first sends 0.3 MB more, leaving less than 0.25 MB of the budget
                out.write(first, 500_000, 300_000);
                out.flush();
                Thread.sleep(500);

                // when: the second sends its whole body, which no longer fits
                second.write(jsonString(500_000));
                second.flush();
                RawResponse refused = FrontDoorIT.read(secondSocket.getInputStream());
                out.write(first, 800_000, firstLength - 800_000);
                out.flush();
                RawResponse served = FrontDoorIT.read(firstSocket.getInputStream());

                // then: a clean 429, not a reset connection, and what it held was given back for the first
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
                assertThat(served.status()).isEqualTo(200);
            }
        }
    }

    @Test
    void servesARequestWithoutABodyWhileOthersBodiesHoldAllOfTheBudget() throws Exception {
        int length = (1 << 20) - 16 * 1024; // all but 16 KB of the 1 MB budget
        try (Socket first = connect()) {
            // given: one tenant's body holds all but 16 KB of the budget, and has not ended yet
            OutputStream out = first.getOutputStream();
            out.write(head("acme", length));
            out.write(jsonString(length), 0, length - 1);
            out.flush();
            Thread.sleep(500);

            // when: another tenant reads, with no body
            RawResponse read = exchange(
                    ("GET /v1/echo/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                                    + app.token("globex", "globex-user", Duration.ofMinutes(5))
                                    + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1),
                    new byte[0]);

            // then: a request without a body holds no body bytes, so the budget never refuses it
            assertThat(read.status()).isEqualTo(200);
        }
    }

    /** A JSON string of exactly {@code length} bytes. */
    private static byte[] jsonString(int length) {
        return ("\"" + "a".repeat(length - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] head(String tenant, int length) {
        return FrontDoorIT.echoHead(app, tenant, "Content-Length: " + length);
    }

    private static RawResponse exchange(byte[] head, byte[] body) throws IOException {
        return FrontDoorIT.exchange(app.port(), head, body);
    }

    private static Socket connect() throws IOException {
        Socket socket = FrontDoorIT.connect(app.port());
        // Longer than the body timeouts, so that a held body is answered rather than the test's read timing out.
        socket.setSoTimeout(40_000);
        return socket;
    }
}
