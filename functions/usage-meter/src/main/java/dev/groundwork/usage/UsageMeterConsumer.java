package dev.groundwork.usage;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.PowertoolsConsumerMetrics;
import dev.groundwork.platform.retry.Backoff;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.snapstart.PrimingContext;
import dev.groundwork.platform.sqs.BatchWork;
import dev.groundwork.platform.sqs.PrimingMessages;
import dev.groundwork.platform.sqs.Received;
import dev.groundwork.platform.sqs.SqsBatch;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.domain.DailyUsage;
import dev.groundwork.usage.domain.ItemChange;
import dev.groundwork.usage.domain.MeterUsage;
import dev.groundwork.usage.domain.RunKey;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageLedger;
import dev.groundwork.usage.dynamodb.DynamoDbUsageLedger;
import dev.groundwork.usage.sqs.ChangeRunMessages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The item-events consumer: the SQS batch adapter over {@link MeterUsage}. A run that was not counted fails alone. */
public final class UsageMeterConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(UsageMeterConsumer.class);
    /** The item-events queue's maxReceiveCount (template.yaml's redrive policy; a template test keeps them equal). */
    public static final int ITEM_EVENTS_MAX_RECEIVE_COUNT = 5;
    /** Between transactions that conflicted on a tenant's day: 20 ms, doubling, up to 80 ms (four attempts). */
    private static final Backoff CONTENDED_TENANT = Backoff.of(Duration.ofMillis(20), Duration.ofMillis(80));

    private final SqsBatch<ChangeRun> batch;
    private final MeterUsage meter;
    private final ConsumerMetrics metrics;
    private final MeterUsage primingMeter;

    public UsageMeterConsumer(MeterUsage meter, int maxReceiveCount) {
        this(meter, maxReceiveCount, ConsumerMetrics.NONE, Clock.systemUTC());
    }

    public UsageMeterConsumer(MeterUsage meter, int maxReceiveCount, ConsumerMetrics metrics, Clock clock) {
        this(meter, maxReceiveCount, metrics, clock, new MeterUsage(COUNTING_NOTHING, attempt -> {}));
    }

    /**
     * @param primingMeter the meter the SnapStart priming counts its made-up tenant's run with: the same, over a ledger
     *     whose counts count nothing ({@link DynamoDbUsageLedger#countingNothing})
     */
    public UsageMeterConsumer(
            MeterUsage meter, int maxReceiveCount, ConsumerMetrics metrics, Clock clock, MeterUsage primingMeter) {
        this.batch = new SqsBatch<>(ChangeRunMessages::read, maxReceiveCount, metrics, clock);
        this.meter = meter;
        this.metrics = metrics;
        this.primingMeter = primingMeter;
    }

    public static UsageMeterConsumer fromEnvironment(Map<String, String> env) {
        UsageConfig config = UsageConfig.fromEnvironment(env);
        // The meter counts every tenant's changes: it calls with its own role (docs/security.md).
        DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(
                AwsClients.dynamoDb(config.aws()),
                config.usageTableName(),
                TableAccess.asFunction(),
                Clock.systemUTC());
        return new UsageMeterConsumer(
                new MeterUsage(ledger, CONTENDED_TENANT::beforeAttempt),
                ITEM_EVENTS_MAX_RECEIVE_COUNT,
                PowertoolsConsumerMetrics.create(config.metrics()),
                Clock.systemUTC(),
                new MeterUsage(ledger.countingNothing(), CONTENDED_TENANT::beforeAttempt));
    }

    /**
     * SnapStart priming: a batch of two runs of a made-up tenant, written as the relay writes them and read as a
     * delivery is, then metered as a delivery is, by the priming meter: summed per day, counted in a transaction whose
     * run record is conditioned to fail, which DynamoDB cancels whole, and answered as a count that succeeded: nothing
     * is written (docs/snapstart.md).
     */
    public void prime() {
        TenantId tenant = Priming.tenant();
        // Two runs of the tenant, each read from its own message, as a delivery groups them: equal tenants, not the
        // same object, so grouping them compares them as a batch of several runs does.
        ChangeRun created = new ChangeRun(
                tenant,
                "snapstart-priming",
                List.of(new ItemChange("1", ItemChange.Kind.CREATED, Instant.now(), 0, 120)));
        ChangeRun updated = new ChangeRun(
                tenant,
                "snapstart-priming",
                List.of(new ItemChange("2", ItemChange.Kind.UPDATED, Instant.now(), 120, 140)));
        SQSBatchResponse response = batch.prime(
                PrimingMessages.of(tenant, List.of(ChangeRunMessages.write(created), ChangeRunMessages.write(updated))),
                metering(new PrimingContext(), primingMeter, metrics.forPriming()));
        Priming.expectNoFailures(
                "a batch of item events", response.getBatchItemFailures().size());
    }

    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return batch.handle(event, context, metering(context, meter, metrics));
    }

    /** The batch's work, for a delivery and for the priming alike: one lambda, linked by the priming. */
    private static BatchWork<ChangeRun> metering(Context context, MeterUsage meter, ConsumerMetrics metrics) {
        return received -> meter(received, context, meter, metrics);
    }

    private static List<BatchWork.Failure> meter(
            List<Received<ChangeRun>> received, Context context, MeterUsage meter, ConsumerMetrics metrics) {
        List<ChangeRun> runs = received.stream().map(Received::body).toList();
        Map<TenantId, String> outages = new HashMap<>();
        List<MeterUsage.RunOutcome> outcomes = meter.meter(runs, (tenant, outage) -> {
            // The store failed this tenant's step: nothing of it is known to be counted, and a retry counts each run
            // once. The other tenants' runs were counted on their own.
            LOG.warn(
                    "usage could not be counted; the tenant's runs return to the queue",
                    entry("tenant_id", tenant.value()),
                    outage);
            outages.put(tenant, outage.getClass().getSimpleName());
        });
        List<BatchWork.Failure> failures = new ArrayList<>();
        long counted = 0;
        long duplicates = 0;
        for (int i = 0; i < received.size(); i++) {
            switch (outcomes.get(i)) {
                case COUNTED -> counted += runs.get(i).changes().size();
                case ALREADY_COUNTED -> duplicates++;
                case NOT_COUNTED -> failures.add(failure(received.get(i), "contended"));
                case FAILED ->
                    failures.add(
                            failure(received.get(i), outages.get(runs.get(i).tenant())));
            }
        }
        LOG.info(
                "usage counted",
                entry("item_changes", counted),
                entry("runs_already_counted", duplicates),
                entry("runs_not_counted", failures.size()));
        if (duplicates > 0) {
            try {
                metrics.deduplicated(context, duplicates);
            } catch (RuntimeException metricsFailure) {
                LOG.warn("metrics could not be recorded", metricsFailure);
            }
        }
        return failures;
    }

    /** For a consumer built without a store: its priming counts in none. */
    private static final UsageLedger COUNTING_NOTHING = new UsageLedger() {
        @Override
        public Outcome count(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes) {
            return new Counted();
        }

        @Override
        public List<DailyUsage> days(TenantId tenant, LocalDate from, LocalDate to) {
            return List.of();
        }
    };

    private static BatchWork.Failure failure(Received<ChangeRun> message, String reason) {
        ChangeRun run = message.body();
        return new BatchWork.Failure(message.messageId(), run.tenant().value(), "run " + run.key(), reason);
    }
}
