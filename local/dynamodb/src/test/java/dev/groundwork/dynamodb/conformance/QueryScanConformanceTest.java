package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.b;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.groundwork.dynamodb.conformance.ScratchTables.Spec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/** Query and Scan: key conditions, order, paging, filters, Select, indexes, the 1 MB page and parallel segments. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class QueryScanConformanceTest {

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    QueryScanConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    /** A table with ten items under "p" (sk 1..10, qty = sk % 3) and one under "other". */
    private String numberedTable() {
        String table = tables.hashAndRange(ScalarAttributeType.N);
        for (int i = 1; i <= 10; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", n(sk), "qty", n(sk % 3))));
        }
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("other"), "sk", n(1))));
        return table;
    }

    private List<Long> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> Long.parseLong(i.get("sk").n())).toList();
    }

    private QueryResponse query(
            String table,
            String keyCondition,
            Map<String, AttributeValue> values,
            UnaryOperator<QueryRequest.Builder> more) {
        return dynamo.query(more.apply(QueryRequest.builder()
                        .tableName(table)
                        .keyConditionExpression(keyCondition)
                        .expressionAttributeValues(values))
                .build());
    }

    @Test
    void queriesOnePartitionInSortKeyOrder() {
        String table = numberedTable();

        QueryResponse response = query(table, "pk = :p", Map.of(":p", s("p")), b -> b);

        assertThat(sortKeys(response.items())).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(response.count()).isEqualTo(10);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void appliesEachRangeKeyComparator() {
        String table = numberedTable();
        Map<String, List<Long>> expected = Map.of(
                "sk = :a", List.of(4L),
                "sk < :a", List.of(1L, 2L, 3L),
                "sk <= :a", List.of(1L, 2L, 3L, 4L),
                "sk > :a", List.of(5L, 6L, 7L, 8L, 9L, 10L),
                "sk >= :a", List.of(4L, 5L, 6L, 7L, 8L, 9L, 10L));

        expected.forEach((condition, keys) -> assertThat(
                        sortKeys(query(table, "pk = :p AND " + condition, Map.of(":p", s("p"), ":a", n(4)), b -> b)
                                .items()))
                .as(condition)
                .isEqualTo(keys));
        assertThat(sortKeys(query(
                                table,
                                "pk = :p AND sk BETWEEN :a AND :b",
                                Map.of(":p", s("p"), ":a", n(3), ":b", n(5)),
                                b -> b)
                        .items()))
                .containsExactly(3L, 4L, 5L);
    }

    @Test
    void matchesStringRangeKeysByPrefix() {
        String table = tables.hashAndRange(ScalarAttributeType.S);
        for (String sk : List.of("ORDER#1", "ORDER#2", "ITEM#1", "ORDER", "ORDEQ")) {
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s(sk))));
        }

        QueryResponse response = query(
                table, "pk = :p AND begins_with(sk, :prefix)", Map.of(":p", s("p"), ":prefix", s("ORDER#")), b -> b);

        assertThat(response.items()).extracting(i -> i.get("sk").s()).containsExactly("ORDER#1", "ORDER#2");
    }

    @Test
    void readsBackwardsWhenAsked() {
        String table = numberedTable();

        QueryResponse response =
                query(table, "pk = :p AND sk > :a", Map.of(":p", s("p"), ":a", n(7)), b -> b.scanIndexForward(false));

        assertThat(sortKeys(response.items())).containsExactly(10L, 9L, 8L);
    }

    @Test
    void pagesWithLimitAndExclusiveStartKey() {
        String table = numberedTable();
        List<Long> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        int pages = 0;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = query(
                    table, "pk = :p", Map.of(":p", s("p")), b -> b.limit(4).exclusiveStartKey(from));
            seen.addAll(sortKeys(page.items()));
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
            if (start != null) {
                assertThat(start)
                        .isEqualTo(
                                item("pk", s("p"), "sk", page.items().getLast().get("sk")));
            }
            pages++;
        } while (start != null);

        assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        // 4 + 4 + 2: the last page is short, so no key is returned after it.
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void returnsLastEvaluatedKeyWhenLimitEndsExactlyAtTheLastItem() {
        String table = numberedTable();

        QueryResponse response = query(table, "pk = :p", Map.of(":p", s("p")), b -> b.limit(10));

        assertThat(response.count()).isEqualTo(10);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(10)));
    }

    @Test
    void filtersAfterTheLimitIsApplied() {
        String table = numberedTable();

        QueryResponse response = query(
                table,
                "pk = :p",
                Map.of(":p", s("p"), ":zero", n(0)),
                b -> b.filterExpression("qty = :zero").limit(6));

        assertThat(sortKeys(response.items())).containsExactly(3L, 6L);
        assertThat(response.count()).isEqualTo(2);
        assertThat(response.scannedCount()).isEqualTo(6);
        assertThat(response.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(6)));
    }

    @Test
    void rejectsFilterOnAKeyAttribute() {
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "pk = :p", Map.of(":p", s("p"), ":one", n(1)), b -> b.filterExpression("sk = :one")),
                "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void countsWithoutReturningItems() {
        String table = numberedTable();

        QueryResponse response = query(
                table,
                "pk = :p",
                Map.of(":p", s("p"), ":zero", n(0)),
                b -> b.select(Select.COUNT).filterExpression("qty = :zero"));

        assertThat(response.count()).isEqualTo(3);
        assertThat(response.scannedCount()).isEqualTo(10);
        assertThat(response.hasItems()).isFalse();
    }

    @Test
    void projectsTheNamedAttributes() {
        String table = numberedTable();

        QueryResponse response = query(
                table, "pk = :p AND sk = :one", Map.of(":p", s("p"), ":one", n(1)), b -> b.projectionExpression("qty"));

        assertThat(response.items()).containsExactly(item("qty", n(1)));
    }

    @Test
    void rejectsAllProjectedAttributesWithoutAnIndex() {
        assumeFalse(
                target.deviatesBy(KnownDeviation.ACCEPTS_ALL_PROJECTED_ATTRIBUTES_WITHOUT_INDEX), "Select on a table");
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "pk = :p", Map.of(":p", s("p")), b -> b.select(Select.ALL_PROJECTED_ATTRIBUTES)),
                "ALL_PROJECTED_ATTRIBUTES");
    }

    @Test
    void rejectsKeyConditionWithoutTheHashKey() {
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "sk = :one", Map.of(":one", n(1)), b -> b),
                "Query condition missed key schema element: pk");
    }

    @Test
    void rejectsKeyConditionOnANonKeyAttribute() {
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "pk = :p AND qty = :one", Map.of(":p", s("p"), ":one", n(1)), b -> b),
                "Query condition missed key schema element");
    }

    @Test
    void rejectsARangeOperatorOnTheHashKey() {
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "pk > :p", Map.of(":p", s("p")), b -> b), "Query key condition not supported");
    }

    @Test
    void refusesAThirdKeyConditionBeforeLookingForTheTable() {
        // No key has three attributes: the answer is the same whether or not the table exists.
        assertValidationError(
                () -> query(
                        "no-such-table-for-three-conditions",
                        "pk = :p AND sk > :one AND extra = :one",
                        Map.of(":p", s("p"), ":one", n(1)),
                        b -> b),
                "Conditions can be of length 1 or 2 only");
    }

    @Test
    void readsTheFilterAndProjectionBeforeTheKeyConditionsRules() {
        String table = numberedTable();
        Map<String, AttributeValue> type = Map.of(":t", s("N"));

        // attribute_type is no key condition, but an empty FilterExpression, then an empty ProjectionExpression, is
        // what DynamoDB answers first.
        assertValidationError(
                () -> query(
                        table,
                        "attribute_type(pk, :t)",
                        type,
                        b -> b.filterExpression("").projectionExpression("")),
                "Invalid FilterExpression: The expression can not be empty;");
        assertValidationError(
                () -> query(
                        table,
                        "attribute_type(pk, :t)",
                        type,
                        b -> b.filterExpression("pk > sk").projectionExpression("")),
                "Invalid ProjectionExpression: The expression can not be empty;");
        assertValidationError(
                () -> query(table, "attribute_type(pk, :t)", type, b -> b),
                "Invalid operator used in KeyConditionExpression: attribute_type");
    }

    @Test
    void answersTheFirstProblemOfAKeyConditionsOperandsFromTheLeft() {
        String missing = "no-such-table-for-key-operands";
        Map<String, AttributeValue> values = Map.of(":a", s("1"), ":b", s("1"));

        assertThat(assertValidationError(
                                () -> query(missing, ":a between size(b) and size(a) and b > :b", values, b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute"
                        + " as its first operand");
        assertThat(assertValidationError(() -> query(missing, "a between b and size(a)", null, b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo(
                        "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
        // The key rules are worded on their own, without "Invalid KeyConditionExpression: " before them.
        assertThat(assertValidationError(() -> query(missing, "a.d > c", null, b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("KeyConditionExpressions cannot have conditions on nested attributes");
        assertThat(assertValidationError(() -> query(missing, "size(b) > a AND a.b > b", null, b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("KeyConditionExpressions cannot contain nested operations");
        assertThat(assertValidationError(() -> query(missing, "a > :a AND a < :b", values, b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("KeyConditionExpressions must only contain one condition per key");
    }

    @Test
    void rejectsKeyConditionOperatorsThatDynamoDbDoesNotAllow() {
        String table = numberedTable();

        // Worded on its own, without "Invalid KeyConditionExpression: " before it (a live answer quoted in
        // awslabs/aws-athena-query-federation#746).
        assertThat(assertValidationError(
                                () -> query(table, "pk = :p OR sk = :one", Map.of(":p", s("p"), ":one", n(1)), b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid operator used in KeyConditionExpression: OR");
        assertThat(assertValidationError(() -> query(table, ":p = :one", Map.of(":p", s("p"), ":one", n(1)), b -> b))
                        .awsErrorDetails()
                        .errorMessage())
                .isEqualTo("Invalid condition in KeyConditionExpression: No key attribute specified");
    }

    @Test
    void queriesAGlobalIndexWithItsOwnKeysInTheStartKey() {
        String table = tables.create(spec -> spec.range("sk", ScalarAttributeType.N)
                .globalIndex(
                        "by-colour",
                        "colour",
                        ScalarAttributeType.S,
                        "weight",
                        ScalarAttributeType.N,
                        Spec.include("label")));
        for (int i = 1; i <= 5; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table)
                    .item(item(
                            "pk",
                            s("p" + sk),
                            "sk",
                            n(sk),
                            "colour",
                            s("red"),
                            "weight",
                            n(10 - sk),
                            "label",
                            s("l" + sk),
                            "hidden",
                            s("h"))));
        }
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("no-colour"), "sk", n(0))));

        QueryResponse first = query(
                table,
                "colour = :c",
                Map.of(":c", s("red")),
                b -> b.indexName("by-colour").limit(2));

        assertThat(first.items())
                .containsExactly(
                        item("pk", s("p5"), "sk", n(5), "colour", s("red"), "weight", n(5), "label", s("l5")),
                        item("pk", s("p4"), "sk", n(4), "colour", s("red"), "weight", n(6), "label", s("l4")));
        assertThat(first.lastEvaluatedKey())
                .isEqualTo(item("pk", s("p4"), "sk", n(4), "colour", s("red"), "weight", n(6)));
        QueryResponse rest = query(
                table,
                "colour = :c",
                Map.of(":c", s("red")),
                b -> b.indexName("by-colour").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(rest.items()).extracting(i -> i.get("pk").s()).containsExactly("p3", "p2", "p1");
    }

    @Test
    void rejectsConsistentReadOnAGlobalIndex() {
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));

        assertValidationError(
                () -> query(
                        table,
                        "colour = :c",
                        Map.of(":c", s("red")),
                        b -> b.indexName("by-colour").consistentRead(true)),
                "Consistent reads are not supported on global secondary indexes");
    }

    @Test
    void rejectsAllAttributesFromAGlobalIndexThatDoesNotProjectThem() {
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.keysOnly()));

        assertValidationError(
                () -> query(
                        table,
                        "colour = :c",
                        Map.of(":c", s("red")),
                        b -> b.indexName("by-colour").select(Select.ALL_ATTRIBUTES)),
                "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by-colour"
                        + " because its projection type is not ALL");
    }

    @Test
    void scanStopsAPageAtOneMegabyte() {
        String table = tables.hashOnly();
        String filler = "x".repeat(100_000);
        for (int i = 0; i < 15; i++) {
            int key = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("k" + key), "d", s(filler))));
        }

        ScanResponse first = dynamo.scan(r -> r.tableName(table));
        ScanResponse rest = dynamo.scan(r -> r.tableName(table).exclusiveStartKey(first.lastEvaluatedKey()));

        assertThat(first.count()).isEqualTo(11);
        assertThat(first.hasLastEvaluatedKey()).isTrue();
        assertThat(rest.count()).isEqualTo(4);
    }

    @Test
    void rejectsAnUnknownIndex() {
        String table = numberedTable();

        assertValidationError(
                () -> query(table, "pk = :p", Map.of(":p", s("p")), b -> b.indexName("no-such-index")),
                "The table does not have the specified index: no-such-index");
    }

    @Test
    void queriesALocalIndexInItsOwnOrder() {
        String table = tables.create(spec -> spec.range("sk", ScalarAttributeType.S)
                .localIndex("by-qty", "qty", ScalarAttributeType.N, Spec.keysOnly()));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s("a"), "qty", n(3), "extra", s("x"))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s("b"), "qty", n(1))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", s("c"))));

        QueryResponse response = query(
                table, "pk = :p AND qty > :zero", Map.of(":p", s("p"), ":zero", n(0)), b -> b.indexName("by-qty"));

        assertThat(response.items())
                .containsExactly(
                        item("pk", s("p"), "sk", s("b"), "qty", n(1)), item("pk", s("p"), "sk", s("a"), "qty", n(3)));
    }

    @Test
    void stopsAPageAtOneMegabyte() {
        String table = tables.hashAndRange(ScalarAttributeType.N);
        String filler = "x".repeat(100_000);
        for (int i = 0; i < 15; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", n(sk), "d", s(filler))));
        }

        QueryResponse first = query(table, "pk = :p", Map.of(":p", s("p")), b -> b);
        QueryResponse rest =
                query(table, "pk = :p", Map.of(":p", s("p")), b -> b.exclusiveStartKey(first.lastEvaluatedKey()));

        // 1 MB holds ten of these 100 KB items and a part of the eleventh, which AWS still returns.
        assertThat(first.count()).isEqualTo(11);
        assertThat(first.lastEvaluatedKey()).isEqualTo(item("pk", s("p"), "sk", n(10)));
        assertThat(rest.count()).isEqualTo(4);
        assertThat(rest.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void scansEverythingAcrossPages() {
        String table = numberedTable();
        List<Map<String, AttributeValue>> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(table).limit(3).exclusiveStartKey(from));
            seen.addAll(page.items());
            start = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : null;
        } while (start != null);

        assertThat(seen).hasSize(11).doesNotHaveDuplicates();
    }

    @Test
    void scanFiltersAndCounts() {
        String table = numberedTable();

        ScanResponse response = dynamo.scan(
                r -> r.tableName(table).filterExpression("qty = :one").expressionAttributeValues(Map.of(":one", n(1))));

        assertThat(sortKeys(response.items())).containsExactlyInAnyOrder(1L, 4L, 7L, 10L);
        assertThat(response.scannedCount()).isEqualTo(11);
    }

    @Test
    void parallelSegmentsSplitTheTableWithoutOverlap() {
        String table = tables.hashOnly();
        for (int i = 0; i < 50; i++) {
            int k = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("item-" + k))));
        }
        Set<String> seen = new HashSet<>();
        int total = 0;

        for (int segment = 0; segment < 4; segment++) {
            int current = segment;
            List<Map<String, AttributeValue>> items = dynamo.scan(
                            r -> r.tableName(table).segment(current).totalSegments(4))
                    .items();
            total += items.size();
            items.forEach(i -> seen.add(i.get("pk").s()));
        }

        assertThat(total).isEqualTo(50);
        assertThat(seen).hasSize(50);
    }

    @Test
    void placesEachPartitionInTheSegmentDynamoDbPlacesIt() {
        String strings = tables.hashOnly();
        String numbers = tableHashedBy(ScalarAttributeType.N);
        String binaries = tableHashedBy(ScalarAttributeType.B);
        for (String key : List.of("a", "b", "item-1", "item-2", "item-3", "日本"))
            dynamo.putItem(r -> r.tableName(strings).item(item("pk", s(key))));
        for (String key : List.of("0", "1", "-1", "123.45", "-0.001", "1e30", "-98765432109876543210"))
            dynamo.putItem(r -> r.tableName(numbers).item(item("pk", n(key))));
        dynamo.putItem(r -> r.tableName(binaries).item(item("pk", b((byte) 0, (byte) 1))));
        dynamo.putItem(r -> r.tableName(binaries).item(item("pk", b((byte) 0xff))));

        assertThat(segmentsOf(strings, 7))
                .containsExactly(
                        List.of("item-1"),
                        List.of(),
                        List.of("b"),
                        List.of(),
                        List.of("item-2", "日本", "item-3"),
                        List.of(),
                        List.of("a"));
        assertThat(segmentsOf(strings, 3))
                .containsExactly(List.of("item-1"), List.of("b", "item-2"), List.of("日本", "item-3", "a"));
        assertThat(segmentsOf(numbers, 7))
                .containsExactly(
                        List.of("-1"),
                        List.of("-98765432109876543210"),
                        List.of("123.45"),
                        List.of(),
                        List.of("1000000000000000000000000000000"),
                        List.of("1", "0"),
                        List.of("-0.001"));
        assertThat(segmentsOf(binaries, 2)).containsExactly(List.of("/w==", "AAE="), List.of());
    }

    /** The words of a refused Query or Scan, whole: some start-key refusals differ only in what follows a colon. */
    private static String refusal(ThrowingCallable call) {
        return assertValidationError(call).awsErrorDetails().errorMessage();
    }

    @Test
    void checksAQueryStartKeyAttributeByAttributeWithItsKeyConditions() {
        String table = numberedTable();

        // Too few attributes: refused before the key condition, which misses the partition key as well.
        assertThat(refusal(() ->
                        query(table, "sk = :s", Map.of(":s", n(1)), b -> b.exclusiveStartKey(item("pk", s("p"))))))
                .isEqualTo("The provided starting key is invalid");
        // The partition key is checked, then its condition, then the sort key.
        assertThat(refusal(() -> query(
                        table,
                        "sk = :s",
                        Map.of(":s", n(1)),
                        b -> b.exclusiveStartKey(item("pk", s("p"), "sk", s("not a number"))))))
                .isEqualTo("Query condition missed key schema element: pk");
        assertThat(refusal(() -> query(
                        table,
                        "pk = :p",
                        Map.of(":p", s("p")),
                        b -> b.exclusiveStartKey(item("pk", s("p"), "sk", s("not a number"))))))
                .isEqualTo("The provided key element does not match the schema");
        assertThat(refusal(() -> query(
                        table,
                        "pk = :p",
                        Map.of(":p", s("p")),
                        b -> b.exclusiveStartKey(item("pk", s("p"), "other", n(1))))))
                .isEqualTo("The provided starting key is invalid");
    }

    @Test
    void refusesAQueryStartKeyOutsideTheKeyConditions() {
        String table = numberedTable();

        assertThat(refusal(() -> query(
                        table,
                        "pk = :p",
                        Map.of(":p", s("p")),
                        b -> b.exclusiveStartKey(item("pk", s("other"), "sk", n(1))))))
                .isEqualTo("The provided starting key is outside query boundaries based on provided conditions");
        assertThat(refusal(() -> query(
                        table,
                        "pk = :p AND sk > :five",
                        Map.of(":p", s("p"), ":five", n(5)),
                        b -> b.exclusiveStartKey(item("pk", s("p"), "sk", n(2))))))
                .isEqualTo("The provided starting key does not match the range key predicate");
        assertThat(refusal(() -> query(
                        table,
                        "pk = :p AND sk > :five",
                        Map.of(":p", s("p"), ":five", n(5)),
                        b -> b.exclusiveStartKey(item("pk", s("other"), "sk", n(7))))))
                .isEqualTo("The query can return at most one row and cannot be restarted");
    }

    @Test
    void checksAScanStartKeyOnAnIndexBeforeSelectAndTheTableKey() {
        String table = tables.create(spec -> spec.range("sk", ScalarAttributeType.N)
                .globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.keysOnly()));

        assertThat(refusal(() -> dynamo.scan(r -> r.tableName(table).exclusiveStartKey(item("pk", s("p"))))))
                .isEqualTo("The provided starting key is invalid: The provided key element does not match the schema");
        assertThat(refusal(() -> dynamo.scan(r ->
                        r.tableName(table).indexName("by-colour").exclusiveStartKey(item("pk", s("p"), "sk", n(1))))))
                .isEqualTo("The provided starting key is invalid");
        assertThat(refusal(() -> dynamo.scan(r -> r.tableName(table)
                        .indexName("by-colour")
                        .select(Select.ALL_ATTRIBUTES)
                        .exclusiveStartKey(item("pk", s("p"), "sk", n(1), "colour", n(1))))))
                .isEqualTo("The provided key element does not match the schema");
        assertThat(refusal(() -> dynamo.scan(r -> r.tableName(table)
                        .indexName("by-colour")
                        .select(Select.ALL_ATTRIBUTES)
                        .exclusiveStartKey(item("pk", s("p"), "sk", s("x"), "colour", s("red"))))))
                .startsWith("One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported");
        assertThat(refusal(() -> dynamo.scan(r -> r.tableName(table)
                        .indexName("by-colour")
                        .exclusiveStartKey(item("pk", s("p"), "sk", s("x"), "colour", s("red"))))))
                .isEqualTo("The provided starting key is invalid: The provided key element does not match the schema");
    }

    @Test
    void refusesAnExclusiveStartKeyOfAnotherSegment() {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));

        assertValidationError(
                () -> dynamo.scan(
                        r -> r.tableName(table).segment(0).totalSegments(7).exclusiveStartKey(item("pk", s("a")))),
                "The provided starting key is invalid: Invalid ExclusiveStartKey. "
                        + "Please use ExclusiveStartKey with correct Segment. TotalSegments: 7 Segment: 0");
    }

    /** Each segment's partition keys in the order its Scan returns them. */
    private List<List<String>> segmentsOf(String table, int totalSegments) {
        List<List<String>> segments = new ArrayList<>();
        for (int segment = 0; segment < totalSegments; segment++) {
            int current = segment;
            segments.add(
                    dynamo.scan(r -> r.tableName(table).segment(current).totalSegments(totalSegments)).items().stream()
                            .map(item -> {
                                AttributeValue key = item.get("pk");
                                if (key.s() != null) return key.s();
                                if (key.n() != null) return new BigDecimal(key.n()).toPlainString();
                                return Base64.getEncoder()
                                        .encodeToString(key.b().asByteArray());
                            })
                            .toList());
        }
        return segments;
    }

    private String tableHashedBy(ScalarAttributeType type) {
        String table = ScratchTables.uniqueName("hashed");
        dynamo.createTable(r -> r.tableName(table)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(type))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
        tables.awaitActive(table);
        return table;
    }

    @Test
    void rejectsASegmentOutsideTotalSegments() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.scan(r -> r.tableName(table).segment(4).totalSegments(4)),
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4");
    }

    @Test
    void rejectsASegmentWithoutTotalSegments() {
        String table = tables.hashOnly();

        assertValidationError(
                () -> dynamo.scan(r -> r.tableName(table).segment(1)),
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present");
    }

    @Test
    void listsEveryViolationOfAQueryInDynamoDbsOrder() {
        assertValidationError(
                () -> dynamo.query(r -> r.tableName("no-such-table-here")
                        .select("EVERYTHING")
                        .indexName("x")
                        .limit(0)
                        .keyConditionExpression("pk = :v")),
                "3 validation errors detected: "
                        + "Value 'EVERYTHING' at 'select' failed to satisfy constraint: Member must satisfy enum value "
                        + "set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]; "
                        + "Value 'x' at 'indexName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3; "
                        + "Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }

    @Test
    void validatesAScanBeforeLookingForItsTable() {
        assertValidationError(
                () -> dynamo.scan(
                        r -> r.tableName("no-such-table-here").limit(0).segment(-1)),
                "2 validation errors detected: "
                        + "Value '-1' at 'segment' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 0; "
                        + "Value '0' at 'limit' failed to satisfy constraint: "
                        + "Member must have value greater than or equal to 1");
    }
}
