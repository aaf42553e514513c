package dev.groundwork.async.usage;

import dev.groundwork.async.config.AsyncClients;
import dev.groundwork.async.config.RelayConfig;
import dev.groundwork.async.config.UsageConfig;
import dev.groundwork.async.retry.Backoff;
import dev.groundwork.async.sqs.SqsSender;
import dev.groundwork.items.shared.config.AwsClients;
import dev.groundwork.items.shared.http.HttpFunction;
import dev.groundwork.items.shared.observability.PowertoolsConsumerMetrics;
import dev.groundwork.items.shared.observability.PowertoolsRequestMetrics;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.domain.MeterUsage;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The wiring of the usage functions, done once per container. */
public final class UsageApplication {
    /** The item-events queue's maxReceiveCount (template.yaml's redrive policy; a template test keeps them equal). */
    public static final int ITEM_EVENTS_MAX_RECEIVE_COUNT = 5;

    private UsageApplication() {}

    /** Between transactions that conflicted on a tenant's day: 20 ms, doubling, up to 80 ms (four attempts). */
    private static final Backoff CONTENDED_TENANT = Backoff.of(Duration.ofMillis(20), Duration.ofMillis(80));

    public static ItemEventsRelay relay(Map<String, String> env) {
        RelayConfig config = RelayConfig.fromEnvironment(env);
        SqsClient sqs = AsyncClients.sqs(config.aws());
        return new ItemEventsRelay(
                new SqsSender(sqs, config.itemEventsQueueUrl(), SqsSender.backoff()),
                new SqsSender(sqs, config.deadLetterQueueUrl(), SqsSender.backoff()),
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC());
    }

    public static UsageMeterConsumer meter(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        DynamoDbUsageLedger ledger =
                new DynamoDbUsageLedger(AwsClients.dynamoDb(config.aws()), config.usageTableName(), Clock.systemUTC());
        return new UsageMeterConsumer(
                new MeterUsage(ledger, CONTENDED_TENANT::beforeAttempt),
                ITEM_EVENTS_MAX_RECEIVE_COUNT,
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC());
    }

    /** The usage route's collaborators. */
    public record Api(HttpFunction http, GetUsage getUsage) {}

    public static Api api(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        DynamoDbUsageLedger ledger =
                new DynamoDbUsageLedger(AwsClients.dynamoDb(config.aws()), config.usageTableName(), Clock.systemUTC());
        return new Api(
                new HttpFunction(
                        config.tenantClaim(),
                        PowertoolsRequestMetrics.create(config.metricsNamespace(), config.serviceName())),
                new GetUsage(ledger));
    }
}
