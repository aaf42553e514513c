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
 * API Gateway's 429, so concurrent large bodies cannot take the runner's memory. A runner of its own with a 1 MB
 * budget and the runner's real 30 s body timeout, so that a slow machine cannot time the held body out mid-test.
 */
class BodyBudgetIT {
    private static final ApiGateway.Limits LIMITS =
            new ApiGateway.Limits(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20);

    @TempDir
    static Path folder;

    static LocalApplication app;

    @BeforeAll
    static void start() throws Exception {
        FixtureProject project = FixtureProject.create(folder);
        app = LocalApplication.start(LocalApplication.Options.forTemplate(project.template())
                .stateDirectory(folder.resolve(".groundwork"))
                .limits(LIMITS)
                .build());
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
        byte[] body = ("\"" + "a".repeat(length - 2) + "\"").getBytes(StandardCharsets.US_ASCII);
        byte[] head = ("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + app.token("acme", "acme-user", Duration.ofMinutes(5))
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket first = connect()) {
            // given: a request that declared 0.7 MB and has sent none of it yet holds that much of the 1 MB budget
            OutputStream out = first.getOutputStream();
            out.write(head);
            out.flush();
            Thread.sleep(300);

            // when: another 0.7 MB comes while the first is held, then the first body arrives, then the second again
            RawResponse refused = exchange(head, new byte[0]);
            out.write(body);
            out.flush();
            RawResponse served = FrontDoorIT.read(first.getInputStream());
            RawResponse retried = exchange(head, body);

            // then
            assertThat(refused.status())
                    .as("0.7 MB in flight, 0.7 MB more do not fit in 1 MB")
                    .isEqualTo(429);
            assertThat(refused.header("content-type")).isEqualTo("application/json");
            assertThat(refused.header("retry-after")).isEqualTo("1");
            assertThat(refused.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(served.status()).isEqualTo(200);
            assertThat(retried.status()).as("the budget is given back").isEqualTo(200);
        }
    }

    @Test
    void servesARequestWithoutABodyWhileOthersBodiesHoldAllOfTheBudget() throws Exception {
        int length = (1 << 20) - 16 * 1024; // all but 16 KB of the 1 MB budget
        byte[] head = ("POST /v1/echo HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + app.token("acme", "acme-user", Duration.ofMinutes(5))
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket first = connect()) {
            // given: one tenant's declared body holds all but 16 KB of the budget, and has sent none of it yet
            first.getOutputStream().write(head);
            first.getOutputStream().flush();
            Thread.sleep(300);

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

    private static RawResponse exchange(byte[] head, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head);
            out.write(body);
            out.flush();
            return FrontDoorIT.read(socket.getInputStream());
        }
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket("127.0.0.1", app.port());
        socket.setSoTimeout(40_000);
        return socket;
    }
}
