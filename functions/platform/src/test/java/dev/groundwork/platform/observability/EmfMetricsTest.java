package dev.groundwork.platform.observability;

import static dev.groundwork.platform.observability.PrintedDocuments.printed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.platform.testing.TestContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.EmfMetricsProvider;

/**
 * Groundwork's EMF documents are the ones Powertools' own provider (through the EMF library) prints, as CloudWatch
 * reads them: the same directive, dimension values, metric values and properties, member order aside.
 */
class EmfMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The environment the oracle reads from the process, given to EmfMetrics as Lambda's would be. */
    private static final Map<String, String> LAMBDA = lambdaEnvironment();

    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> process = new java.util.HashMap<>();
        for (String key : List.of(
                "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_LOG_STREAM_NAME", "_X_AMZN_TRACE_ID")) {
            String value = System.getenv(key);
            if (value != null) {
                process.put(key, value);
            }
        }
        return process;
    }

    /** One request's calls on Powertools' Metrics, as a consumer of a flushed document. */
    record Calls(List<Consumer<Metrics>> steps, String description) {
        void on(Metrics metrics) {
            steps.forEach(step -> step.accept(metrics));
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @Property(tries = 200)
    void aDocumentIsWhatPowertoolsOwnProviderPrints(@ForAll("documents") Calls calls) throws Exception {
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        Metrics oracle = configured(new EmfMetricsProvider().getMetricsInstance());
        Metrics ours = configured(EmfMetrics.printing(LAMBDA).getMetricsInstance());

        List<JsonNode> expected;
        try {
            expected = printed(() -> oracle.flushMetrics(calls::on));
        } catch (RuntimeException refused) {
            // such as one metric at two resolutions: refused alike, before anything is printed
            assertThatThrownBy(() -> printed(() -> ours.flushMetrics(calls::on)))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        List<JsonNode> actual = printed(() -> ours.flushMetrics(calls::on));

        assertThat(asCloudWatchReads(actual)).isEqualTo(asCloudWatchReads(expected));
    }

    @Test
    void aDocumentCarriesItsTimeTheSampledTraceAndLambdasProperties() throws Exception {
        Instant now = Instant.parse("2026-12-07T15:00:00.123Z");
        List<String> printed = new ArrayList<>();
        Metrics metrics = EmfMetrics.provider(
                        printed::add,
                        Map.of(
                                "AWS_LAMBDA_FUNCTION_VERSION", "7",
                                "AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/07/[7]abc",
                                "AWS_EXECUTION_ENV", "AWS_Lambda_java21",
                                "_X_AMZN_TRACE_ID", "Root=1-init;Sampled=0"),
                        Clock.fixed(now, ZoneOffset.UTC))
                .getMetricsInstance();
        metrics.setNamespace("Groundwork");
        String previous = System.getProperty("com.amazonaws.xray.traceHeader");
        System.setProperty("com.amazonaws.xray.traceHeader", "Root=1-request;Parent=2;Sampled=1");
        try {
            metrics.flushMetrics(document -> document.addMetric("Requests", 1, MetricUnit.COUNT));
        } finally {
            if (previous == null) {
                System.clearProperty("com.amazonaws.xray.traceHeader");
            } else {
                System.setProperty("com.amazonaws.xray.traceHeader", previous);
            }
        }

        JsonNode document = JSON.readTree(printed.getFirst());
        assertThat(document.path("_aws").path("Timestamp").asLong()).isEqualTo(now.toEpochMilli());
        assertThat(document.path("functionVersion").asText()).isEqualTo("7");
        assertThat(document.path("logStreamId").asText()).isEqualTo("2026/12/07/[7]abc");
        assertThat(document.path("executionEnvironment").asText()).isEqualTo("AWS_Lambda_java21");
        assertThat(document.path("traceId").asText())
                .as("the invocation's trace header, which the runtime client sets for each request")
                .isEqualTo("Root=1-request;Parent=2;Sampled=1");
    }

    @Test
    void aDocumentWithoutMetricsPrintsNothingAndANamelessOrInfiniteMetricIsRefused() {
        List<String> printed = new ArrayList<>();
        Metrics metrics =
                EmfMetrics.provider(printed::add, Map.of(), Clock.systemUTC()).getMetricsInstance();
        metrics.setNamespace("Groundwork");

        metrics.flushMetrics(document -> document.addMetadata("request_id", "r"));

        assertThat(printed).isEmpty();
        assertThatThrownBy(() -> metrics.addMetric(" ", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.addMetric("Latency", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDiscardingProviderWritesTheDocumentAndPrintsNothing() throws Exception {
        Metrics metrics = EmfMetrics.discarding(LAMBDA).getMetricsInstance();
        metrics.setNamespace("Groundwork");

        List<JsonNode> documents =
                printed(() -> metrics.flushMetrics(document -> document.addMetric("Requests", 1, MetricUnit.COUNT)));

        assertThat(documents).isEmpty();
    }

    @Test
    void aColdStartIsCapturedOnceAProcess() throws Exception {
        List<String> printed = new ArrayList<>();
        Metrics metrics =
                EmfMetrics.provider(printed::add, Map.of(), Clock.systemUTC()).getMetricsInstance();
        metrics.setNamespace("Groundwork");

        metrics.captureColdStartMetric(new TestContext("groundwork-GetItem"), DimensionSet.of("Service", "items"));
        metrics.captureColdStartMetric(new TestContext("groundwork-GetItem"), DimensionSet.of("Service", "items"));

        assertThat(printed).hasSize(1);
        JsonNode document = JSON.readTree(printed.getFirst());
        assertThat(document.path("ColdStart").asDouble()).isEqualTo(1.0);
        assertThat(document.path("Service").asText()).isEqualTo("items");
    }

    @Provide
    Arbitrary<Calls> documents() {
        Arbitrary<String> names = Arbitraries.of("Requests", "Latency", "Responses2xx", "BatchSize", "Problems");
        Arbitrary<Consumer<Metrics>> metric = net.jqwik.api.Combinators.combine(
                        names,
                        Arbitraries.doubles().between(-1e12, 1e12),
                        Arbitraries.of(MetricUnit.COUNT, MetricUnit.MILLISECONDS, MetricUnit.BYTES),
                        Arbitraries.of(MetricResolution.STANDARD, MetricResolution.HIGH))
                .as((name, value, unit, resolution) -> m -> m.addMetric(name, value, unit, resolution));
        Arbitrary<Object> metadataValue = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(8).map(Object.class::cast),
                Arbitraries.integers().map(Object.class::cast),
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.shorts().map(Object.class::cast),
                Arbitraries.floats().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.strings().ofMaxLength(3).set().ofMaxSize(3).map(Object.class::cast),
                Arbitraries.of(Boolean.TRUE, Boolean.FALSE).map(Object.class::cast));
        Arbitrary<Consumer<Metrics>> metadata = net.jqwik.api.Combinators.combine(
                        Arbitraries.of("request_id", "tenant_id", "status", "problem_type", "Service", "Latency"),
                        metadataValue)
                .as((key, value) -> m -> m.addMetadata(key, value));
        Arbitrary<Consumer<Metrics>> dimensions = Arbitraries.of("groundwork-GetItem", "groundwork-UsageMeter")
                .map(function ->
                        m -> m.setDefaultDimensions(DimensionSet.of("Service", "items", "FunctionName", function)));
        return net.jqwik.api.Combinators.combine(
                        dimensions.optional(),
                        metric.list().ofMinSize(1).ofMaxSize(6),
                        metadata.list().ofMaxSize(4))
                .as((defaults, metrics, properties) -> {
                    List<Consumer<Metrics>> steps = new ArrayList<>();
                    defaults.ifPresent(steps::add);
                    steps.addAll(metrics);
                    steps.addAll(properties);
                    return new Calls(steps, steps.size() + " calls");
                });
    }

    private static Metrics configured(Metrics metrics) {
        metrics.setNamespace("Groundwork");
        metrics.setDefaultDimensions(DimensionSet.of("Service", "items"));
        metrics.setRaiseOnEmptyMetrics(false);
        return metrics;
    }

    /** Without the time, and the metric directive as a set: the EMF library keeps its metrics in a hash map. */
    private static List<JsonNode> asCloudWatchReads(List<JsonNode> documents) {
        for (JsonNode document : documents) {
            ((ObjectNode) document.path("_aws")).remove("Timestamp");
            for (JsonNode directive : document.path("_aws").path("CloudWatchMetrics")) {
                List<JsonNode> metrics = new ArrayList<>();
                directive.path("Metrics").forEach(metrics::add);
                metrics.sort(java.util.Comparator.comparing(
                        metric -> metric.path("Name").asText()));
                ((ObjectNode) directive).putArray("Metrics").addAll(metrics);
            }
        }
        return documents;
    }
}
