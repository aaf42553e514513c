package dev.groundwork.usage;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.items.dynamodb.ItemKeys;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.observability.PowertoolsConsumerMetrics;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.snapstart.PrimingContext;
import dev.groundwork.platform.sqs.SqsClients;
import dev.groundwork.platform.sqs.SqsSender;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.domain.ItemChange;
import dev.groundwork.usage.sqs.ChangeRunMessages;
import dev.groundwork.usage.stream.StreamChanges;
import dev.groundwork.usage.stream.StreamRecordJson;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Relays a batch of the items table's stream to the item-events queue as runs of changes, one message per tenant
 * (see {@link StreamChanges}). It sends all or throws: Lambda then retries the same batch, which yields the same runs,
 * which the meter counts once whatever was sent before.
 *
 * <p>Correlation: every item record carries the correlation id of the request that last wrote it
 * ({@link ItemRecords#LAST_REQUEST_ID}), so a stream record's new image names the request that caused the change. A
 * run's message carries the ids of its changes (comma-separated, in order, when a run holds several requests'
 * changes); a deletion has no new image and carries none, since its old image names the request before it.
 */
public final class ItemEventsRelay {
    private static final Logger LOG = LoggerFactory.getLogger(ItemEventsRelay.class);
    /** SQS message attributes take 256 KB with the body; ten ids of at most 128 characters stay far below. */
    private static final int MAX_IDS_PER_MESSAGE = 10;

    private final SqsSender itemEvents;
    private final SqsSender deadLetters;
    private final ConsumerMetrics metrics;
    private final Clock clock;

    /**
     * @param deadLetters where an item's record that cannot be read goes, whole, as an event the relay can be invoked
     *                    with again once the cause is fixed (docs/async.md, "Replaying the stream's dead letters")
     */
    public ItemEventsRelay(SqsSender itemEvents, SqsSender deadLetters, ConsumerMetrics metrics, Clock clock) {
        this.itemEvents = itemEvents;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** @return how many records were dead-lettered */
    public static ItemEventsRelay fromEnvironment(Map<String, String> env) {
        RelayConfig config = RelayConfig.fromEnvironment(env);
        SqsClient sqs = SqsClients.create(config.aws());
        return new ItemEventsRelay(
                new SqsSender(sqs, config.itemEventsQueueUrl(), SqsSender.backoff()),
                new SqsSender(sqs, config.deadLetterQueueUrl(), SqsSender.backoff()),
                PowertoolsConsumerMetrics.create(config.metrics()),
                Clock.systemUTC());
    }

    public int relay(DynamodbEvent batch) {
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        Map<String, String> requestOfChange = new HashMap<>();
        for (DynamodbEvent.DynamodbStreamRecord record : records) {
            StreamRecord stream = record.getDynamodb();
            if (stream != null && stream.getSequenceNumber() != null && stream.getNewImage() != null) {
                Optional.ofNullable(stream.getNewImage().get(ItemRecords.LAST_REQUEST_ID))
                        .map(AttributeValue::getS)
                        .flatMap(Correlation::wellFormed)
                        .ifPresent(id -> requestOfChange.put(stream.getSequenceNumber(), id));
            }
        }
        StreamChanges.Reading reading = StreamChanges.read(batch);
        List<ChangeRun> runs = reading.runs();
        MDC.remove("correlation_ids"); // a container's thread serves invocation after invocation
        List<String> allIds = runs.stream()
                .flatMap(run -> correlationIds(run, requestOfChange).stream())
                .distinct()
                .limit(MAX_IDS_PER_MESSAGE)
                .toList();
        if (!allIds.isEmpty()) {
            MDC.put("correlation_ids", String.join(",", allIds));
        }
        itemEvents.send(runs.stream()
                .map(run -> new SqsSender.Outgoing(
                        ChangeRunMessages.write(run),
                        run.tenant().value(),
                        Optional.of(correlationIds(run, requestOfChange))
                                .filter(ids -> !ids.isEmpty())
                                .map(ids -> String.join(",", ids))))
                .toList());
        deadLetter(reading.unrelayable());
        int changes = runs.stream().mapToInt(run -> run.changes().size()).sum();
        LOG.info(
                "stream batch relayed",
                entry("records", records.size()),
                entry("item_changes", changes),
                entry("runs", runs.size()),
                entry("dead_lettered", reading.unrelayable().size()));
        return reading.unrelayable().size();
    }

    /**
     * Sends each unreadable record on its own, after the runs: a retried batch sends it again, which a replay takes
     * as one more copy of a run the meter counts once.
     */
    private void deadLetter(List<StreamChanges.Unrelayable> unrelayable) {
        if (unrelayable.isEmpty()) {
            return;
        }
        for (StreamChanges.Unrelayable record : unrelayable) {
            LOG.error(
                    "stream record dead-lettered: it could not be read as an item change",
                    entry("tenant_id", record.tenant().map(TenantId::value).orElse(null)),
                    entry(
                            "sequence_number",
                            Optional.ofNullable(record.record().getDynamodb())
                                    .map(StreamRecord::getSequenceNumber)
                                    .orElse(null)),
                    entry("reason", record.reason()));
        }
        deadLetters.send(unrelayable.stream()
                .map(record -> new SqsSender.Outgoing(
                        StreamRecordJson.event(record.record()),
                        record.tenant().map(TenantId::value).orElse("unknown")))
                .toList());
    }

    /**
     * Relays the batch and reports it: its size, its dead-lettered records as failed ones, its oldest record's age
     * (the stream's lag) and its latency.
     */
    public int relay(DynamodbEvent batch, Context context) {
        long started = System.nanoTime();
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords() == null ? List.of() : batch.getRecords();
        Optional<Duration> oldest = records.stream()
                .map(DynamodbEvent.DynamodbStreamRecord::getDynamodb)
                .filter(Objects::nonNull)
                .map(StreamRecord::getApproximateCreationDateTime)
                .filter(Objects::nonNull)
                .map(java.util.Date::toInstant)
                .min(java.time.Instant::compareTo)
                .map(created -> Duration.between(created, clock.instant()))
                .map(age -> age.isNegative() ? Duration.ZERO : age);
        int failed = records.size();
        try {
            failed = relay(batch);
            return failed;
        } finally {
            try {
                metrics.batch(
                        context,
                        new ConsumerMetrics.Batch(
                                records.size(), failed, oldest, Duration.ofNanos(System.nanoTime() - started)));
            } catch (RuntimeException metricsFailure) {
                LOG.warn("metrics could not be recorded", metricsFailure);
            }
        }
    }

    /** How a batch is relayed in a delivery: the handler's logging around {@link #relay(DynamodbEvent, Context)}. */
    @FunctionalInterface
    public interface Delivery {
        /** @return how many records were dead-lettered */
        int relay(ItemEventsRelay relay, DynamodbEvent batch, Context context);
    }

    /**
     * SnapStart priming: a stream batch of a made-up tenant's new item and its first change, written by a made-up
     * request, read as the runtime reads a delivered batch ({@link EventJson}) and relayed as one is (through
     * {@code delivery}), by a relay whose senders send nothing ({@link SqsSender#forPriming}: each call a batch SQS
     * refuses whole) and whose metrics are built and dropped; then the dead-letter queue's send, primed alike. Nothing
     * is sent, to either queue (docs/snapstart.md). Two records of one item, as a real batch often has, so that
     * grouping them compares equal tenants that are not the same object, as a delivery's do.
     */
    public void prime(Delivery delivery) {
        TenantId tenant = Priming.tenant();
        String sortKey = ItemKeys.ITEM_PREFIX + ItemsPriming.freshItemId().value();
        DynamodbEvent batch = new DynamodbEvent();
        batch.setRecords(List.of(
                primingRecord(tenant, sortKey, "INSERT", "1", 1), primingRecord(tenant, sortKey, "MODIFY", "2", 2)));
        ItemEventsRelay sendingNothing =
                new ItemEventsRelay(itemEvents.forPriming(), deadLetters.forPriming(), metrics.forPriming(), clock);
        Priming.expect(
                "a stream batch of one item's two changes, dead-lettered",
                0,
                delivery.relay(
                        sendingNothing, EventJson.asDelivered(batch, DynamodbEvent.class), new PrimingContext()));
        deadLetters.prime(
                new SqsSender.Outgoing(StreamRecordJson.event(batch.getRecords().getFirst()), tenant.value()));
    }

    private DynamodbEvent.DynamodbStreamRecord primingRecord(
            TenantId tenant, String sortKey, String eventName, String sequenceNumber, int version) {
        Map<String, AttributeValue> keys = Map.of(
                TenantKeys.PK,
                new AttributeValue().withS(TenantKeys.partition(tenant).s()),
                TenantKeys.SK,
                new AttributeValue().withS(sortKey));
        // Every member a delivered record has, so that reading one is primed whole.
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("snapstart-priming-" + sequenceNumber);
        record.setEventName(eventName);
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("snapstart-priming");
        record.setEventSourceARN("snapstart-priming");
        StreamRecord change = new StreamRecord()
                .withKeys(keys)
                .withNewImage(primingImage(keys, version))
                .withSequenceNumber(sequenceNumber)
                .withSizeBytes(100L)
                .withApproximateCreationDateTime(new Date(clock.millis()));
        change.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        // Every image a change is metered by, as the table's NEW_AND_OLD_IMAGES stream sends it: a change without
        // its old image would be dead-lettered.
        // The old image is of a record written before records carried their format, so that both number rules of
        // the meter are primed (ItemImageSize).
        record.setDynamodb(
                eventName.equals("MODIFY")
                        ? change.withOldImage(withoutFormat(primingImage(keys, version - 1)))
                        : change);
        return record;
    }

    private static Map<String, AttributeValue> withoutFormat(Map<String, AttributeValue> image) {
        image.remove(ItemRecords.FORMAT);
        return image;
    }

    private static Map<String, AttributeValue> primingImage(Map<String, AttributeValue> keys, int version) {
        Map<String, AttributeValue> image = new HashMap<>(keys);
        image.put(ItemRecords.FORMAT, new AttributeValue().withN(Integer.toString(ItemRecords.CURRENT_FORMAT)));
        image.put("name", new AttributeValue().withS("Priming widget"));
        // A map and a list, as an item's nested values come: each is read at a call site of its own.
        image.put(
                "details",
                new AttributeValue()
                        .withM(Map.of("tags", new AttributeValue().withL(new AttributeValue().withS("priming")))));
        image.put("version", new AttributeValue().withN(Integer.toString(version)));
        image.put(ItemRecords.LAST_REQUEST_ID, new AttributeValue().withS(Priming.TENANT_PREFIX + "request"));
        return image;
    }

    private static List<String> correlationIds(ChangeRun run, Map<String, String> requestOfChange) {
        return run.changes().stream()
                .map(ItemChange::sequenceNumber)
                .map(requestOfChange::get)
                .filter(Objects::nonNull)
                .distinct()
                .limit(MAX_IDS_PER_MESSAGE)
                .toList();
    }
}
