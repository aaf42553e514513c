package dev.groundwork.items.shared.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.cloudwatchlogs.emf.config.EnvironmentConfigurationProvider;
import software.amazon.cloudwatchlogs.emf.environment.Environments;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsBuilder;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Request metrics in CloudWatch's embedded metric format through Powertools' functional API (no AspectJ):
 * namespace and {@code service} dimension from configuration; {@code Responses2xx}/{@code 4xx}/{@code 5xx} counts and
 * {@code Latency}; tenant, request id and problem type as properties, so they cost no metric dimension.
 */
public final class PowertoolsRequestMetrics implements RequestMetrics {
    private final Metrics metrics;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    PowertoolsRequestMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    public static PowertoolsRequestMetrics create(String namespace, String service) {
        // The EMF library guesses its environment from the process; outside Lambda (the local runner, tests) it would
        // ship metrics over TCP to a CloudWatch agent from a thread of its own. These are Lambda functions wherever
        // they run: they print EMF to stdout, where Lambda (or the local runner) reads it.
        EnvironmentConfigurationProvider.getConfig().setEnvironmentOverride(Environments.Lambda);
        return new PowertoolsRequestMetrics(MetricsBuilder.builder()
                .withNamespace(namespace)
                .withService(service)
                .withRaiseOnEmptyMetrics(false)
                .build());
    }

    @Override
    public void record(Context context, int status, Optional<String> problemType, Duration latency,
                       Optional<String> tenant) {
        if (coldStart.getAndSet(false)) {
            metrics.captureColdStartMetric(context);
        }
        // flushMetrics writes one self-contained EMF document per request: concurrent requests in one JVM (the local
        // runner, the tests) cannot mix their values, which a shared default context would.
        metrics.flushMetrics(request -> {
            request.addMetric("Responses" + (status / 100) + "xx", 1, MetricUnit.COUNT);
            request.addMetric("Latency", latency.toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
            request.addMetadata("request_id", context.getAwsRequestId());
            request.addMetadata("status", status);
            tenant.ifPresent(id -> request.addMetadata("tenant_id", id));
            problemType.ifPresent(type -> request.addMetadata("problem_type", type));
        });
    }
}
