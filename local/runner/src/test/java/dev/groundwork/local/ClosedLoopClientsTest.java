package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClosedLoopClientsTest {

    private HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
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
        byte[] post = clients.request("POST", "/fixed", "token", "{\"name\":\"n\"}");

        ClosedLoopClients.Run run = clients.run(post, 3, Duration.ofMillis(400));

        assertThat(run.failures()).isZero();
        assertThat(run.latencies()).isNotEmpty().isSorted();
        assertThat(posts.get()).isGreaterThanOrEqualTo(run.latencies().length);
        assertThat(run.percentileMillis(50)).isPositive().isLessThanOrEqualTo(run.percentileMillis(99));
        assertThat(run.perSecond()).isPositive();
    }

    @Test
    void readsChunkedAndBodilessAnswersWhole() throws Exception {
        ClosedLoopClients.Run chunked =
                clients.run(clients.request("GET", "/chunked", "token", null), 2, Duration.ofMillis(300));
        ClosedLoopClients.Run empty =
                clients.run(clients.request("GET", "/empty", "token", null), 2, Duration.ofMillis(300));

        assertThat(chunked.failures()).isZero();
        assertThat(chunked.latencies()).hasSizeGreaterThan(2);
        assertThat(empty.failures()).isZero();
        assertThat(empty.latencies()).hasSizeGreaterThan(2);
    }

    @Test
    void reportsErrorAnswersAsFailuresNotAsLatencies() throws Exception {
        ClosedLoopClients.Run run =
                clients.run(clients.request("GET", "/broken", "token", null), 2, Duration.ofMillis(200));

        assertThat(run.failures()).isPositive();
        assertThat(run.firstFailure()).isEqualTo("HTTP 500");
        assertThat(run.latencies()).isEmpty();
    }
}
