package dev.groundwork.local;

import dev.groundwork.local.api.ApiGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runner's own cost, without the items functions' work: the tests' fixture project, whose {@code GET /v1/twin}
 * function does no I/O, behind the JWT authorizer, at 1 and 16 concurrent clients. A main, not a test:
 * <pre>
 * ./mvnw -q -pl local/runner -am -DskipTests package test-compile
 * java -cp "local/runner/target/test-classes:local/runner/target/classes:local/runner/target/lib/*" \
 *   dev.groundwork.local.RunnerOverheadBenchmark
 * </pre>
 */
public final class RunnerOverheadBenchmark {

    private RunnerOverheadBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Files.createTempDirectory("runner-overhead");
        try (LocalApplication app = FixtureProject.startWith(root, ApiGateway.Limits.DEFAULTS)) {
            String token = app.token("acme", "bench", Duration.ofHours(1));
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(app.endpoint() + "/v1/twin"))
                    .header("Authorization", "Bearer " + token)
                    .build();
            List<String> results = new ArrayList<>();
            for (int clients : new int[] {1, 16, 1, 16}) { // the first two rounds warm up
                List<Long> latencies = measure(http, request, clients, 4000);
                results.add(String.format(
                        Locale.ROOT,
                        "%2d clients: p50 %.2f ms, p99 %.2f ms",
                        clients,
                        latencies.get(latencies.size() / 2) / 1e6,
                        latencies.get(latencies.size() * 99 / 100) / 1e6));
            }
            System.err.println("GET /v1/twin (fixture function, no I/O), after warm-up:");
            results.subList(2, 4).forEach(System.err::println);
        }
        System.exit(0);
    }

    private static List<Long> measure(HttpClient http, HttpRequest request, int clients, int total) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger remaining = new AtomicInteger(total);
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        long start = System.nanoTime();
                        http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies.add(System.nanoTime() - start);
                    }
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return sorted;
    }
}
