package dev.groundwork.dynamodb.differential;

import static dev.groundwork.dynamodb.differential.Outcome.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.conformance.TargetClients;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Seeded random sequences of the operations dynalite serves, sent to the embedded server and to dynalite in the
 * same order; every answer must match: HTTP status, error type, items, LastEvaluatedKey and ConsumedCapacity.
 * dynalite was tested against live DynamoDB, so a difference is a question to settle by AWS's documentation;
 * docs/embedded-dynamodb.md lists each one found and how it was settled.
 *
 * <p>{@code -Dgroundwork.differential.seeds=N} and {@code -Dgroundwork.differential.operations=N} make a longer
 * run; a failure names its seed and operation so it can be replayed.
 */
class DifferentialTest {

    private static final int SEEDS = Integer.getInteger("groundwork.differential.seeds", 4);
    private static final int OPERATIONS = Integer.getInteger("groundwork.differential.operations", 300);

    private static EmbeddedDynamoDb embeddedServer;
    private static Dynalite dynaliteServer;
    private static DynamoDbClient embedded;
    private static DynamoDbClient dynalite;

    @BeforeAll
    static void startBoth() {
        if (Dynalite.unavailableReason().isPresent()) {
            // Each seed then skips with this reason; surefire would not show a reason given here.
            System.err.println("[differential] " + Dynalite.unavailableReason().get());
            return;
        }
        embeddedServer = EmbeddedDynamoDb.start();
        dynaliteServer = Dynalite.start();
        embedded = TargetClients.forEndpoint(embeddedServer.endpoint()).dynamo();
        dynalite = TargetClients.forEndpoint(dynaliteServer.endpoint()).dynamo();
    }

    @AfterAll
    static void stopBoth() {
        if (embeddedServer != null) {
            embeddedServer.close();
        }
        if (dynaliteServer != null) {
            dynaliteServer.close();
        }
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, SEEDS).map(i -> 0x5EED0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void embeddedServerAnswersLikeDynalite(long seed) {
        assumeTrue(dynalite != null, () -> Dynalite.unavailableReason().orElse("dynalite did not start"));
        String table = "differential-" + Long.toHexString(seed);
        String indexed = table + "-indexed";
        for (DynamoDbClient client : List.of(embedded, dynalite)) {
            client.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                    .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE)));
            client.createTable(r -> r.tableName(indexed)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("sk").attributeType(ScalarAttributeType.N),
                            a -> a.attributeName("title").attributeType(ScalarAttributeType.S),
                            a -> a.attributeName("qty").attributeType(ScalarAttributeType.N))
                    .keySchema(
                            k -> k.attributeName("pk").keyType(KeyType.HASH),
                            k -> k.attributeName("sk").keyType(KeyType.RANGE))
                    .globalSecondaryIndexes(g -> g.indexName(OperationGenerator.INDEX)
                            .keySchema(
                                    k -> k.attributeName("title").keyType(KeyType.HASH),
                                    k -> k.attributeName("qty").keyType(KeyType.RANGE))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
        }
        OperationGenerator operations = new OperationGenerator(seed, table, indexed);
        int succeeded = 0;

        for (int i = 0; i < OPERATIONS; i++) {
            SdkRequest request = operations.next();
            Outcome ours = execute(embedded, request);
            Outcome theirs = execute(dynalite, request);
            if (!ours.equals(theirs)) {
                fail(
                        "seed %d, operation %d differs:%n  request:  %s%n  embedded: %s%n  dynalite: %s",
                        seed, i, request, ours, theirs);
            }
            succeeded += ours.status() == 200 ? 1 : 0;
        }

        // A sequence that only ever failed would compare nothing worth comparing.
        assertThat(succeeded).isGreaterThan(OPERATIONS / 2);
        for (String name : List.of(table, indexed)) {
            assertThat(execute(embedded, ScanRequest.builder().tableName(name).build()))
                    .isEqualTo(execute(
                            dynalite, ScanRequest.builder().tableName(name).build()));
        }
    }

    private static Outcome execute(DynamoDbClient client, SdkRequest request) {
        return switch (request) {
            case PutItemRequest put ->
                Outcome.of(() -> {
                    var response = client.putItem(put);
                    return fields(
                            "Attributes",
                            response.hasAttributes() ? response.attributes() : null,
                            "ConsumedCapacity",
                            capacity(response.consumedCapacity()));
                });
            case UpdateItemRequest update ->
                Outcome.of(() -> {
                    var response = client.updateItem(update);
                    // UPDATED_NEW after a REMOVE of every updated path: dynalite sends "Attributes": {}, the embedded
                    // server leaves the member out. An SDK caller reads an empty map either way (see the docs page).
                    return fields(
                            "Attributes",
                            response.hasAttributes() && !response.attributes().isEmpty() ? response.attributes() : null,
                            "ConsumedCapacity",
                            capacity(response.consumedCapacity()));
                });
            case DeleteItemRequest delete ->
                Outcome.of(() -> {
                    var response = client.deleteItem(delete);
                    return fields(
                            "Attributes",
                            response.hasAttributes() ? response.attributes() : null,
                            "ConsumedCapacity",
                            capacity(response.consumedCapacity()));
                });
            case GetItemRequest get ->
                Outcome.of(() -> {
                    var response = client.getItem(get);
                    return fields(
                            "Item",
                            response.hasItem() ? response.item() : null,
                            "ConsumedCapacity",
                            capacity(response.consumedCapacity()));
                });
            case QueryRequest query -> Outcome.of(() -> queryPages(client, query));
            case ScanRequest scan -> Outcome.of(() -> scanAll(client, scan));
            case BatchWriteItemRequest batch ->
                Outcome.of(() -> {
                    var response = client.batchWriteItem(batch);
                    return fields(
                            "UnprocessedItems",
                            response.unprocessedItems(),
                            "ConsumedCapacity",
                            response.consumedCapacity().stream()
                                    .map(DifferentialTest::capacity)
                                    .sorted()
                                    .toList());
                });
            case BatchGetItemRequest batch ->
                Outcome.of(() -> {
                    var response = client.batchGetItem(batch);
                    // BatchGetItem promises no order within a table's responses.
                    Map<String, List<String>> responses = new java.util.TreeMap<>();
                    response.responses()
                            .forEach((table, items) -> responses.put(
                                    table,
                                    items.stream()
                                            .map(Outcome::canonical)
                                            .sorted()
                                            .toList()));
                    return fields(
                            "Responses",
                            responses,
                            "UnprocessedKeys",
                            response.unprocessedKeys(),
                            "ConsumedCapacity",
                            response.consumedCapacity().stream()
                                    .map(DifferentialTest::capacity)
                                    .sorted()
                                    .toList());
                });
            default -> throw new IllegalArgumentException("no comparison for " + request.getClass());
        };
    }

    /**
     * Every page of a query, each page compared whole: items, counts, LastEvaluatedKey and capacity. One exception:
     * DynamoDB documents no order among index entries whose index keys are equal, so when an index query meets
     * such a tie, its items are compared as a set, with the counts, instead of page by page.
     */
    private static Map<String, Object> queryPages(DynamoDbClient client, QueryRequest query) {
        List<Object> pages = new ArrayList<>();
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        int count = 0;
        int scanned = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse page =
                    client.query(query.toBuilder().exclusiveStartKey(start).build());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            pages.add(fields(
                    "Items",
                    page.items(),
                    "Count",
                    page.count(),
                    "ScannedCount",
                    page.scannedCount(),
                    "LastEvaluatedKey",
                    start,
                    "ConsumedCapacity",
                    capacity(page.consumedCapacity())));
            items.addAll(page.items());
            count += page.count();
            scanned += page.scannedCount();
        } while (start != null && pages.size() < 100);
        if (query.indexName() != null && hasIndexKeyTie(items)) {
            return fields(
                    "Items (index-key tie: compared as a set)",
                    items.stream().map(Outcome::canonical).sorted().toList(),
                    "Count",
                    count,
                    "ScannedCount",
                    scanned);
        }
        return fields("Pages", pages);
    }

    private static boolean hasIndexKeyTie(List<Map<String, AttributeValue>> items) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Map<String, AttributeValue> item : items) {
            if (!seen.add(Outcome.canonical(item.get("title")) + "|" + Outcome.canonical(item.get("qty")))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A whole scan. DynamoDB documents no order for Scan (it follows the partitions' hashes), so the items are
     * compared as a set, and page boundaries and per-page capacity only when no Limit splits the scan.
     */
    private static Map<String, Object> scanAll(DynamoDbClient client, ScanRequest scan) {
        List<String> items = new ArrayList<>();
        List<String> capacities = new ArrayList<>();
        int count = 0;
        int scanned = 0;
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            ScanResponse page =
                    client.scan(scan.toBuilder().exclusiveStartKey(start).build());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            page.items().forEach(item -> items.add(Outcome.canonical(item)));
            count += page.count();
            scanned += page.scannedCount();
            capacities.add(capacity(page.consumedCapacity()));
            pages++;
        } while (start != null && pages < 1000);
        items.sort(Comparator.naturalOrder());
        return fields(
                "Items",
                items,
                "Count",
                count,
                "ScannedCount",
                scanned,
                "ConsumedCapacity",
                scan.limit() == null ? capacities : "(split by Limit: not compared)");
    }

    private static String capacity(ConsumedCapacity capacity) {
        if (capacity == null) {
            return "none";
        }
        return capacity.tableName() + " total=" + capacity.capacityUnits()
                + " table=" + (capacity.table() == null ? "-" : capacity.table().capacityUnits())
                + " indexes="
                + (capacity.hasGlobalSecondaryIndexes()
                        ? capacity.globalSecondaryIndexes().keySet()
                        : "-");
    }
}
