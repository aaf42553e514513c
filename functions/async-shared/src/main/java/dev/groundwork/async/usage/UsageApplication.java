package dev.groundwork.async.usage;

import dev.groundwork.async.config.AsyncClients;
import dev.groundwork.async.config.RelayConfig;
import dev.groundwork.async.config.UsageConfig;
import dev.groundwork.async.sqs.SqsSender;
import dev.groundwork.items.shared.http.HttpFunction;
import dev.groundwork.items.shared.observability.PowertoolsConsumerMetrics;
import dev.groundwork.items.shared.observability.PowertoolsRequestMetrics;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.domain.MeterUsage;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The wiring of the usage functions, done once per container. */
public final class UsageApplication {
    /** The item-events queue's maxReceiveCount (template.yaml's redrive policy; a template test keeps them equal). */
    public static final int ITEM_EVENTS_MAX_RECEIVE_COUNT = 5;

    private UsageApplication() {}

    public static ItemEventsRelay relay(Map<String, String> env) {
        RelayConfig config = RelayConfig.fromEnvironment(env);
        SqsClient sqs = AsyncClients.sqs(config.aws());
        return new ItemEventsRelay(
                new SqsSender(sqs, config.itemEventsQueueUrl(), SqsSender.Pause.realTime()),
                new SqsSender(sqs, config.deadLetterQueueUrl(), SqsSender.Pause.realTime()),
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC());
    }

    public static UsageMeterConsumer meter(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(
                AsyncClients.dynamoDb(config.aws()), config.usageTableName(), Clock.systemUTC());
        return new UsageMeterConsumer(
                new MeterUsage(ledger, UsageApplication::backOff),
                ITEM_EVENTS_MAX_RECEIVE_COUNT,
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC());
    }

    /** The usage route's collaborators. */
    public record Api(HttpFunction http, GetUsage getUsage) {}

    public static Api api(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(
                AsyncClients.dynamoDb(config.aws()), config.usageTableName(), Clock.systemUTC());
        return new Api(
                new HttpFunction(
                        config.tenantClaim(),
                        PowertoolsRequestMetrics.create(config.metricsNamespace(), config.serviceName())),
                new GetUsage(ledger));
    }

    /** Jittered backoff between contended transactions: 20, 40, 80 ms and a random part as large. */
    static void backOff(int attempt) {
        long base = 10L << Math.min(attempt, 6);
        try {
            Thread.sleep(base + java.util.concurrent.ThreadLocalRandom.current().nextLong(base));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", interrupted);
        }
    }
}
