package dev.groundwork.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.LocalCloud;
import dev.groundwork.platform.testing.QueuePoller;
import dev.groundwork.platform.testing.StreamPoller;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.usage.domain.GetUsage;
import dev.groundwork.usage.domain.MeterUsage;
import dev.groundwork.usage.domain.RunKey;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageLedger;
import dev.groundwork.usage.domain.UsageRange;
import dev.groundwork.usage.dynamodb.DynamoDbUsageLedger;
import dev.groundwork.usage.stream.ItemImageSize;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole change-event path against the embedded DynamoDB and ElasticMQ: item writes, the table's stream (read
 * through the Streams API by {@link StreamPoller}, standing in for Lambda's event source until the local runner's
 * stream path lands), the relay, the item-events queue with its redrive policy, and the meter.
 */
class UsageMeterIT {
    private static final List<TenantId> TENANTS = List.of("acme", "globex", "initech", "umbrella", "hooli").stream()
            .map(TenantId::new)
            .toList();

    private LocalCloud cloud;
    private String itemsTable;
    private LocalCloud.Queue itemEvents;
    private ItemEventsRelayHandler relay;
    private LocalCloud.Queue relayDeadLetters;
    private UsageMeterHandler meter;
    private DynamoDbUsageLedger ledger;
    private DynamoDbItems items;
    private StreamPoller stream;
    private QueuePoller queue;
    private final Map<TenantId, Truth> truth = new LinkedHashMap<>();
    private Map<String, String> env;
    private String usageTable;

    @BeforeEach
    void wire() {
        cloud = LocalCloud.get();
        itemsTable = cloud.table("items", true);
        String usageTable = cloud.table("usage", false);
        // Visibility 1 s instead of the template's 180 s, so that redeliveries come within the test's time.
        itemEvents = cloud.queue("item-events", 1, UsageMeterConsumer.ITEM_EVENTS_MAX_RECEIVE_COUNT);
        relayDeadLetters = cloud.queue("item-changes-dead-letters", 1, 5);
        Map<String, String> env = cloud.environment(Map.of(
                RelayConfig.ITEM_EVENTS_QUEUE_URL,
                itemEvents.url(),
                RelayConfig.ITEM_CHANGES_DEAD_LETTER_QUEUE_URL,
                relayDeadLetters.url(),
                UsageConfig.USAGE_TABLE_NAME,
                usageTable,
                "TABLE_NAME",
                itemsTable));
        this.env = env;
        this.usageTable = usageTable;
        relay = new ItemEventsRelayHandler(ItemEventsRelay.fromEnvironment(env));
        // The meter as UsageApplication wires it, with a ledger the test can ask for the capacity it consumed.
        ledger = new DynamoDbUsageLedger(
                AwsClients.dynamoDb(UsageConfig.fromEnvironment(env).aws()),
                usageTable,
                TableAccess.asFunction(),
                Clock.systemUTC());
        meter = new UsageMeterHandler(new UsageMeterConsumer(
                new MeterUsage(ledger, attempt -> {}), UsageMeterConsumer.ITEM_EVENTS_MAX_RECEIVE_COUNT));
        items = new DynamoDbItems(cloud.dynamoDb(), itemsTable, TableAccess.asFunction());
        stream = new StreamPoller(cloud, itemsTable, 100);
        queue = new QueuePoller(cloud, itemEvents.url(), 10);
        TENANTS.forEach(tenant -> truth.put(tenant, new Truth()));
    }

    @Test
    void metersEqualTheGroundTruthAfterRandomWritesWithCrashesDuplicatesAndAPoisonMessage() {
        Random random = new Random(20261125);
        UlidGenerator ids = new UlidGenerator(Clock.systemUTC(), random);
        String poison = "{\"version\":1,\"tenant\":\"acme\",\"source\":\"stream\",\"changes\":"
                + "[{\"sequenceNumber\":\"42\",\"kind\":\"EXPLODED\",\"at\":\"2026-11-25T18:00:00Z\"}]}";
        cloud.sqs().sendMessage(send -> send.queueUrl(itemEvents.url()).messageBody(poison));

        for (int op = 1; op <= 2_000; op++) {
            write(random, ids);
            if (op % 100 == 0) {
                // Every third relay run crashes after sending and is retried with the same stream batch.
                boolean relayRetried = op % 300 == 0;
                stream.drain(event -> {
                    relay.handleRequest(event, new TestContext("ItemEventsRelayFunction"));
                    if (relayRetried) {
                        relay.handleRequest(event, new TestContext("ItemEventsRelayFunction"));
                    }
                });
                queue.pollOnce(this::meter, crashAfterWriting());
                queue.pollOnce(this::meter, deliveredTwice());
                queue.pollOnce(this::meter, QueuePoller.Delivery.asLambda());
            }
        }
        stream.drain(event -> relay.handleRequest(event, new TestContext("ItemEventsRelayFunction")));
        drainUntilOnlyTheDeadLetterRemains();

        for (TenantId tenant : TENANTS) {
            assertThat(metered(tenant))
                    .as("meters of %s", tenant)
                    .isEqualTo(truth.get(tenant).counters(stored(tenant)));
        }
        assertThat(cloud.depth(itemEvents.url())).isZero();
        assertThat(deadLetters())
                .as("the poison message, dead-lettered, and nothing else")
                .containsOnly(poison);
    }

    @Test
    void theMetersPrimingMetersARunAsADeliveryIsAndCountsNothing() {
        // when: the priming runs, as before a snapshot (it throws if the batch reports a failure)
        UsageMeterConsumer.fromEnvironment(env).prime();

        // then: the usage table holds nothing, no count and no run record
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(usageTable)).count())
                .isZero();
    }

    @Test
    void aPrimingCountRunsTheWholeTransactionAndCountsNothingSoTheRunStillCountsOnce() {
        TenantId tenant = new TenantId("snapstart-priming-test");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RunKey run = new RunKey(tenant, "shard-1", "100", "200");
        UsageCounters oneCreate = new UsageCounters(1, 0, 0, 1, 1, 120);

        ledger.primeCount(tenant, Set.of(run), Map.of(today, oneCreate));
        ledger.primeCount(tenant, Set.of(run), Map.of(today, oneCreate));

        assertThat(metered(tenant)).isEqualTo(UsageCounters.ZERO);
        assertThat(ledger.count(tenant, Set.of(run), Map.of(today, oneCreate))).isInstanceOf(UsageLedger.Counted.class);
        assertThat(metered(tenant)).isEqualTo(oneCreate);
    }

    @Test
    void aPrimingCountOfARunAlreadyCountedCountsNothingMore() {
        // A priming's keys are made up and fresh; its count must be refused even where the run was counted.
        TenantId tenant = new TenantId("snapstart-priming-counted");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        RunKey run = new RunKey(tenant, "shard-1", "300", "400");
        UsageCounters oneCreate = new UsageCounters(1, 0, 0, 1, 1, 120);
        assertThat(ledger.count(tenant, Set.of(run), Map.of(today, oneCreate))).isInstanceOf(UsageLedger.Counted.class);

        ledger.primeCount(tenant, Set.of(run), Map.of(today, oneCreate));

        assertThat(metered(tenant)).isEqualTo(oneCreate);
    }

    @Test
    void costsLessThanHalfAWriteUnitPerEventAtFiftyEventsASecond() {
        // 50 events a second for 20 seconds: the relay's window is 1 s (one stream batch a second) and the meter's
        // 5 s with up to 10 messages a batch (template.yaml), modelled here by when each poller runs.
        Random random = new Random(7);
        UlidGenerator ids = new UlidGenerator(Clock.systemUTC(), random);
        int events = 0;
        for (int second = 1; second <= 20; second++) {
            for (int i = 0; i < 50; i++) {
                write(random, ids);
                events++;
            }
            stream.drain(event -> relay.handleRequest(event, new TestContext("ItemEventsRelayFunction")));
            if (second % 5 == 0) {
                while (queue.pollOnce(this::meter, QueuePoller.Delivery.asLambda()) > 0) {
                    // until this window's messages are counted
                }
            }
        }
        double unitsPerEvent = ledger.consumedWriteUnits() / events;
        System.out.printf(
                "usage meter: %d events, %.1f write units, %.3f write units per event%n",
                events, ledger.consumedWriteUnits(), unitsPerEvent);
        assertThat(unitsPerEvent).isLessThan(0.5);
        for (TenantId tenant : TENANTS) {
            assertThat(metered(tenant)).isEqualTo(truth.get(tenant).counters(stored(tenant)));
        }
    }

    @Test
    void deadLettersAStreamRecordItCannotReadWholeRelaysEveryOtherAndCountsItOnceWhenReplayed() throws Exception {
        // given: one batch with changes of every tenant, one of whose records is broken
        Random random = new Random(7);
        UlidGenerator ids = new UlidGenerator(Clock.systemUTC(), random);
        for (int i = 0; i < 30; i++) {
            write(random, ids);
        }
        java.util.concurrent.atomic.AtomicReference<String> brokenVersion =
                new java.util.concurrent.atomic.AtomicReference<>();
        // when: the relay gets the batch with the first record's version number unreadable
        stream.drain(event -> {
            var image = event.getRecords().getFirst().getDynamodb().getNewImage();
            if (brokenVersion.compareAndSet(null, image.get("version").getN())) {
                image.get("version").setN("not a number");
            }
            relay.handleRequest(event, new TestContext("ItemEventsRelayFunction"));
        });
        drainUntilOnlyTheDeadLetterRemains();

        // then: the record is in the dead-letter queue, whole, naming its tenant; every other change was counted
        var deadLetters = cloud.sqs()
                .receiveMessage(receive -> receive.queueUrl(relayDeadLetters.url())
                        .maxNumberOfMessages(10)
                        .messageAttributeNames("All"))
                .messages();
        assertThat(deadLetters).hasSize(1);
        TenantId broken = new TenantId(
                deadLetters.getFirst().messageAttributes().get("tenant").stringValue());
        java.nio.file.Path event = java.nio.file.Files.createTempFile("dead-letter", ".json");
        java.nio.file.Files.writeString(event, deadLetters.getFirst().body());
        DynamodbEvent deadLetter =
                com.amazonaws.services.lambda.runtime.tests.EventLoader.loadDynamoDbEvent(event.toString());
        assertThat(deadLetter.getRecords())
                .singleElement()
                .satisfies(record -> assertThat(record.getDynamodb()
                                .getNewImage()
                                .get("version")
                                .getN())
                        .isEqualTo("not a number"));
        for (TenantId tenant : TENANTS) {
            UsageCounters truthNow = truth.get(tenant).counters(stored(tenant));
            if (tenant.equals(broken)) {
                assertThat(metered(tenant).writeRequests()).isEqualTo(truthNow.writeRequests() - 1);
            } else {
                assertThat(metered(tenant)).isEqualTo(truthNow);
            }
        }

        // when: the cause is fixed and the dead letter replayed, twice
        deadLetter
                .getRecords()
                .getFirst()
                .getDynamodb()
                .getNewImage()
                .get("version")
                .setN(brokenVersion.get());
        relay.handleRequest(deadLetter, new TestContext("ItemEventsRelayFunction"));
        relay.handleRequest(deadLetter, new TestContext("ItemEventsRelayFunction"));
        drainUntilOnlyTheDeadLetterRemains();

        // then: every tenant's meters equal the truth, the replayed change counted once
        for (TenantId tenant : TENANTS) {
            assertThat(metered(tenant)).isEqualTo(truth.get(tenant).counters(stored(tenant)));
        }
    }

    @Test
    void measuresTheConsumersThroughput() {
        Random random = new Random(11);
        UlidGenerator ids = new UlidGenerator(Clock.systemUTC(), random);
        int events = 2_000;
        for (int i = 0; i < events; i++) {
            write(random, ids);
        }
        long started = System.nanoTime();
        stream.drain(event -> relay.handleRequest(event, new TestContext("ItemEventsRelayFunction")));
        while (queue.pollOnce(this::meter, QueuePoller.Delivery.asLambda()) > 0) {
            // drain
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf(
                "usage meter throughput: %d events through stream, relay, queue and meter in %d ms: %.0f events/s%n",
                events, elapsed.toMillis(), events * 1000.0 / elapsed.toMillis());
        for (TenantId tenant : TENANTS) {
            assertThat(metered(tenant)).isEqualTo(truth.get(tenant).counters(stored(tenant)));
        }
    }

    private List<String> deadLetters() {
        List<String> bodies = new ArrayList<>();
        List<software.amazon.awssdk.services.sqs.model.Message> received;
        do {
            received = cloud.sqs()
                    .receiveMessage(receive -> receive.queueUrl(itemEvents.deadLetterUrl())
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(60))
                    .messages();
            received.forEach(message -> bodies.add(message.body()));
        } while (!received.isEmpty());
        System.out.printf("item-events dead-letter queue: %d messages%n", bodies.size());
        return bodies;
    }

    private SQSBatchResponse meter(SQSEvent batch) {
        return meter.handleRequest(batch, new TestContext("UsageMeterFunction"));
    }

    /**
     * The function counts, then its container dies before Lambda deletes the messages: all come back. Only batches
     * on their first delivery crash: a message that crashed five times is dead-lettered, as SQS should do.
     */
    private static QueuePoller.Delivery crashAfterWriting() {
        return (batch, function) -> {
            SQSBatchResponse response = function.apply(batch);
            boolean firstDelivery = batch.getRecords().stream()
                    .allMatch(message -> "1".equals(message.getAttributes().get("ApproximateReceiveCount")));
            return firstDelivery ? Optional.empty() : Optional.of(response);
        };
    }

    /** SQS hands the same messages to two invocations (at-least-once delivery). */
    private static QueuePoller.Delivery deliveredTwice() {
        return (batch, function) -> {
            function.apply(batch);
            return Optional.of(function.apply(batch));
        };
    }

    private void drainUntilOnlyTheDeadLetterRemains() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cloud.depth(itemEvents.url()) > 0 && System.nanoTime() < deadline) {
            if (queue.pollOnce(this::meter, QueuePoller.Delivery.asLambda()) == 0) {
                pause(); // what is left is in flight: it comes back when its visibility timeout ends
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Random random, UlidGenerator ids) {
        TenantId tenant = TENANTS.get(random.nextInt(TENANTS.size()));
        Truth state = truth.get(tenant);
        int choice = random.nextInt(10);
        if (state.live.isEmpty() || choice < 5) {
            Item item = Item.created(ids.next(), content(random), java.time.Instant.now());
            assertThat(items.add(tenant, item)).isTrue();
            state.live.put(item.id(), item);
            state.created++;
        } else if (choice < 8) {
            Item current = state.any(random);
            Item next = current.revised(content(random), java.time.Instant.now());
            assertThat(items.replace(tenant, next, current.version())).isTrue();
            state.live.put(next.id(), next);
            state.updated++;
        } else {
            Item current = state.any(random);
            assertThat(items.remove(tenant, current.id(), Preconditions.NONE)).isEqualTo(new Items.Removed());
            state.live.remove(current.id());
            state.deleted++;
        }
    }

    private static ItemContent content(Random random) {
        Map<String, Object> attributes = new HashMap<>();
        for (int i = 0; i < random.nextInt(6); i++) {
            attributes.put(
                    "k" + i,
                    random.nextBoolean() ? "v".repeat(random.nextInt(200)) : new BigDecimal(random.nextInt(100_000)));
        }
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < random.nextInt(4); i++) {
            tags.add("tag" + i);
        }
        return new ItemContent("item " + random.nextInt(1_000_000), attributes, tags);
    }

    /** The tenant's items as stored now, and their sizes as DynamoDB counts them. */
    private long stored(TenantId tenant) {
        return cloud
                .dynamoDb()
                .queryPaginator(query -> query.tableName(itemsTable)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(
                                        "TENANT#" + tenant))))
                .items()
                .stream()
                .mapToLong(record -> ItemImageSize.of(StreamPoller.image(record)))
                .sum();
    }

    private UsageCounters metered(TenantId tenant) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return new GetUsage(ledger)
                .report(tenant, new UsageRange(today.minusDays(1), today.plusDays(1)))
                .totals();
    }

    /** What the test did to one tenant's items. */
    private static final class Truth {
        final Map<ItemId, Item> live = new LinkedHashMap<>();
        long created;
        long updated;
        long deleted;

        Item any(Random random) {
            List<Item> all = new ArrayList<>(live.values());
            return all.get(random.nextInt(all.size()));
        }

        UsageCounters counters(long bytesStored) {
            return new UsageCounters(created, updated, deleted, created + updated + deleted, live.size(), bytesStored);
        }
    }
}
