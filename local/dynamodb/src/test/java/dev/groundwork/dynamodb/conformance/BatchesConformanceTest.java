package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchWriteItem and BatchGetItem: several tables, limits of 25 and 100, duplicate keys, missing tables. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class BatchesConformanceTest {

    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    BatchesConformanceTest(DynamoDbTarget target) {
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(p -> p.item(item)).build();
    }

    private static WriteRequest delete(Map<String, AttributeValue> key) {
        return WriteRequest.builder().deleteRequest(d -> d.key(key)).build();
    }

    @Test
    void writesAndDeletesAcrossTables() {
        String first = tables.hashOnly();
        String second = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(second).item(item("pk", s("gone"))));

        BatchWriteItemResponse response = dynamo.batchWriteItem(r -> r.requestItems(Map.of(
                first, List.of(put(item("pk", s("a"), "v", n(1))), put(item("pk", s("b")))),
                second, List.of(delete(item("pk", s("gone"))), put(item("pk", s("c")))))));

        assertThat(response.unprocessedItems()).isEmpty();
        assertThat(dynamo.scan(r -> r.tableName(first)).count()).isEqualTo(2);
        assertThat(dynamo.scan(r -> r.tableName(second)).items()).containsExactly(item("pk", s("c")));
    }

    @Test
    void acceptsTwentyFiveWritesInOneCall() {
        String table = tables.hashOnly();
        List<WriteRequest> writes = IntStream.range(0, 25)
                .mapToObj(i -> put(item("pk", s("k" + i))))
                .toList();

        dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes)));

        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isEqualTo(25);
    }

    @Test
    void rejectsTwentySixWrites() {
        String table = tables.hashOnly();
        List<WriteRequest> writes = IntStream.range(0, 26)
                .mapToObj(i -> put(item("pk", s("k" + i))))
                .toList();

        assertValidationError(
                () -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(table, writes))),
                "Member must have length less than or equal to 25");
        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isZero();
    }

    @Test
    void rejectsTwoWritesOfOneItem() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.batchWriteItem(r ->
                        r.requestItems(Map.of(table, List.of(put(item("pk", s("a"))), delete(item("pk", s("a"))))))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void rejectsTheWholeBatchWhenOneItemLacksItsKey() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.batchWriteItem(r ->
                        r.requestItems(Map.of(table, List.of(put(item("pk", s("a"))), put(item("other", s("b"))))))),
                "The provided key element does not match the schema");
        assertThat(dynamo.scan(r -> r.tableName(table)).count()).isZero();
    }

    @Test
    void refusesAnItemOverFourHundredKilobytesBeforeLookingForItsTable() {
        // 400 KB, AWS's item size limit, and one byte more: "pk"(2) + "a"(1) + "d"(1) + the string.
        String filler = "x".repeat(400 * 1024 - 3);

        assertValidationError(
                () -> dynamo.batchWriteItem(r -> r.requestItems(
                        Map.of("no-such-table-for-a-large-item", List.of(put(item("pk", s("a"), "d", s(filler))))))),
                "Item size has exceeded the maximum allowed size");
    }

    @Test
    void answersResourceNotFoundForWriteToMissingTable() {
        assertError(
                ResourceNotFoundException.class,
                () -> dynamo.batchWriteItem(r ->
                        r.requestItems(Map.of("no-such-table-here", List.of(put(item("pk", s("a"))))))));
    }

    @Test
    void getsFoundItemsAndLeavesOutMissingOnes() {
        String first = tables.hashOnly();
        String second = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(first).item(item("pk", s("a"), "v", n(1), "w", n(2))));
        dynamo.putItem(r -> r.tableName(second).item(item("pk", s("b"), "v", n(3))));

        BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(Map.of(
                first,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("a")), item("pk", s("absent")))
                                .projectionExpression("v")
                                .build(),
                second,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("b")))
                                .consistentRead(true)
                                .build())));

        assertThat(response.responses().get(first)).containsExactly(item("v", n(1)));
        assertThat(response.responses().get(second)).containsExactly(item("pk", s("b"), "v", n(3)));
        assertThat(response.unprocessedKeys()).isEmpty();
    }

    @Test
    void acceptsOneHundredKeysAndRejectsOneHundredAndOne() {
        String table = tables.hashOnly();
        List<Map<String, AttributeValue>> keys = new ArrayList<>(
                IntStream.range(0, 100).mapToObj(i -> item("pk", s("k" + i))).toList());

        assertThat(dynamo.batchGetItem(r -> r.requestItems(Map.of(
                                table, KeysAndAttributes.builder().keys(keys).build())))
                        .responses()
                        .get(table))
                .isEmpty();
        keys.add(item("pk", s("one-too-many")));
        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(
                        Map.of(table, KeysAndAttributes.builder().keys(keys).build()))),
                "Member must have length less than or equal to 100");
    }

    @Test
    void rejectsMoreThanOneHundredKeysAcrossTables() {
        String first = tables.hashOnly();
        String second = tables.hashOnly();
        List<Map<String, AttributeValue>> sixty =
                IntStream.range(0, 60).mapToObj(i -> item("pk", s("k" + i))).toList();
        List<Map<String, AttributeValue>> fortyOne =
                IntStream.range(0, 41).mapToObj(i -> item("pk", s("k" + i))).toList();

        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        first, KeysAndAttributes.builder().keys(sixty).build(),
                        second, KeysAndAttributes.builder().keys(fortyOne).build()))),
                "Too many items requested for the BatchGetItem call");
    }

    @Test
    void findsTheSameKeyTwiceInAGetBeforeLookingUpTheTable() {
        Map<String, AttributeValue> key = item("pk", s("a"), "sk", n(1));
        Map<String, AttributeValue> reordered = new LinkedHashMap<>();
        reordered.put("sk", n(1));
        reordered.put("pk", s("a"));

        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        "no-such-table-batch-duplicates",
                        KeysAndAttributes.builder().keys(key, reordered).build()))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void rejectsTheSameKeyTwiceInAGet() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("a")), item("pk", s("a")))
                                .build()))),
                "Provided list of item keys contains duplicates");
    }

    @Test
    void answersResourceNotFoundForGetFromMissingTable() {
        assertError(
                ResourceNotFoundException.class,
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        "no-such-table-here",
                        KeysAndAttributes.builder().keys(item("pk", s("a"))).build()))));
    }

    @Test
    void validatesAGetBeforeLookingForItsTable() {
        List<Map<String, AttributeValue>> keys =
                IntStream.range(0, 101).mapToObj(i -> item("pk", s("k" + i))).toList();

        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        "no-such-table-here",
                        KeysAndAttributes.builder().keys(keys).build()))),
                "Member must have length less than or equal to 100");
    }

    @Test
    void validatesAWriteBeforeLookingForItsTable() {
        String table = tables.hashOnly();
        assertValidationError(
                () -> dynamo.batchWriteItem(r -> r.requestItems(Map.of(
                        "no-such-table-here",
                        List.of(put(item("pk", s("a")))),
                        table,
                        List.of(WriteRequest.builder().build())))),
                "Supplied AttributeValue has more than one datatypes set");
    }

    @Test
    void reportsConsumedCapacityPerTable() {
        String first = tables.hashOnly();
        String second = tables.hashOnly();

        BatchWriteItemResponse written =
                dynamo.batchWriteItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                        .requestItems(Map.of(
                                first,
                                List.of(put(item("pk", s("a"))), put(item("pk", s("b")))),
                                second,
                                List.of(put(item("pk", s("c")))))));
        BatchGetItemResponse read = dynamo.batchGetItem(r -> r.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(
                        first,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("a")), item("pk", s("b")))
                                .build())));

        assertThat(written.consumedCapacity())
                .extracting(c -> c.tableName() + "=" + c.capacityUnits())
                .containsExactlyInAnyOrder(first + "=2.0", second + "=1.0");
        // Each item read is rounded up to 4 KB on its own: two small items cost 0.5 each, eventually consistent.
        assertThat(read.consumedCapacity())
                .extracting(c -> c.tableName() + "=" + c.capacityUnits())
                .containsExactly(first + "=1.0");
    }
}
