package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.template.HttpRouteSpec;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.RouteThrottling;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's API at its edge, as API Gateway would answer: a route's scopes (403 with API Gateway's body for a
 * token without one of them) and the stage's per-route throttle (429, then room again), with the throttle lowered
 * through the template's parameters so a test can reach it. Skipped when the functions are not built.
 */
class ApiEdgeIT {

    /** Low enough for a test to spend; the template's defaults are {@code 50} and {@code 100}. */
    private static final Map<String, String> LOW_LIMITS =
            Map.of("ApiThrottlingRateLimit", "2", "ApiThrottlingBurstLimit", "5");

    /** A route of its own for the burst (each route has its own bucket), answered 404 by the function when admitted. */
    private static final String MISSING_ITEM = "/v1/items/01JDQ8Y6W3ZK9T4M2N7P5R8S0V";

    @TempDir
    static Path state;

    static LocalApplication app;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        LocalDeployment deployment = RepositoryApplication.deployment();
        app = RepositoryApplication.start(
                deployment,
                state,
                LocalApplication.Options.forTemplate(RepositoryApplication.TEMPLATE)
                        .parameterOverrides(LOW_LIMITS));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String token(String... scopes) {
        return app.token("acme", "acme-user", List.of(scopes), Duration.ofMinutes(5));
    }

    @Test
    void theDefaultsOfTheTemplateThrottleEveryRouteAlike() throws Exception {
        assertThat(RepositoryApplication.deployment().functions().stream()
                        .flatMap(function -> function.routes().stream())
                        .map(HttpRouteSpec::throttling))
                .hasSize(8)
                .allSatisfy(throttling -> assertThat(throttling).contains(new RouteThrottling(50, 100)));
    }

    @Test
    void aReadOnlyTokenReadsButCannotWrite() throws Exception {
        String readOnly = token("items:read");

        assertThat(send("GET", "/v1/items", readOnly, null).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = send("POST", "/v1/items", readOnly, "{\"name\":\"anvil\"}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).isEqualTo("{\"message\":\"Forbidden\"}");
        assertThat(refused.headers().firstValue("api-version"))
                .as("no function ran")
                .isEmpty();
    }

    /**
     * As API Gateway takes a whole request before it answers: a body the answer did not need is still read, so a
     * client that sends it after the answer is ready reads the answer, and its connection serves the next request.
     * Before, the connection was closed with the body unread, and a client still sending found it reset.
     */
    @Test
    void aRequestRefusedBeforeItsBodyIsReadGetsItsAnswerAndKeepsItsConnection() throws Exception {
        URI endpoint = app.endpoint();
        byte[] body = ("{\"name\":\"" + "x".repeat(400_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            out.write(head("POST", "/v1/items", token("items:read"), body.length));
            out.flush();
            Thread.sleep(300); // the 403 is ready before the body is sent
            out.write(body);
            out.flush();

            assertThat(answer(in)).startsWith("HTTP/1.1 403 ").endsWith("{\"message\":\"Forbidden\"}");

            out.write(head("GET", "/v1/items", token("items:read"), 0));
            out.flush();
            assertThat(answer(in)).as("the same connection, again").startsWith("HTTP/1.1 200 ");
        }
    }

    /** A client that asks before sending (Expect: 100-continue) is answered at once, and not invited to send. */
    @Test
    void aRequestRefusedBeforeItsBodyIsReadIsNotAskedForItsBody() throws Exception {
        URI endpoint = app.endpoint();
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            byte[] head = head("POST", "/v1/items", token("items:read"), 5_000_000);
            String asking =
                    new String(head, StandardCharsets.US_ASCII).replace("\r\n\r\n", "\r\nExpect: 100-continue\r\n\r\n");
            socket.getOutputStream().write(asking.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            assertThat(answer(new BufferedInputStream(socket.getInputStream()))).startsWith("HTTP/1.1 403 ");
        }
    }

    private static byte[] head(String method, String path, String token, int length) {
        return (method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** One HTTP/1.1 answer: its status line, headers and body (by its Content-Length), as text. */
    private static String answer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection ended after: " + head);
            }
            head.append((char) b);
        }
        int length = head.toString()
                .lines()
                .filter(line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:"))
                .map(line -> Integer.parseInt(
                        line.substring("content-length:".length()).strip()))
                .findFirst()
                .orElse(0);
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    @Test
    void aTokenWithTheRoutesScopeIsServed() throws Exception {
        HttpResponse<String> created = send("POST", "/v1/items", token("items:write"), "{\"name\":\"anvil\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void theTokenCommandsDefaultHasEveryScopeTheRoutesRequire() {
        assertThat(app.identity().scopes())
                .containsExactly("imports:read", "imports:write", "items:read", "items:write", "usage:read");
    }

    @Test
    void aBurstBeyondTheRoutesLimitGets429sAndTheRouteRecovers() throws Exception {
        String everything = app.token("acme", "acme-user", Duration.ofMinutes(5));
        // Warm the function first, so the burst below arrives faster than the bucket refills (2 a second), then wait
        // for the bucket to be full again.
        assertThat(send("GET", MISSING_ITEM, everything, null).statusCode()).isEqualTo(404);
        Thread.sleep(3_000);

        List<HttpResponse<String>> burst = IntStream.range(0, 20)
                .mapToObj(i -> http.sendAsync(
                        request("GET", MISSING_ITEM, everything, null), HttpResponse.BodyHandlers.ofString()))
                .map(CompletableFuture::join)
                .toList();

        List<HttpResponse<String>> throttled =
                burst.stream().filter(response -> response.statusCode() == 429).toList();
        assertThat(burst.stream().filter(response -> response.statusCode() == 404))
                .as("the burst of 5, and what 2 a second refill while it runs")
                .hasSizeBetween(5, 10);
        assertThat(throttled).isNotEmpty().allSatisfy(response -> {
            assertThat(response.body()).isEqualTo("{\"message\":\"Too Many Requests\"}");
            assertThat(response.headers().firstValue("retry-after"))
                    .as("API Gateway sends none")
                    .isEmpty();
        });

        Thread.sleep(1_000);
        assertThat(send("GET", MISSING_ITEM, everything, null).statusCode())
                .as("a client that backed off for a second is served again")
                .isEqualTo(404);
    }
}
