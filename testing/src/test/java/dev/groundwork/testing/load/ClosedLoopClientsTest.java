package dev.groundwork.testing.load;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both benchmarks' load: what it counts, what it reads whole, what it calls a failure. */
class ClosedLoopClientsTest {

    private HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final Map<String, Integer> seen = new ConcurrentHashMap<>();
    private ClosedLoopClients clients;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/fixed", exchange -> {
            byte[] body = "{\"id\":\"a\"}".getBytes(StandardCharsets.UTF_8);
            if (exchange.getRequestMethod().equals("POST")) {
                exchange.getRequestBody().readAllBytes();
                posts.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("x".repeat(70_000).getBytes(StandardCharsets.UTF_8));
            }
        });
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/seen", exchange -> {
            seen.merge(exchange.getRequestURI().getPath(), 1, Integer::sum);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.start();
        clients = new ClosedLoopClients("127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void countsEveryAnsweredRequestOfEveryClientOnKeepAliveConnections() throws Exception {
        byte[] post = clients.request(
                "POST", "/fixed", List.of("Content-Type: application/json"), "{\"name\":\"n\"}".getBytes(UTF_8));

        ClosedLoopClients.Run run = clients.run(post, 3, Duration.ofMillis(400));

        assertThat(run.failures()).isZero();
        assertThat(run.latencies()).isNotEmpty().isSorted();
        assertThat(posts.get()).isGreaterThanOrEqualTo(run.latencies().length);
        assertThat(run.percentileMillis(50)).isPositive().isLessThanOrEqualTo(run.percentileMillis(99));
        assertThat(run.perSecond()).isPositive();
    }

    @Test
    void readsChunkedAndBodilessAnswersWhole() throws Exception {
        ClosedLoopClients.Run chunked = clients.run(get("/chunked"), 2, Duration.ofMillis(300));
        ClosedLoopClients.Run empty = clients.run(get("/empty"), 2, Duration.ofMillis(300));

        assertThat(chunked.failures()).isZero();
        assertThat(chunked.latencies()).hasSizeGreaterThan(2);
        assertThat(empty.failures()).isZero();
        assertThat(empty.latencies()).hasSizeGreaterThan(2);
    }

    @Test
    void reportsErrorAnswersAsFailuresNotAsLatencies() throws Exception {
        ClosedLoopClients.Run run = clients.run(get("/broken"), 2, Duration.ofMillis(200));

        assertThat(run.failures()).isPositive();
        assertThat(run.firstFailure()).isEqualTo("HTTP 500");
        assertThat(run.latencies()).isEmpty();
    }

    @Test
    void sendsItsRequestsInTurnAcrossClients() throws Exception {
        List<byte[]> requests = List.of(get("/seen/0"), get("/seen/1"), get("/seen/2"), get("/seen/3"));

        ClosedLoopClients.Run run = clients.run(requests, 2, Duration.ofSeconds(2));

        assertThat(run.failures()).isZero();
        assertThat(seen).containsKeys("/seen/0", "/seen/1", "/seen/2", "/seen/3");
    }

    @Test
    void reportsARefusedConnectionAsAFailure() throws Exception {
        server.stop(0);

        ClosedLoopClients.Run run = clients.run(get("/fixed"), 2, Duration.ofMillis(100));

        assertThat(run.failures()).isEqualTo(2);
        assertThat(run.firstFailure()).contains("Connection refused");
        assertThat(run.count()).isZero();
    }

    @Test
    void percentilesAreNearestRankOfTheSortedLatencies() {
        ClosedLoopClients.Run run = new ClosedLoopClients.Run(
                new long[] {1_000_000, 2_000_000, 3_000_000, 4_000_000}, 1_000_000_000, 0, null);

        assertThat(run.percentileNanos(50)).isEqualTo(2_000_000);
        assertThat(run.percentileNanos(99)).isEqualTo(4_000_000);
        assertThat(run.percentileMillis(100)).isEqualTo(4.0);
        assertThat(run.perSecond()).isEqualTo(4.0);
    }

    private byte[] get(String path) {
        return clients.request("GET", path, List.of("Accept: application/json"), new byte[0]);
    }
}
