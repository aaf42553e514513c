package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems: all or nothing, reasons in order, idempotency, limits, concurrency. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class TransactionsConformanceTest {

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    TransactionsConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    @BeforeEach
    void requireTransactions() {
        assumeTrue(target.supports(Capability.TRANSACTIONS), target.name() + " does not serve transactions");
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item))
                .build();
    }

    private static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"))
                .build();
    }

    private static TransactWriteItem delete(String table, Map<String, AttributeValue> key) {
        return TransactWriteItem.builder()
                .delete(d -> d.tableName(table).key(key))
                .build();
    }

    private static TransactWriteItem add(String table, Map<String, AttributeValue> key, long amount) {
        return TransactWriteItem.builder()
                .update(u -> u.tableName(table)
                        .key(key)
                        .updateExpression("ADD qty :a")
                        .expressionAttributeValues(Map.of(":a", n(amount))))
                .build();
    }

    private static TransactWriteItem check(String table, Map<String, AttributeValue> key, String condition) {
        return TransactWriteItem.builder()
                .conditionCheck(c -> c.tableName(table).key(key).conditionExpression(condition))
                .build();
    }

    private Map<String, AttributeValue> get(String table, String key) {
        return dynamo.getItem(r -> r.tableName(table).key(item("pk", s(key))).consistentRead(true))
                .item();
    }

    @Test
    void appliesPutUpdateDeleteAndConditionCheckTogether() {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("counter"), "qty", n(1))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("old"))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("guard"), "open", s("yes"))));

        dynamo.transactWriteItems(r -> r.transactItems(
                put(table, item("pk", s("new"))),
                add(table, item("pk", s("counter")), 4),
                delete(table, item("pk", s("old"))),
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName(table)
                                .key(item("pk", s("guard")))
                                .conditionExpression("#o = :yes")
                                .expressionAttributeNames(Map.of("#o", "open"))
                                .expressionAttributeValues(Map.of(":yes", s("yes"))))
                        .build()));

        assertThat(get(table, "new")).isEqualTo(item("pk", s("new")));
        assertThat(get(table, "counter")).containsEntry("qty", n(5));
        assertThat(get(table, "old")).isEmpty();
    }

    @Test
    void cancelsEverythingWhenOneConditionFailsAndGivesReasonsInOrder() {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("taken"), "v", n(1))));

        TransactionCanceledException error = assertError(
                TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(
                        put(table, item("pk", s("fresh"))),
                        putIfAbsent(table, item("pk", s("taken"), "v", n(2))),
                        add(table, item("pk", s("counter")), 1))));

        assertThat(error.cancellationReasons())
                .extracting(CancellationReason::code)
                .containsExactly("None", "ConditionalCheckFailed", "None");
        assertThat(error.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
        assertThat(error.awsErrorDetails().errorMessage())
                .startsWith(
                        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None]");
        assertThat(get(table, "fresh")).isEmpty();
        assertThat(get(table, "counter")).isEmpty();
        assertThat(get(table, "taken")).containsEntry("v", n(1));
    }

    @Test
    void cancellationReasonCarriesTheItemWhenAsked() {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("taken"), "v", n(1))));

        TransactionCanceledException error = assertError(
                TransactionCanceledException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName(table)
                                .item(item("pk", s("taken"), "v", n(2)))
                                .conditionExpression("attribute_not_exists(pk)")
                                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD))
                        .build())));

        assertThat(error.cancellationReasons().getFirst().item()).isEqualTo(item("pk", s("taken"), "v", n(1)));
    }

    @Test
    void rejectsTwoActionsOnOneItem() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.transactWriteItems(r ->
                        r.transactItems(put(table, item("pk", s("a"))), add(table, item("pk", s("a")), 1))),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void acceptsOneHundredActionsAndRejectsOneHundredAndOne() {
        String table = tables.hashOnly();
        List<TransactWriteItem> hundred = new ArrayList<>(IntStream.range(0, 100)
                .mapToObj(i -> put(table, item("pk", s("k" + i))))
                .toList());

        dynamo.transactWriteItems(r -> r.transactItems(hundred));
        hundred.add(put(table, item("pk", s("k100"))));

        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isEqualTo(100);
        assertValidationError(
                () -> dynamo.transactWriteItems(r -> r.transactItems(hundred)),
                "Member must have length less than or equal to 100");
    }

    /** helper-88: eleven puts of 390,000 bytes each, 4.3 MB, were all written. */
    @Test
    void acceptsFourMegabytesOfItemsAndRejectsMoreWritingNothing() {
        String table = tables.hashOnly();
        String large = "x".repeat(400_000);
        List<TransactWriteItem> tenLarge = IntStream.range(0, 10)
                .mapToObj(i -> put(table, item("pk", s("k" + i), "v", s(large))))
                .toList();

        dynamo.transactWriteItems(r -> r.transactItems(tenLarge));
        List<TransactWriteItem> elevenLarge = IntStream.range(0, 11)
                .mapToObj(i -> put(table, item("pk", s("m" + i), "v", s(large))))
                .toList();

        assertValidationError(() -> dynamo.transactWriteItems(r -> r.transactItems(elevenLarge)));
        // A scan's page ends at 1 MB: every page counted.
        assertThat(dynamo.scanPaginator(r -> r.tableName(table)).items().stream())
                .hasSize(10);
    }

    @Test
    void answersResourceNotFoundForAMissingTable() {
        assertError(
                ResourceNotFoundException.class,
                () -> dynamo.transactWriteItems(r -> r.transactItems(put("no-such-table-here", item("pk", s("a"))))));
    }

    @Test
    void repeatsWithTheSameTokenWithoutApplyingTwice() {
        String table = tables.hashOnly();
        String token = UUID.randomUUID().toString();

        dynamo.transactWriteItems(r ->
                r.clientRequestToken(token).transactItems(add(table, item("pk", s("counter")), 1)));
        dynamo.transactWriteItems(r ->
                r.clientRequestToken(token).transactItems(add(table, item("pk", s("counter")), 1)));

        assertThat(get(table, "counter")).containsEntry("qty", n(1));
    }

    @Test
    void rejectsTheSameTokenWithADifferentRequest() {
        String table = tables.hashOnly();
        String token = UUID.randomUUID().toString();
        dynamo.transactWriteItems(r ->
                r.clientRequestToken(token).transactItems(add(table, item("pk", s("counter")), 1)));

        assertError(
                IdempotentParameterMismatchException.class,
                () -> dynamo.transactWriteItems(r ->
                        r.clientRequestToken(token).transactItems(add(table, item("pk", s("counter")), 2))));
        assertThat(get(table, "counter")).containsEntry("qty", n(1));
    }

    @Test
    void transactionalWritesCostTwiceAsMuch() {
        String table = tables.hashOnly();

        var response = dynamo.transactWriteItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        put(table, item("pk", s("a"))), put(table, item("pk", s("b"), "d", s("x".repeat(1500))))));

        // 1 KB and 2 KB items: (1 + 2) write units, doubled.
        assertThat(response.consumedCapacity()).singleElement().satisfies(c -> {
            assertThat(c.tableName()).isEqualTo(table);
            assertThat(c.capacityUnits()).isEqualTo(6.0);
        });
    }

    @Test
    void getsItemsInRequestOrderWithEmptySlotsForMissingOnes() {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1), "w", n(2))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("c"), "v", n(3))));

        var response = dynamo.transactGetItems(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        TransactGetItem.builder()
                                .get(g -> g.tableName(table)
                                        .key(item("pk", s("a")))
                                        .projectionExpression("v"))
                                .build(),
                        TransactGetItem.builder()
                                .get(g -> g.tableName(table).key(item("pk", s("b"))))
                                .build(),
                        TransactGetItem.builder()
                                .get(g -> g.tableName(table).key(item("pk", s("c"))))
                                .build()));

        assertThat(response.responses())
                .extracting(ItemResponse::item)
                .containsExactly(item("v", n(1)), Map.of(), item("pk", s("c"), "v", n(3)));
        // Three reads of up to 4 KB, strongly consistent, doubled.
        assertThat(response.consumedCapacity().getFirst().capacityUnits()).isEqualTo(6.0);
    }

    @Test
    void rejectsTwoGetsOfOneItem() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.transactGetItems(r -> r.transactItems(
                        TransactGetItem.builder()
                                .get(g -> g.tableName(table).key(item("pk", s("a"))))
                                .build(),
                        TransactGetItem.builder()
                                .get(g -> g.tableName(table).key(item("pk", s("a"))))
                                .build())),
                "Transaction request cannot include multiple operations on one item");
    }

    @Test
    void staysAllOrNothingUnderConcurrentTransfers() throws Exception {
        String table = tables.hashOnly();
        int accounts = 4;
        for (int i = 0; i < accounts; i++) {
            int index = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("acct" + index), "qty", n(100))));
        }
        AtomicInteger committed = new AtomicInteger();
        AtomicInteger tornReads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int worker = 0; worker < 6; worker++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        int from = ThreadLocalRandom.current().nextInt(accounts);
                        int to = (from + 1 + ThreadLocalRandom.current().nextInt(accounts - 1)) % accounts;
                        try {
                            dynamo.transactWriteItems(r -> r.transactItems(
                                    TransactWriteItem.builder()
                                            .update(u -> u.tableName(table)
                                                    .key(item("pk", s("acct" + from)))
                                                    .updateExpression("SET qty = qty - :one")
                                                    .conditionExpression("qty >= :one")
                                                    .expressionAttributeValues(Map.of(":one", n(1))))
                                            .build(),
                                    add(table, item("pk", s("acct" + to)), 1)));
                            committed.incrementAndGet();
                        } catch (TransactionCanceledException conflictOrEmpty) {
                            // Concurrent transactions on one item may cancel each other (TransactionConflict), as on
                            // AWS.
                        }
                    }
                }));
            }
            for (int reader = 0; reader < 2; reader++) {
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        try {
                            var read = dynamo.transactGetItems(r -> r.transactItems(IntStream.range(0, accounts)
                                    .mapToObj(a -> TransactGetItem.builder()
                                            .get(g -> g.tableName(table).key(item("pk", s("acct" + a))))
                                            .build())
                                    .toList()));
                            long total = read.responses().stream()
                                    .mapToLong(x ->
                                            Long.parseLong(x.item().get("qty").n()))
                                    .sum();
                            if (total != 100L * accounts) {
                                tornReads.incrementAndGet();
                            }
                        } catch (TransactionCanceledException conflict) {
                            // A read that overlaps a write in flight may be cancelled; it never sees half of it.
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long total = IntStream.range(0, accounts)
                .mapToLong(a -> Long.parseLong(get(table, "acct" + a).get("qty").n()))
                .sum();
        assertThat(total).isEqualTo(100L * accounts);
        assertThat(tornReads).hasValue(0);
        assertThat(committed.get()).isPositive();
    }
}
