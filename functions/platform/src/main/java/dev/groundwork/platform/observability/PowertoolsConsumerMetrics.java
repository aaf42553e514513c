package dev.groundwork.platform.observability;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * Consumer metrics in CloudWatch's embedded metric format (Powertools' functional API, no AspectJ), one document a
 * batch: {@code BatchSize}, {@code EventsProcessed}, {@code EventsFailed}, {@code OldestEventAge} and
 * {@code BatchLatency}, {@code ColdStart} once a container, and {@code EventsDeduplicated} for meters. One dimension set, {@code Service} and
 * {@code FunctionName} (a handful of values); the correlation id is a property.
 */
public final class PowertoolsConsumerMetrics implements ConsumerMetrics {
    private final Metrics metrics;
    private final MetricsSettings settings;
    private final AtomicBoolean coldStart = new AtomicBoolean(true);

    PowertoolsConsumerMetrics(Metrics metrics, MetricsSettings settings) {
        this.metrics = metrics;
        this.settings = settings;
    }

    public static PowertoolsConsumerMetrics create(MetricsSettings settings) {
        return new PowertoolsConsumerMetrics(PowertoolsRequestMetrics.printing(settings), settings);
    }

    /** The same documents, built and serialised as for CloudWatch, then dropped: what a SnapStart priming reports. */
    @Override
    public ConsumerMetrics forPriming() {
        return new PowertoolsConsumerMetrics(PowertoolsRequestMetrics.discarded(settings), settings);
    }

    @Override
    public void batch(Context context, Batch batch) {
        // As PowertoolsRequestMetrics does, and why: in the batch's own document, with its dimensions.
        boolean cold = coldStart.getAndSet(false);
        metrics.flushMetrics(document -> {
            document.setDefaultDimensions(PowertoolsRequestMetrics.dimensions(settings.service(), context));
            document.addMetric("BatchSize", batch.size(), MetricUnit.COUNT);
            if (cold) {
                document.addMetric(PowertoolsRequestMetrics.COLD_START, 1, MetricUnit.COUNT);
            }
            document.addMetric("EventsProcessed", batch.processed(), MetricUnit.COUNT);
            document.addMetric("EventsFailed", batch.failed(), MetricUnit.COUNT);
            batch.oldestAge()
                    .ifPresent(age -> document.addMetric("OldestEventAge", age.toMillis(), MetricUnit.MILLISECONDS));
            document.addMetric("BatchLatency", batch.latency().toNanos() / 1_000_000.0, MetricUnit.MILLISECONDS);
            document.addMetadata("request_id", context.getAwsRequestId());
            Correlation.current().ifPresent(id -> document.addMetadata(Correlation.KEY, id));
        });
    }

    @Override
    public void deduplicated(Context context, long events) {
        metrics.flushMetrics(document -> {
            document.setDefaultDimensions(PowertoolsRequestMetrics.dimensions(settings.service(), context));
            document.addMetric("EventsDeduplicated", events, MetricUnit.COUNT);
            document.addMetadata("request_id", context.getAwsRequestId());
        });
    }
}
