package dev.groundwork.local.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.console.Console;
import dev.groundwork.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MutableClock clock = new MutableClock(Instant.parse("2025-11-25T18:00:00Z"));
    private final LocalMetrics metrics = new LocalMetrics(
            List.of(
                    new LocalMetrics.Watched("CreateItemFunction", LocalMetrics.Kind.ROUTE, "POST /v1/items"),
                    new LocalMetrics.Watched(
                            "UsageMeterFunction",
                            LocalMetrics.Kind.CONSUMER,
                            "UsageMeterFunction ← queue item-events")),
            clock);

    /** An EMF line as Powertools prints it. */
    private static JsonNode request(String status, double latency, String problem) throws Exception {
        String metricNames = "{\"Name\":\"Requests\",\"Unit\":\"Count\"},{\"Name\":\"Responses" + status
                + "\",\"Unit\":\"Count\"},{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}";
        return JSON.readTree("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Groundwork\","
                + "\"Metrics\":[" + metricNames + "],\"Dimensions\":[[\"Service\",\"FunctionName\"]]}]},"
                + "\"Service\":\"items\",\"FunctionName\":\"groundwork-CreateItemFunction\",\"Requests\":1.0,\"Responses"
                + status
                + "\":1.0,\"Latency\":" + latency + ",\"tenant_id\":\"acme\""
                + (problem == null ? "" : ",\"problem_type\":\"" + problem + "\"") + "}");
    }

    private static JsonNode problem(String type) throws Exception {
        return JSON.readTree("{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Groundwork\","
                + "\"Metrics\":[{\"Name\":\"Problems\",\"Unit\":\"Count\"}],\"Dimensions\":[[\"Service\",\"FunctionName\","
                + "\"ProblemType\"]]}]},\"Service\":\"items\",\"FunctionName\":\"f\",\"ProblemType\":\"" + type
                + "\",\"Problems\":1.0}");
    }

    private static JsonNode batch(int size, int failed, long oldestMs) throws Exception {
        return JSON.readTree(
                "{\"_aws\":{\"Timestamp\":1,\"CloudWatchMetrics\":[{\"Namespace\":\"Groundwork\",\"Metrics\":["
                        + "{\"Name\":\"BatchSize\"},{\"Name\":\"EventsProcessed\"},{\"Name\":\"EventsFailed\"},{\"Name\":\"OldestEventAge\"},"
                        + "{\"Name\":\"BatchLatency\"}],\"Dimensions\":[[\"Service\",\"FunctionName\"]]}]},\"Service\":\"usage\","
                        + "\"FunctionName\":\"m\",\"BatchSize\":" + size + ",\"EventsProcessed\":" + (size - failed)
                        + ",\"EventsFailed\":"
                        + failed + ",\"OldestEventAge\":" + oldestMs + ",\"BatchLatency\":12.5}");
    }

    private void printed(String function, JsonNode line) {
        metrics.accept(new Console.FunctionLine(function, line.toString(), line));
    }

    @Test
    void countsARoutesRequestsErrorsAndLatencyPercentilesFromItsEmfLines() throws Exception {
        // given: 100 requests, latencies 1..100 ms, two of them refused and one failed
        for (int i = 1; i <= 100; i++) {
            String status = i == 50 ? "5xx" : i % 40 == 0 ? "4xx" : "2xx";
            printed("CreateItemFunction", request(status, i, null));
        }
        printed("CreateItemFunction", problem("validation-error"));

        // when
        LocalMetrics.RouteView route = metrics.snapshot(Duration.ofMinutes(5), Duration.ofSeconds(10))
                .routes()
                .getFirst();

        // then
        assertThat(route.requests()).isEqualTo(100);
        assertThat(route.errors4xx()).isEqualTo(2);
        assertThat(route.errors5xx()).isEqualTo(1);
        assertThat(route.p50()).isEqualTo(50.0);
        assertThat(route.p95()).isEqualTo(95.0);
        assertThat(route.p99()).isEqualTo(99.0);
        assertThat(route.perMinute()).isEqualTo(20.0);
        assertThat(route.problems()).containsEntry("validation-error", 1L);
        assertThat(route.timeline()).hasSize(30).last().isEqualTo(100L);
    }

    @Test
    void forgetsWhatIsOlderThanTheWindow() throws Exception {
        printed("CreateItemFunction", request("2xx", 5, null));
        clock.advance(Duration.ofMinutes(6));
        printed("CreateItemFunction", request("2xx", 7, null));

        LocalMetrics.RouteView route = metrics.snapshot(Duration.ofMinutes(5), Duration.ofSeconds(10))
                .routes()
                .getFirst();

        assertThat(route.requests()).isEqualTo(1);
        assertThat(route.p50()).isEqualTo(7.0);
    }

    @Test
    void sumsAConsumersEventsFailuresAndLag() throws Exception {
        printed("UsageMeterFunction", batch(10, 2, 1500));
        printed("UsageMeterFunction", batch(4, 0, 300));

        LocalMetrics.ConsumerView consumer = metrics.snapshot(Duration.ofMinutes(5), Duration.ofSeconds(10))
                .consumers()
                .getFirst();

        assertThat(consumer.batches()).isEqualTo(2);
        assertThat(consumer.events()).isEqualTo(14);
        assertThat(consumer.failed()).isEqualTo(2);
        assertThat(consumer.oldestEventAgeMs()).isEqualTo(1500.0);
        assertThat(consumer.p99()).isEqualTo(12.5);
    }

    @Test
    void ignoresLinesThatAreNotMetricsAndFunctionsItDoesNotWatch() throws Exception {
        printed("CreateItemFunction", JSON.readTree("{\"level\":\"INFO\",\"message\":\"request handled\"}"));
        printed("SomeOtherFunction", request("2xx", 5, null));

        LocalMetrics.Snapshot snapshot = metrics.snapshot(Duration.ofMinutes(5), Duration.ofSeconds(10));

        assertThat(snapshot.routes())
                .singleElement()
                .satisfies(route -> assertThat(route.requests()).isZero());
        assertThat(snapshot.consumers())
                .singleElement()
                .satisfies(consumer -> assertThat(consumer.events()).isZero());
    }

    @Test
    void servesThePageItsScriptAndTheNumbersAsJson() throws Exception {
        DashboardPages pages = new DashboardPages(metrics);
        printed("CreateItemFunction", request("2xx", 5, null));

        assertThat(new String(pages.serve("/_local/dashboard").orElseThrow().body()))
                .contains("/_local/dashboard.js");
        assertThat(pages.serve("/_local/dashboard.js").orElseThrow().contentType())
                .startsWith("text/javascript");
        JsonNode json =
                JSON.readTree(pages.serve("/_local/metrics").orElseThrow().body());
        assertThat(json.path("routes").get(0).path("label").asText()).isEqualTo("POST /v1/items");
        assertThat(json.path("routes").get(0).path("requests").asInt()).isEqualTo(1);
        assertThat(pages.serve("/_local/unknown")).isEmpty();
    }
}
