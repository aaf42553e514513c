package dev.groundwork.usage.dynamodb;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.PrimingAnswers;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.dynamodb.TransactionCancellations;
import dev.groundwork.usage.domain.DailyUsage;
import dev.groundwork.usage.domain.RunKey;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.DoubleAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link UsageLedger} on the usage table. Counting is one TransactWriteItems: a conditional put per run (the record
 * that it was counted, expiring by TTL after the redelivery window) and one ADD per day to the day's counters. A
 * run counted before fails its condition and cancels the whole transaction, so nothing is counted twice; which runs
 * did is read from the cancellation reasons.
 */
public final class DynamoDbUsageLedger implements UsageLedger {
    /**
     * How long a run's record lasts. A run can come back as long as a copy of its message can: the item-events queue
     * keeps messages 4 days and its dead-letter queue 14 days from the message's first sending (a standard queue's
     * message keeps its enqueue time when it is dead-lettered), and a redrive sends it again as a new message, whose
     * 14 days start anew (SQS: "The redrive task resets the retention period"): 28 days for a copy redriven once.
     * 40 covers it with days to spare; the records are tiny, so the margin costs next to nothing.
     */
    public static final Duration RUN_RECORD_RETENTION = Duration.ofDays(40);
    /** TransactWriteItems takes at most 100 actions. */
    public static final int MAX_ACTIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbUsageLedger.class);

    private static final List<String> COUNTERS =
            List.of("itemsCreated", "itemsUpdated", "itemsDeleted", "writeRequests", "itemsStored", "bytesStored");

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableAccess access;
    private final Clock clock;
    private final DoubleAdder writeUnits = new DoubleAdder();

    public DynamoDbUsageLedger(DynamoDbClient dynamoDb, String table, TableAccess access, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.access = access;
        this.clock = clock;
    }

    @Override
    public Outcome count(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes) {
        if (runs.size() + changes.size() > MAX_ACTIONS) {
            throw new IllegalArgumentException("one transaction takes at most " + MAX_ACTIONS + " runs and days");
        }
        List<RunKey> ordered = new ArrayList<>(runs);
        // A run's record is written only where none is yet: each run counted once.
        List<TransactWriteItem> actions = actions(tenant, ordered, changes, TenantKeys.NO_RECORD_YET);
        try {
            TransactWriteItemsResponse response = transact(actions);
            record(response.consumedCapacity(), tenant, runs.size());
            return new Counted();
        } catch (TransactionCanceledException cancelled) {
            return outcome(cancelled, ordered);
        } catch (SdkClientException unreachable) {
            throw new Unavailable(unreachable);
        } catch (AwsServiceException failed) {
            // A 5xx, or throttling of the whole request (the account's or the table's), after the SDK's own retries:
            // not this tenant's doing. A 4xx other than throttling is this request's and stays as it is.
            if (failed.statusCode() >= 500 || failed.isThrottlingException()) {
                throw new Unavailable(failed);
            }
            throw failed;
        }
    }

    /**
     * The ledger as the meter uses it, for the usage meter's SnapStart priming: this one, except that a count is
     * {@link #primeCount}, which counts nothing, and answers as a count that succeeded.
     */
    public UsageLedger countingNothing() {
        DynamoDbUsageLedger ledger = this;
        return new UsageLedger() {
            @Override
            public Outcome count(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes) {
                ledger.primeCount(tenant, runs, changes);
                return new Counted();
            }

            @Override
            public List<DailyUsage> days(TenantId tenant, LocalDate from, LocalDate to) {
                return ledger.days(tenant, from, to);
            }
        };
    }

    /**
     * A SnapStart priming of {@link #count}: the transaction that counts the runs, each run's record conditioned on
     * {@link TenantKeys#NO_RECORD_MEETS}, which fails whether or not the run was counted, so DynamoDB cancels the whole
     * transaction: nothing is written, and no permission beyond a count's is used. Then the answer to a count that
     * succeeded, built in memory as the SDK builds it and read as a count reads it (its consumed capacity, not added to
     * this ledger's):
     * the cancelled transaction never gets one, so without this the first count after a restore makes its classes
     * and their field accessors (about 45).
     *
     * @throws IllegalStateException when DynamoDB answers otherwise: the checkpoint then fails
     */
    public void primeCount(TenantId tenant, Set<RunKey> runs, Map<LocalDate, UsageCounters> changes) {
        List<TransactWriteItem> actions = actions(tenant, new ArrayList<>(runs), changes, TenantKeys.NO_RECORD_MEETS);
        try {
            transact(actions);
        } catch (TransactionCanceledException cancelled) {
            if (cancelled.hasCancellationReasons()
                    && TransactionCancellations.CONDITION_FAILED.equals(
                            cancelled.cancellationReasons().getFirst().code())) {
                units(TransactWriteItemsResponse.builder()
                        .consumedCapacity(PrimingAnswers.consumedCapacity(table, 2.0))
                        .build()
                        .consumedCapacity());
                return;
            }
            throw cancelled;
        }
        throw new IllegalStateException("a priming's transaction for " + runs + " was not cancelled");
    }

    /**
     * The one place the counting transaction is sent, a priming's too: a lambda's call site is linked on its first
     * run, so a priming with a call site of its own would leave this one to the first count after a restore.
     */
    private TransactWriteItemsResponse transact(List<TransactWriteItem> actions) {
        return dynamoDb.transactWriteItems(write -> write.overrideConfiguration(access.override())
                .transactItems(actions)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** @param runCondition the condition on each run's record: absent when counting */
    private List<TransactWriteItem> actions(
            TenantId tenant, List<RunKey> ordered, Map<LocalDate, UsageCounters> changes, String runCondition) {
        long expiresAt = clock.instant().plus(RUN_RECORD_RETENTION).getEpochSecond();
        List<TransactWriteItem> actions = new ArrayList<>();
        for (RunKey run : ordered) {
            Map<String, AttributeValue> record = new HashMap<>(UsageKeys.run(run));
            record.put("tenant", AttributeValue.fromS(tenant.value()));
            record.put(TenantKeys.EXPIRES_AT, AttributeValue.fromN(Long.toString(expiresAt)));
            actions.add(TransactWriteItem.builder()
                    .put(put -> put.tableName(table)
                            .item(record)
                            .conditionExpression(runCondition)
                            .expressionAttributeNames(Map.of("#pk", UsageKeys.PK)))
                    .build());
        }
        changes.forEach((day, counters) -> actions.add(TransactWriteItem.builder()
                .update(update -> update.tableName(table)
                        .key(UsageKeys.counters(tenant, day))
                        .updateExpression("ADD #c0 :c0, #c1 :c1, #c2 :c2, #c3 :c3, #c4 :c4, #c5 :c5")
                        .expressionAttributeNames(names())
                        .expressionAttributeValues(values(counters)))
                .build()));
        return actions;
    }

    /**
     * Which runs were counted before (their record's condition failed), or whether the transaction may pass if sent
     * again: another transaction on one of its items, or throttling of the tenant's counters
     * ({@link TransactionCancellations}). Either is this tenant's alone, and the meter retries it alone.
     */
    private static Outcome outcome(TransactionCanceledException cancelled, List<RunKey> runs) {
        List<String> reasons =
                cancelled.hasCancellationReasons() ? TransactionCancellations.reasons(cancelled) : List.of();
        Set<RunKey> counted = new LinkedHashSet<>();
        boolean passes = false;
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i);
            if (TransactionCancellations.CONDITION_FAILED.equals(code) && i < runs.size()) {
                counted.add(runs.get(i));
            } else if (TransactionCancellations.passes(code)) {
                passes = true;
            } else if (code != null && !"None".equals(code)) {
                throw cancelled;
            }
        }
        if (!counted.isEmpty()) {
            return new AlreadyCounted(counted);
        }
        if (passes) {
            return new Contended();
        }
        throw cancelled;
    }

    @Override
    public List<DailyUsage> days(TenantId tenant, LocalDate from, LocalDate to) {
        List<DailyUsage> days = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> exclusiveStart = start;
            QueryResponse page = dynamoDb.query(query -> query.tableName(table)
                    .overrideConfiguration(access.override())
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", UsageKeys.PK, "#sk", UsageKeys.SK))
                    .expressionAttributeValues(Map.of(
                            ":pk", UsageKeys.tenant(tenant), ":from", UsageKeys.day(from), ":to", UsageKeys.day(to)))
                    .exclusiveStartKey(exclusiveStart));
            page.items().forEach(record -> days.add(new DailyUsage(UsageKeys.dayOf(record), counters(record))));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return days;
    }

    /** Write units this ledger has consumed since it was built, as DynamoDB reported them. */
    public double consumedWriteUnits() {
        return writeUnits.sum();
    }

    private void record(List<ConsumedCapacity> consumed, TenantId tenant, int runs) {
        double units = units(consumed);
        writeUnits.add(units);
        LOG.debug(
                "consumed capacity",
                entry("operation", "TransactWriteItems"),
                entry("tenant_id", tenant.value()),
                entry("runs", runs),
                entry("capacity_units", units));
    }

    private static double units(List<ConsumedCapacity> consumed) {
        return consumed == null
                ? 0
                : consumed.stream()
                        .mapToDouble(capacity -> capacity.capacityUnits() == null ? 0 : capacity.capacityUnits())
                        .sum();
    }

    private static Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < COUNTERS.size(); i++) {
            names.put("#c" + i, COUNTERS.get(i));
        }
        return names;
    }

    private static Map<String, AttributeValue> values(UsageCounters counters) {
        long[] numbers = {
            counters.itemsCreated(),
            counters.itemsUpdated(),
            counters.itemsDeleted(),
            counters.writeRequests(),
            counters.itemsStored(),
            counters.bytesStored()
        };
        Map<String, AttributeValue> values = new HashMap<>();
        for (int i = 0; i < numbers.length; i++) {
            values.put(":c" + i, AttributeValue.fromN(Long.toString(numbers[i])));
        }
        return values;
    }

    private static UsageCounters counters(Map<String, AttributeValue> record) {
        long[] numbers = new long[COUNTERS.size()];
        for (int i = 0; i < numbers.length; i++) {
            AttributeValue value = record.get(COUNTERS.get(i));
            numbers[i] = value == null ? 0 : Long.parseLong(value.n());
        }
        return new UsageCounters(numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5]);
    }
}
