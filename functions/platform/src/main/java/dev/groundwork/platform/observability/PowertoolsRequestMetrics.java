package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Request metrics in CloudWatch's embedded metric format through Powertools' functional API (no AspectJ):
 * namespace and {@code Service} dimension from configuration, {@code FunctionName} dimension from the context;
 * {@code Requests}, {@code Responses2xx}/{@code 4xx}/{@code 5xx} counts and {@code Latency}, {@code ColdStart} once a
 * container; {@code Problems} by
 * {@code ProblemType}; tenant, request id, correlation id and status as properties, so they cost no dimension.
 */
public final class PowertoolsRequestMetrics implements RequestMetrics {
    /** Powertools' own dimension names (its cold-start metric uses them too). */
    public static final String SERVICE_DIMENSION = "Service";
    /** The function, hence the route: one value per route, so a dimension that stays low in cardinality. */
    public static final String FUNCTION_DIMENSION = "FunctionName";
    /** 1 on the first invocation a container serves, absent afterwards: its Sum counts cold starts. */
    public static final String COLD_START = "ColdStart";

    private final Metrics metrics;
    private final MetricsSettings settings;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    PowertoolsRequestMetrics(Metrics metrics, MetricsSettings settings) {
        this.metrics = metrics;
        this.settings = settings;
    }

    public static PowertoolsRequestMetrics create(MetricsSettings settings) {
        return new PowertoolsRequestMetrics(printing(settings), settings);
    }

    /** The same documents, built and serialised as for CloudWatch, then dropped: what a SnapStart priming reports. */
    @Override
    public RequestMetrics forPriming() {
        return new PowertoolsRequestMetrics(discarded(settings), settings);
    }

    /**
     * Powertools' metrics for a namespace and service, as every Groundwork function emits them: printed to stdout,
     * where Lambda (or the local runner) reads them, by Groundwork's {@link EmfMetrics} provider.
     *
     * <p>Not built with {@code MetricsBuilder}: the builder goes through {@code MetricsFactory}, whose static
     * initialiser registers a SnapStart checkpoint hook (Powertools 2.9.0) that preloads the classes of its
     * {@code classesloaded.txt}, AspectJ's among them; without AspectJ in the zip (Groundwork uses Powertools'
     * functional API, no weaving, and {@code aspectjrt} is not served here) the hook throws
     * {@code NoClassDefFoundError: org/aspectj/lang/NoAspectBoundException} and Lambda fails the snapshot. The instance
     * is also this object's own rather than the process-wide one {@code MetricsFactory} hands out.
     * ModularArchitectureTest keeps MetricsBuilder, MetricsFactory and Powertools' EMF-library provider unused.
     */
    static Metrics printing(MetricsSettings settings) {
        if (settings.disabled()) {
            return discarded(settings);
        }
        return configured(EmfMetrics.printing(settings.lambdaEnvironment()).getMetricsInstance(), settings);
    }

    /** Metrics that write each document as for CloudWatch and print nothing, for a SnapStart priming. */
    static Metrics discarded(MetricsSettings settings) {
        return configured(EmfMetrics.discarding(settings.lambdaEnvironment()).getMetricsInstance(), settings);
    }

    /** What {@code MetricsBuilder} sets: the namespace, the {@code Service} dimension, no error on an empty flush. */
    private static Metrics configured(Metrics metrics, MetricsSettings settings) {
        metrics.setNamespace(settings.namespace());
        metrics.setDefaultDimensions(DimensionSet.of(SERVICE_DIMENSION, settings.service()));
        metrics.setRaiseOnEmptyMetrics(false);
        return metrics;
    }

    static DimensionSet dimensions(String service, Context context) {
        return DimensionSet.of(SERVICE_DIMENSION, service, FUNCTION_DIMENSION, context.getFunctionName());
    }

    @Override
    public void record(
            Context context,
            String requestId,
            int status,
            Optional<String> problemType,
            Duration latency,
            Optional<String> tenant) {
        // ColdStart in the request's own document, with its dimensions: Powertools' captureColdStartMetric asks its
        // handler processor whether the start is cold, which only its AspectJ aspect or PowertoolsLogging (that
        // declares the start warm before the handler runs) answer, so in the functional form it never emitted.
        boolean cold = coldStart.getAndSet(false);
        // flushMetrics writes one self-contained EMF document per request: concurrent requests in one JVM (the local
        // runner, the tests) cannot mix their values, which a shared default context would.
        metrics.flushMetrics(request -> {
            // One dimension set, {Service, FunctionName}, so dashboards and alarms can split by route; added with
            // addDimension, the function would form a second set and every metric would be stored twice.
            request.setDefaultDimensions(dimensions(settings.service(), context));
            request.addMetric("Requests", 1, MetricUnit.COUNT);
            if (cold) {
                request.addMetric(COLD_START, 1, MetricUnit.COUNT);
            }
            request.addMetric("Responses" + (status / 100) + "xx", 1, MetricUnit.COUNT);
            request.addMetric("Latency", latency.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
            request.addMetadata("request_id", requestId);
            // Lambda's own, as Powertools names it on the log lines: the join to the invocation's REPORT line.
            request.addMetadata("function_request_id", context.getAwsRequestId());
            Correlation.current().ifPresent(id -> request.addMetadata(Correlation.KEY, id));
            request.addMetadata("status", status);
            tenant.ifPresent(id -> request.addMetadata("tenant_id", id));
            problemType.ifPresent(type -> request.addMetadata("problem_type", type));
        });
        // Errors by problem type: a separate document, because problem_type is a dimension here (a closed set of
        // slugs), and a dimension applies to every metric of its document.
        problemType.ifPresent(type -> metrics.flushSingleMetric(
                "Problems",
                1,
                MetricUnit.COUNT,
                settings.namespace(),
                dimensions(settings.service(), context).addDimension("ProblemType", type)));
    }
}
