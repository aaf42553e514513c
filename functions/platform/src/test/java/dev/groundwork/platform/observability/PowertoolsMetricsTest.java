package dev.groundwork.platform.observability;

import static dev.groundwork.platform.observability.PrintedDocuments.printed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.platform.testing.TestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The EMF documents the functions print, read as CloudWatch reads them: names, units, dimensions, properties. */
class PowertoolsMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void aRequestReportsItsOutcomeAndLatencyByServiceAndFunctionWithTheTenantAsAProperty() throws Exception {
        // given
        var metrics = PowertoolsRequestMetrics.create(settings("items"));
        Correlation.set("req-42");
        TestContext invocation = new TestContext("groundwork-CreateItem");

        // when
        List<JsonNode> documents = printed(() -> metrics.record(
                invocation, "Y2zQ1gQ7IAMEV3w=", 201, Optional.empty(), Duration.ofMillis(12), Optional.of("acme")));

        // then
        JsonNode request = withMetric(documents, "Latency");
        assertThat(metricNames(request)).contains("Requests", "Responses2xx", "Latency");
        assertThat(dimensionSets(request)).containsExactly(List.of("Service", "FunctionName"));
        assertThat(request.path("Service").asText()).isEqualTo("items");
        assertThat(request.path("FunctionName").asText()).isEqualTo("groundwork-CreateItem");
        assertThat(request.path("Latency").asDouble()).isEqualTo(12.0);
        assertThat(request.path("tenant_id").asText()).isEqualTo("acme");
        assertThat(request.path("correlation_id").asText()).isEqualTo("req-42");
        assertThat(request.path("request_id").asText())
                .as("API Gateway's request id, as on the request's log lines and its access log line")
                .isEqualTo("Y2zQ1gQ7IAMEV3w=");
        assertThat(request.path("function_request_id").asText())
                .as("Lambda's request id, as on the invocation's REPORT line")
                .isEqualTo(invocation.getAwsRequestId());
    }

    @Test
    void aProblemIsCountedByItsTypeAndItsClass() throws Exception {
        var metrics = PowertoolsRequestMetrics.create(settings("items"));

        List<JsonNode> documents = printed(() -> metrics.record(
                new TestContext("groundwork-CreateItem"),
                "Y2zQ1gQ7IAMEV3x=",
                422,
                Optional.of("validation"),
                Duration.ofMillis(3),
                Optional.of("acme")));

        assertThat(metricNames(withMetric(documents, "Latency")))
                .contains("Responses4xx")
                .doesNotContain("Responses5xx");
        JsonNode problem = withMetric(documents, "Problems");
        assertThat(dimensionSets(problem)).containsExactly(List.of("Service", "FunctionName", "ProblemType"));
        assertThat(problem.path("ProblemType").asText()).isEqualTo("validation");
        assertThat(problem.has("tenant_id"))
                .as("the tenant is never a dimension")
                .isFalse();
    }

    @Test
    void aBatchReportsSizeFailuresOldestAgeAndLatency() throws Exception {
        var metrics = PowertoolsConsumerMetrics.create(settings("imports"));

        List<JsonNode> documents = printed(() -> metrics.batch(
                new TestContext("groundwork-ImportWorker"),
                new ConsumerMetrics.Batch(5, 2, Optional.of(Duration.ofSeconds(7)), Duration.ofMillis(40))));

        JsonNode batch = withMetric(documents, "BatchSize");
        assertThat(batch.path("BatchSize").asInt()).isEqualTo(5);
        assertThat(batch.path("EventsProcessed").asInt()).isEqualTo(3);
        assertThat(batch.path("EventsFailed").asInt()).isEqualTo(2);
        assertThat(batch.path("OldestEventAge").asLong()).isEqualTo(7000);
        assertThat(batch.path("BatchLatency").asDouble()).isEqualTo(40.0);
        assertThat(dimensionSets(batch)).containsExactly(List.of("Service", "FunctionName"));
    }

    @Test
    void aMeterReportsTheEventsItDeduplicated() throws Exception {
        var metrics = PowertoolsConsumerMetrics.create(settings("usage"));

        List<JsonNode> documents = printed(() -> metrics.deduplicated(new TestContext("groundwork-UsageMeter"), 3));

        assertThat(withMetric(documents, "EventsDeduplicated")
                        .path("EventsDeduplicated")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void aPrimingsRequestAndBatchMetricsReachNoOne() throws Exception {
        // given: the metrics a SnapStart priming reports to (which build the real console sink, and print nothing)
        PowertoolsRequestMetrics requestMetrics = PowertoolsRequestMetrics.create(settings("items"));
        PowertoolsConsumerMetrics consumerMetrics = PowertoolsConsumerMetrics.create(settings("usage"));

        // when: the priming's request (a problem too) and batch are recorded
        List<JsonNode> documents = printed(() -> {
            RequestMetrics requests = requestMetrics.forPriming();
            ConsumerMetrics batches = consumerMetrics.forPriming();
            requests.record(
                    new TestContext("groundwork-GetItem"),
                    "snapstart-priming-1",
                    404,
                    Optional.of("not-found"),
                    Duration.ofMillis(3),
                    Optional.of("snapstart-priming-1"));
            batches.batch(
                    new TestContext("groundwork-UsageMeter"),
                    new ConsumerMetrics.Batch(1, 0, Optional.of(Duration.ZERO), Duration.ofMillis(2)));
            batches.deduplicated(new TestContext("groundwork-UsageMeter"), 1);
        });

        // then: nothing is printed, so nothing reaches CloudWatch
        assertThat(documents).isEmpty();
    }

    @Test
    void aRequestCountsAColdStartOnceAContainerWithTheRequestsDimensions() throws Exception {
        // given
        var metrics = PowertoolsRequestMetrics.create(settings("items"));
        Runnable request = () -> metrics.record(
                new TestContext("groundwork-GetItem"),
                "Y2zQ1gQ7IAMEV3y=",
                200,
                Optional.empty(),
                Duration.ofMillis(5),
                Optional.empty());

        // when
        List<JsonNode> first = printed(request);
        List<JsonNode> second = printed(request);

        // then
        JsonNode cold = withMetric(first, "ColdStart");
        assertThat(cold.path("ColdStart").asInt()).isEqualTo(1);
        assertThat(dimensionSets(cold)).containsExactly(List.of("Service", "FunctionName"));
        assertThat(cold.path("FunctionName").asText()).isEqualTo("groundwork-GetItem");
        assertThat(second)
                .noneSatisfy(document -> assertThat(metricNames(document)).contains("ColdStart"));
    }

    @Test
    void aBatchCountsAColdStartOnceAContainerWithTheBatchsDimensions() throws Exception {
        var metrics = PowertoolsConsumerMetrics.create(settings("usage"));
        Runnable batch = () -> metrics.batch(
                new TestContext("groundwork-UsageMeter"),
                new ConsumerMetrics.Batch(1, 0, Optional.empty(), Duration.ofMillis(2)));

        List<JsonNode> first = printed(batch);
        List<JsonNode> second = printed(batch);

        JsonNode cold = withMetric(first, "ColdStart");
        assertThat(dimensionSets(cold)).containsExactly(List.of("Service", "FunctionName"));
        assertThat(cold.path("Service").asText()).isEqualTo("usage");
        assertThat(second)
                .noneSatisfy(document -> assertThat(metricNames(document)).contains("ColdStart"));
    }

    @Test
    void namesTheFunctionAsItsOwnEnvironmentMapDoesInEveryDocument() throws Exception {
        var metrics = PowertoolsRequestMetrics.create(MetricsSettings.fromEnvironment(
                Map.of(
                        "POWERTOOLS_METRICS_NAMESPACE", "Shop",
                        "AWS_LAMBDA_FUNCTION_VERSION", "7",
                        "AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/07/[7]abc"),
                "items"));

        List<JsonNode> documents = printed(() -> metrics.record(
                new TestContext("groundwork-GetItem"),
                "r-1",
                404,
                Optional.of("not-found"),
                Duration.ofMillis(3),
                Optional.empty()));

        assertThat(documents).hasSize(2).allSatisfy(document -> {
            assertThat(document.path("_aws")
                            .path("CloudWatchMetrics")
                            .path(0)
                            .path("Namespace")
                            .asText())
                    .isEqualTo("Shop");
            assertThat(document.path("Service").asText()).isEqualTo("items");
            assertThat(document.path("functionVersion").asText()).isEqualTo("7");
            assertThat(document.path("logStreamId").asText()).isEqualTo("2026/12/07/[7]abc");
        });
    }

    /** As Powertools' own provider: {@code POWERTOOLS_METRICS_DISABLED=true}, in any case, prints nothing. */
    @Test
    void printsNothingWhenTheEnvironmentSwitchesMetricsOff() throws Exception {
        for (String off : List.of("true", "TRUE")) {
            MetricsSettings settings =
                    MetricsSettings.fromEnvironment(Map.of("POWERTOOLS_METRICS_DISABLED", off), "items");
            var requests = PowertoolsRequestMetrics.create(settings);
            var batches = PowertoolsConsumerMetrics.create(settings);

            assertThat(printed(() -> {
                        requests.record(
                                new TestContext("groundwork-GetItem"),
                                "r-1",
                                500,
                                Optional.of("internal"),
                                Duration.ofMillis(3),
                                Optional.empty());
                        batches.batch(
                                new TestContext("groundwork-UsageMeter"),
                                new ConsumerMetrics.Batch(1, 1, Optional.empty(), Duration.ofMillis(2)));
                    }))
                    .as(off)
                    .isEmpty();
        }
        var on = PowertoolsRequestMetrics.create(
                MetricsSettings.fromEnvironment(Map.of("POWERTOOLS_METRICS_DISABLED", "false"), "items"));
        assertThat(printed(() -> on.record(
                        new TestContext("groundwork-GetItem"),
                        "r-1",
                        200,
                        Optional.empty(),
                        Duration.ofMillis(3),
                        Optional.empty())))
                .hasSize(1);
    }

    private static MetricsSettings settings(String service) {
        return MetricsSettings.fromEnvironment(Map.of(), service);
    }

    private static JsonNode withMetric(List<JsonNode> documents, String metric) {
        return documents.stream()
                .filter(document -> metricNames(document).contains(metric))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no EMF document with " + metric + " in " + documents));
    }

    private static List<String> metricNames(JsonNode document) {
        List<String> names = new ArrayList<>();
        document.path("_aws")
                .path("CloudWatchMetrics")
                .forEach(directive -> directive
                        .path("Metrics")
                        .forEach(metric -> names.add(metric.path("Name").asText())));
        return names;
    }

    private static List<List<String>> dimensionSets(JsonNode document) {
        List<List<String>> sets = new ArrayList<>();
        document.path("_aws")
                .path("CloudWatchMetrics")
                .forEach(directive -> directive
                        .path("Dimensions")
                        .forEach(set -> sets.add(StreamSupport.stream(set.spliterator(), false)
                                .map(JsonNode::asText)
                                .toList())));
        return sets;
    }
}
