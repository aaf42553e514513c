package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricResolution;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;
import software.amazon.lambda.powertools.metrics.provider.MetricsProvider;

/**
 * Powertools' {@link Metrics}, each flush printed as one document in CloudWatch's embedded metric format (EMF), written
 * with Jackson's stream. It is the {@link MetricsProvider} Groundwork gives Powertools in place of its default
 * ({@code EmfMetricsProvider}), which builds each document with the EMF library's model and serialises it with
 * databind: about 560 classes and, with the answers written by stream too, the only {@code ObjectMapper} a route
 * function built at a cold start (docs/performance.md). The documents are the EMF library's as CloudWatch reads them
 * ({@code EmfMetricsTest} holds the two alike): the same {@code _aws} directive, dimension values and metric values,
 * and the properties its Lambda environment adds ({@code executionEnvironment}, {@code functionVersion},
 * {@code logStreamId}, and {@code traceId} when the request is sampled).
 *
 * <p>One instance serves a process, as Powertools' own does; {@link #flushMetrics} gives each document its own
 * instance, so that concurrent requests (the local runner) never mix their values.
 */
public final class EmfMetrics implements Metrics {
    /** CloudWatch's limit for one document's metric directive; the EMF library splits beyond it. */
    static final int MAX_METRICS = 100;

    /** CloudWatch's limit for a metric name. */
    static final int MAX_NAME_LENGTH = 255;

    /** The header the Lambda runtime client sets for each invocation (the environment variable holds init's). */
    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";

    private static final String EXECUTION_ENV = "AWS_EXECUTION_ENV";
    private static final String FUNCTION_VERSION = "AWS_LAMBDA_FUNCTION_VERSION";
    private static final String LOG_STREAM_NAME = "AWS_LAMBDA_LOG_STREAM_NAME";
    /** The trace header Lambda sets for init, before any invocation's own. */
    private static final String INIT_TRACE_HEADER = "_X_AMZN_TRACE_ID";

    /** The variables Lambda sets that each document names, as the EMF library's Lambda environment names them. */
    static final List<String> LAMBDA_VARIABLES =
            List.of(EXECUTION_ENV, FUNCTION_VERSION, LOG_STREAM_NAME, INIT_TRACE_HEADER);

    private static final JsonFactory JSON = new JsonFactory();

    private final Consumer<String> printer;
    private final Map<String, String> lambdaProperties;
    private final String initTraceHeader;
    private final Clock clock;
    private final AtomicBoolean coldStartCaptured;

    private String namespace;
    private DimensionSet defaultDimensions = new DimensionSet();
    private boolean raiseOnEmptyMetrics;
    private final Map<String, Metric> metrics = new LinkedHashMap<>();
    private final List<DimensionSet> dimensionSets = new ArrayList<>();
    private final Map<String, Object> metadata = new LinkedHashMap<>();
    private Instant timestamp;

    private record Metric(MetricUnit unit, MetricResolution resolution, List<Double> values) {}

    private EmfMetrics(
            Consumer<String> printer,
            Map<String, String> lambdaProperties,
            String initTraceHeader,
            Clock clock,
            AtomicBoolean coldStartCaptured) {
        this.printer = printer;
        this.lambdaProperties = lambdaProperties;
        this.initTraceHeader = initTraceHeader;
        this.clock = clock;
        this.coldStartCaptured = coldStartCaptured;
    }

    /** A provider whose metrics print to stdout, where Lambda (or the local runner) reads them. */
    public static MetricsProvider printing(Map<String, String> environment) {
        return provider(document -> System.out.println(document), environment, Clock.systemUTC());
    }

    /** A provider whose documents are written whole and dropped: what a SnapStart priming reports to. */
    public static MetricsProvider discarding(Map<String, String> environment) {
        return provider(document -> {}, environment, Clock.systemUTC());
    }

    static MetricsProvider provider(Consumer<String> printer, Map<String, String> environment, Clock clock) {
        Map<String, String> properties = new LinkedHashMap<>();
        putIfSet(properties, "executionEnvironment", environment.get(EXECUTION_ENV));
        putIfSet(properties, "functionVersion", environment.get(FUNCTION_VERSION));
        putIfSet(properties, "logStreamId", environment.get(LOG_STREAM_NAME));
        String initTraceHeader = environment.get(INIT_TRACE_HEADER);
        return () -> new EmfMetrics(printer, Map.copyOf(properties), initTraceHeader, clock, new AtomicBoolean());
    }

    private static void putIfSet(Map<String, String> properties, String key, String value) {
        if (value != null) {
            properties.put(key, value);
        }
    }

    private EmfMetrics sibling() {
        EmfMetrics document = new EmfMetrics(printer, lambdaProperties, initTraceHeader, clock, coldStartCaptured);
        document.namespace = namespace;
        document.defaultDimensions = defaultDimensions;
        return document;
    }

    @Override
    public void addMetric(String name, double value, MetricUnit unit, MetricResolution resolution) {
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "a metric name must be 1 to " + MAX_NAME_LENGTH + " characters: " + name);
        }
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("metric " + name + " must have a finite value, not " + value);
        }
        if (!metrics.containsKey(name) && metrics.size() == MAX_METRICS) {
            throw new IllegalStateException("a document holds at most " + MAX_METRICS + " metrics");
        }
        Metric metric = metrics.computeIfAbsent(name, key -> new Metric(unit, resolution, new ArrayList<>()));
        if (metric.values().size() == MAX_METRICS) {
            // CloudWatch takes at most 100 values of one metric in a document; the EMF library would split them.
            throw new IllegalStateException("a document holds at most " + MAX_METRICS + " values of metric " + name);
        }
        if (metric.resolution() != resolution) {
            // CloudWatch stores one resolution per metric of a document, as the EMF library says.
            throw new IllegalArgumentException("metric " + name + " already has resolution " + metric.resolution());
        }
        metric.values().add(value);
    }

    @Override
    public void addDimension(DimensionSet dimensions) {
        dimensionSets.add(dimensions);
    }

    @Override
    public void setTimestamp(Instant timestamp) {
        this.timestamp = timestamp;
    }

    @Override
    public void addMetadata(String key, Object value) {
        metadata.put(key, value);
    }

    @Override
    public void setDefaultDimensions(DimensionSet dimensions) {
        defaultDimensions = dimensions;
    }

    @Override
    public DimensionSet getDefaultDimensions() {
        return defaultDimensions;
    }

    @Override
    public void setNamespace(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public void setRaiseOnEmptyMetrics(boolean raiseOnEmptyMetrics) {
        this.raiseOnEmptyMetrics = raiseOnEmptyMetrics;
    }

    @Override
    public void clearDefaultDimensions() {
        defaultDimensions = new DimensionSet();
    }

    /** Prints the document and starts the next; with no metric it prints nothing (or throws, if asked to). */
    @Override
    public void flush() {
        if (metrics.isEmpty()) {
            if (raiseOnEmptyMetrics) {
                throw new IllegalStateException("no metrics were added before the flush");
            }
        } else {
            printer.accept(document());
        }
        metrics.clear();
        dimensionSets.clear();
        metadata.clear();
        timestamp = null;
    }

    @Override
    public void flushMetrics(Consumer<Metrics> document) {
        EmfMetrics own = sibling();
        document.accept(own);
        own.flush();
    }

    /** Powertools' cold-start document: {@code ColdStart} 1, once a process, with the function's request id. */
    @Override
    public void captureColdStartMetric(Context context, DimensionSet dimensions) {
        if (coldStartCaptured.compareAndSet(false, true)) {
            flushMetrics(document -> {
                if (dimensions != null) {
                    document.setDefaultDimensions(dimensions);
                }
                document.addMetric("ColdStart", 1, MetricUnit.COUNT);
                if (context != null) {
                    document.addMetadata("function_request_id", context.getAwsRequestId());
                }
            });
        }
    }

    @Override
    public void captureColdStartMetric(DimensionSet dimensions) {
        captureColdStartMetric(null, dimensions);
    }

    private String document() {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalStateException("metrics need a namespace");
        }
        List<DimensionSet> sets = new ArrayList<>();
        if (!defaultDimensions.getDimensionKeys().isEmpty()) {
            sets.add(defaultDimensions);
        }
        sets.addAll(dimensionSets);
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", (timestamp != null ? timestamp : clock.instant()).toEpochMilli());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Metrics");
            for (Map.Entry<String, Metric> metric : metrics.entrySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.getKey());
                json.writeStringField("Unit", metric.getValue().unit().getName());
                if (metric.getValue().resolution() == MetricResolution.HIGH) {
                    json.writeNumberField("StorageResolution", 1);
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Dimensions");
            for (DimensionSet set : sets) {
                json.writeStartArray();
                for (String key : set.getDimensionKeys()) {
                    json.writeString(key);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            // Each member once (a duplicate key is not JSON CloudWatch takes), in the EMF library's precedence: a
            // metric's value over a dimension's over the environment's properties over the metadata.
            Map<String, Object> members = new LinkedHashMap<>(metadata);
            members.putAll(lambdaProperties);
            traceHeader().ifPresent(header -> members.put("traceId", header));
            for (DimensionSet set : sets) {
                members.putAll(set.getDimensions());
            }
            metrics.forEach((name, metric) -> members.put(
                    name, metric.values().size() == 1 ? metric.values().getFirst() : metric.values()));
            for (Map.Entry<String, Object> member : members.entrySet()) {
                json.writeFieldName(member.getKey());
                writeValue(json, member.getValue());
            }
            json.writeEndObject();
        } catch (IOException bug) {
            throw new IllegalStateException("a metrics document could not be written", bug);
        }
        return text.toString();
    }

    /** The request's X-Ray trace header when the request is sampled, as the EMF library's Lambda environment adds it. */
    private java.util.Optional<String> traceHeader() {
        String header = System.getProperty(TRACE_HEADER_PROPERTY, initTraceHeader);
        return header != null && header.contains("Sampled=1")
                ? java.util.Optional.of(header)
                : java.util.Optional.empty();
    }

    /**
     * JSON's own values as themselves (numbers of every boxed type), collections and maps of them too; anything else as
     * its text. Groundwork's documents hold text and integers.
     */
    private static void writeValue(JsonGenerator json, Object value) throws IOException {
        switch (value) {
            case null -> json.writeNull();
            case String text -> json.writeString(text);
            case Boolean flag -> json.writeBoolean(flag);
            case Integer number -> json.writeNumber(number);
            case Long number -> json.writeNumber(number);
            case Short number -> json.writeNumber(number);
            case Byte number -> json.writeNumber(number);
            case Double number -> json.writeNumber(number);
            case Float number -> json.writeNumber(number);
            case BigDecimal number -> json.writeNumber(number);
            case BigInteger number -> json.writeNumber(number);
            case Collection<?> values -> {
                json.writeStartArray();
                for (Object element : values) {
                    writeValue(json, element);
                }
                json.writeEndArray();
            }
            case Map<?, ?> object -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> member : object.entrySet()) {
                    json.writeFieldName(String.valueOf(member.getKey()));
                    writeValue(json, member.getValue());
                }
                json.writeEndObject();
            }
            default -> json.writeString(String.valueOf(value));
        }
    }
}
