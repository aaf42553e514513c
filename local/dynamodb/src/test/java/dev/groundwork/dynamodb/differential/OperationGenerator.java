package dev.groundwork.dynamodb.differential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Random requests from a seed, over a small key space (4 partitions of 12 sort keys) so writes collide, conditions
 * go both ways and queries see changing data. Only what dynalite 4.0.0 serves, and none of its known deviations:
 * no secondary indexes (it does not charge index writes), no map equality in conditions (it compares key order), no
 * arithmetic that could pass 38 significant digits (it stores the result), no ConditionalOperator OR (it stops at the
 * first false condition). About a third of the requests use DynamoDB's legacy parameters (Expected, AttributeUpdates,
 * KeyConditions, QueryFilter, ScanFilter, AttributesToGet) instead of expressions.
 */
final class OperationGenerator {

    // No 38-digit values: dynalite stores sums beyond 38 significant digits, which DynamoDB rejects
    // (KnownDeviation.ARITHMETIC_BEYOND_38_DIGITS_STORED); the conformance suite covers 38 digits instead.
    private static final List<String> NUMBERS = List.of(
            "0", "1", "-1", "2.5", "10", "0.001", "-7.25", "100", "12345678901234567890", "-98765432109876.54321");
    // ASCII only: dynalite sizes strings in UTF-16 units, DynamoDB in UTF-8 bytes, so a non-ASCII string near a
    // 1 KB boundary changes the capacity (KnownDeviation.STRING_SIZE_IN_UTF16_UNITS); the conformance suite checks it.
    private static final List<String> STRINGS = List.of("", "a", "b", "zeta", "Zeta", "a b", "alpha beta", "A");
    private static final List<String> TAGS = List.of("red", "green", "blue", "x", "y");

    private final Random random;
    private final String plainTable;
    private final String indexedTable;
    private String table;

    /**
     * @param plainTable   keyed by pk (S) and sk (N), no index: write capacity is compared there
     * @param indexedTable the same keys and a global index {@value #INDEX} on title (S) and qty (N): writes there
     *                     ask for no capacity, as dynalite does not charge index writes
     *                     ({@code KnownDeviation.INDEX_WRITES_NOT_CHARGED})
     */
    OperationGenerator(long seed, String plainTable, String indexedTable) {
        this.random = new Random(seed);
        this.plainTable = plainTable;
        this.indexedTable = indexedTable;
    }

    static final String INDEX = "by-title";

    SdkRequest next() {
        table = random.nextInt(3) == 0 ? indexedTable : plainTable;
        int pick = random.nextInt(100);
        if (pick < 25) {
            return put();
        } else if (pick < 50) {
            return update();
        } else if (pick < 60) {
            return delete();
        } else if (pick < 70) {
            return get();
        } else if (pick < 83) {
            return query();
        } else if (pick < 88) {
            return scan();
        } else if (pick < 95) {
            return batchWrite();
        }
        return batchGet();
    }

    private Map<String, AttributeValue> key() {
        return key(random.nextInt(4), random.nextInt(12));
    }

    private static Map<String, AttributeValue> key(int partition, int sort) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put("pk", AttributeValue.fromS("p" + partition));
        key.put("sk", AttributeValue.fromN(Integer.toString(sort)));
        return key;
    }

    private AttributeValue number() {
        return AttributeValue.fromN(NUMBERS.get(random.nextInt(NUMBERS.size())));
    }

    private AttributeValue string() {
        return AttributeValue.fromS(STRINGS.get(random.nextInt(STRINGS.size())));
    }

    /**
     * A title, which is the index's hash key on the indexed table: never empty there, as DynamoDB rejects an empty
     * string as an index key and dynalite accepts it (KnownDeviation.EMPTY_STRING_INDEX_KEY_ACCEPTED).
     */
    private AttributeValue title() {
        AttributeValue title = string();
        return table.equals(indexedTable) && title.s().isEmpty() ? AttributeValue.fromS("untitled") : title;
    }

    private AttributeValue tags() {
        Set<String> tags = new LinkedHashSet<>();
        int size = 1 + random.nextInt(3);
        while (tags.size() < size) {
            tags.add(TAGS.get(random.nextInt(TAGS.size())));
        }
        return AttributeValue.fromSs(new ArrayList<>(tags));
    }

    private Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new HashMap<>(key());
        if (random.nextBoolean()) {
            item.put("qty", number());
        }
        if (random.nextBoolean()) {
            item.put("title", title());
        }
        if (random.nextInt(3) == 0) {
            item.put("tags", tags());
        }
        if (random.nextInt(4) == 0) {
            item.put(
                    "info",
                    AttributeValue.fromM(
                            Map.of("a", number(), "b", AttributeValue.fromL(List.of(string(), number())))));
        }
        if (random.nextInt(6) == 0) {
            item.put("pad", AttributeValue.fromS("x".repeat(random.nextInt(6000))));
        }
        return item;
    }

    /** A condition with its placeholder values, or null for none. */
    private Condition condition() {
        return switch (random.nextInt(8)) {
            case 0 -> new Condition("attribute_not_exists(pk)", Map.of());
            case 1 -> new Condition("attribute_exists(title)", Map.of());
            case 2 -> new Condition("qty < :n", Map.of(":n", number()));
            case 3 ->
                new Condition(
                        "qty BETWEEN :lo AND :hi",
                        Map.of(":lo", AttributeValue.fromN("-1"), ":hi", AttributeValue.fromN("10")));
            case 4 ->
                new Condition(
                        "contains(tags, :t) OR begins_with(title, :p)",
                        Map.of(":t", AttributeValue.fromS("red"), ":p", AttributeValue.fromS("a")));
            case 5 ->
                new Condition(
                        "size(title) > :n AND NOT attribute_type(qty, :s)",
                        Map.of(":n", AttributeValue.fromN("0"), ":s", AttributeValue.fromS("S")));
            default -> null;
        };
    }

    private record Condition(String expression, Map<String, AttributeValue> values) {}

    private ReturnConsumedCapacity capacity() {
        return random.nextBoolean() ? ReturnConsumedCapacity.TOTAL : ReturnConsumedCapacity.INDEXES;
    }

    private ReturnConsumedCapacity writeCapacity() {
        return table.equals(indexedTable) ? ReturnConsumedCapacity.NONE : capacity();
    }

    private PutItemRequest put() {
        PutItemRequest.Builder builder = PutItemRequest.builder()
                .tableName(table)
                .item(item())
                .returnConsumedCapacity(writeCapacity())
                .returnValues(random.nextBoolean() ? ReturnValue.ALL_OLD : ReturnValue.NONE);
        if (legacy()) {
            Map<String, ExpectedAttributeValue> expected = expected();
            if (expected != null) builder.expected(expected).conditionalOperator(conditionalOperator(expected));
            return builder.build();
        }
        Condition condition = condition();
        if (condition != null) {
            builder.conditionExpression(condition.expression());
            if (!condition.values().isEmpty()) {
                builder.expressionAttributeValues(condition.values());
            }
        }
        return builder.build();
    }

    private boolean legacy() {
        return random.nextInt(3) == 0;
    }

    /** Legacy Expected conditions, 1 to 3 of them, or null for none; the same tests as {@link #condition()}. */
    private Map<String, ExpectedAttributeValue> expected() {
        if (random.nextInt(4) == 0) return null;
        Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
        int size = 1 + random.nextInt(3);
        while (expected.size() < size) {
            switch (random.nextInt(7)) {
                case 0 ->
                    expected.put(
                            "pk", ExpectedAttributeValue.builder().exists(false).build());
                case 1 -> expected.put("title", expect(ComparisonOperator.NOT_NULL));
                case 2 -> expected.put("qty", expect(ComparisonOperator.LT, number()));
                case 3 ->
                    expected.put(
                            "qty",
                            expect(ComparisonOperator.BETWEEN, AttributeValue.fromN("-1"), AttributeValue.fromN("10")));
                case 4 -> expected.put("tags", expect(ComparisonOperator.NOT_CONTAINS, AttributeValue.fromS("red")));
                case 5 ->
                    expected.put(
                            "title",
                            ExpectedAttributeValue.builder().value(string()).build());
                default -> expected.put("title", expect(ComparisonOperator.BEGINS_WITH, AttributeValue.fromS("a")));
            }
        }
        return expected;
    }

    private static ExpectedAttributeValue expect(ComparisonOperator operator, AttributeValue... values) {
        ExpectedAttributeValue.Builder builder =
                ExpectedAttributeValue.builder().comparisonOperator(operator);
        if (values.length > 0) builder.attributeValueList(values);
        return builder.build();
    }

    /** AND, said or left to the default, where there are two conditions or more to join; otherwise none. */
    private ConditionalOperator conditionalOperator(Map<String, ?> conditions) {
        return conditions.size() > 1 && random.nextBoolean() ? ConditionalOperator.AND : null;
    }

    private static software.amazon.awssdk.services.dynamodb.model.Condition condition(
            ComparisonOperator operator, AttributeValue... values) {
        return software.amazon.awssdk.services.dynamodb.model.Condition.builder()
                .comparisonOperator(operator)
                .attributeValueList(values)
                .build();
    }

    /** Legacy AttributeUpdates: the same changes as {@link #update()}'s expressions, where they have a legacy form. */
    private UpdateItemRequest legacyUpdate() {
        Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
        int size = 1 + random.nextInt(3);
        while (updates.size() < size) {
            switch (random.nextInt(7)) {
                case 0 -> updates.put("qty", change(AttributeAction.ADD, number()));
                case 1 -> updates.put("title", change(AttributeAction.PUT, title()));
                case 2 ->
                    updates.put(
                            "title",
                            AttributeValueUpdate.builder()
                                    .action(AttributeAction.DELETE)
                                    .build());
                case 3 -> updates.put("tags", change(AttributeAction.ADD, tags()));
                case 4 -> updates.put("tags", change(AttributeAction.DELETE, tags()));
                case 5 -> updates.put("info", change(AttributeAction.PUT, AttributeValue.fromM(Map.of("a", number()))));
                default -> updates.put("qty", change(AttributeAction.PUT, number()));
            }
        }
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder()
                .tableName(table)
                .key(key())
                .attributeUpdates(updates)
                .returnConsumedCapacity(writeCapacity())
                .returnValues(ReturnValue.values()[random.nextInt(5)]);
        Map<String, ExpectedAttributeValue> expected = expected();
        if (expected != null) builder.expected(expected).conditionalOperator(conditionalOperator(expected));
        return builder.build();
    }

    private static AttributeValueUpdate change(AttributeAction action, AttributeValue value) {
        return AttributeValueUpdate.builder().action(action).value(value).build();
    }

    private UpdateItemRequest update() {
        if (legacy()) return legacyUpdate();
        Map<String, AttributeValue> values = new HashMap<>();
        String expression = switch (random.nextInt(10)) {
            case 0 -> "SET qty = qty + :d";
            case 1 -> "ADD qty :d";
            case 2 -> "SET title = :t, qty = if_not_exists(qty, :d)";
            case 3 -> "REMOVE title, info";
            case 4 -> "ADD tags :tags";
            case 5 -> "DELETE tags :tags";
            case 6 -> "SET info.a = :d";
            case 7 -> "SET info = :info REMOVE tags";
            case 8 -> "SET qty = qty - :d, title = :t";
            default -> "SET info.b[0] = :t";
        };
        if (expression.contains(":d")) {
            values.put(":d", number());
        }
        if (expression.contains(":t")) {
            values.put(":t", title());
        }
        if (expression.contains(":tags")) {
            values.put(":tags", tags());
        }
        if (expression.contains(":info")) {
            values.put(":info", AttributeValue.fromM(Map.of("a", number())));
        }
        UpdateItemRequest.Builder builder = UpdateItemRequest.builder()
                .tableName(table)
                .key(key())
                .updateExpression(expression)
                .returnConsumedCapacity(writeCapacity())
                .returnValues(ReturnValue.values()[random.nextInt(5)]);
        Condition condition = condition();
        if (condition != null) {
            builder.conditionExpression(condition.expression());
            values.putAll(condition.values());
        }
        if (!values.isEmpty()) {
            builder.expressionAttributeValues(values);
        }
        return builder.build();
    }

    private DeleteItemRequest delete() {
        DeleteItemRequest.Builder builder = DeleteItemRequest.builder()
                .tableName(table)
                .key(key())
                .returnConsumedCapacity(writeCapacity())
                .returnValues(random.nextBoolean() ? ReturnValue.ALL_OLD : ReturnValue.NONE);
        if (legacy()) {
            Map<String, ExpectedAttributeValue> expected = expected();
            if (expected != null) builder.expected(expected).conditionalOperator(conditionalOperator(expected));
            return builder.build();
        }
        Condition condition = condition();
        if (condition != null) {
            builder.conditionExpression(condition.expression());
            if (!condition.values().isEmpty()) {
                builder.expressionAttributeValues(condition.values());
            }
        }
        return builder.build();
    }

    private GetItemRequest get() {
        GetItemRequest.Builder builder = GetItemRequest.builder()
                .tableName(table)
                .key(key())
                .consistentRead(random.nextBoolean())
                .returnConsumedCapacity(capacity());
        if (random.nextInt(3) == 0) {
            if (legacy()) builder.attributesToGet("qty", "info", "tags");
            else builder.projectionExpression("qty, info.a, tags");
        }
        return builder.build();
    }

    /** A query of one partition, sometimes limited and filtered; the runner follows its pages. */
    private QueryRequest query() {
        if (table.equals(indexedTable) && random.nextBoolean()) {
            return indexQuery();
        }
        if (legacy()) return legacyQuery();
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", AttributeValue.fromS("p" + random.nextInt(4)));
        String keyCondition = switch (random.nextInt(5)) {
            case 0 -> "pk = :p AND sk > :s";
            case 1 -> "pk = :p AND sk BETWEEN :s AND :e";
            case 2 -> "pk = :p AND sk <= :s";
            default -> "pk = :p";
        };
        if (keyCondition.contains(":s")) {
            values.put(":s", AttributeValue.fromN(Integer.toString(random.nextInt(6))));
        }
        if (keyCondition.contains(":e")) {
            values.put(":e", AttributeValue.fromN(Integer.toString(6 + random.nextInt(6))));
        }
        QueryRequest.Builder builder = QueryRequest.builder()
                .tableName(table)
                .keyConditionExpression(keyCondition)
                .scanIndexForward(random.nextBoolean())
                .consistentRead(random.nextBoolean())
                .returnConsumedCapacity(capacity());
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(6));
        }
        if (random.nextBoolean()) {
            builder.filterExpression("attribute_exists(qty) AND qty >= :min");
            values.put(":min", AttributeValue.fromN("0"));
        }
        return builder.expressionAttributeValues(values).build();
    }

    /** The same queries as {@link #query()}'s, in KeyConditions and QueryFilter. */
    private QueryRequest legacyQuery() {
        Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> keys = new LinkedHashMap<>();
        keys.put("pk", condition(ComparisonOperator.EQ, AttributeValue.fromS("p" + random.nextInt(4))));
        AttributeValue start = AttributeValue.fromN(Integer.toString(random.nextInt(6)));
        switch (random.nextInt(5)) {
            case 0 -> keys.put("sk", condition(ComparisonOperator.GT, start));
            case 1 ->
                keys.put(
                        "sk",
                        condition(
                                ComparisonOperator.BETWEEN,
                                start,
                                AttributeValue.fromN(Integer.toString(6 + random.nextInt(6)))));
            case 2 -> keys.put("sk", condition(ComparisonOperator.LE, start));
            default -> {}
        }
        QueryRequest.Builder builder = QueryRequest.builder()
                .tableName(table)
                .keyConditions(keys)
                .scanIndexForward(random.nextBoolean())
                .consistentRead(random.nextBoolean())
                .returnConsumedCapacity(capacity());
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(6));
        }
        if (random.nextBoolean()) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.Condition> filter = new LinkedHashMap<>();
            filter.put("qty", condition(ComparisonOperator.GE, AttributeValue.fromN("0")));
            if (random.nextBoolean())
                filter.put("tags", condition(ComparisonOperator.CONTAINS, AttributeValue.fromS("red")));
            builder.queryFilter(filter).conditionalOperator(conditionalOperator(filter));
        }
        if (random.nextInt(3) == 0) {
            builder.attributesToGet("sk", "qty", "title");
        }
        return builder.build();
    }

    /** A query of the global index by title, sometimes bounded on qty; items with equal index keys come in table-key order. */
    private QueryRequest indexQuery() {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":t", string());
        String keyCondition = "title = :t";
        if (random.nextBoolean()) {
            keyCondition += " AND qty >= :q";
            values.put(":q", AttributeValue.fromN("0"));
        }
        QueryRequest.Builder builder = QueryRequest.builder()
                .tableName(table)
                .indexName(INDEX)
                .keyConditionExpression(keyCondition)
                .expressionAttributeValues(values)
                .scanIndexForward(random.nextBoolean())
                .returnConsumedCapacity(capacity());
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(4));
        }
        return builder.build();
    }

    private ScanRequest scan() {
        ScanRequest.Builder builder = ScanRequest.builder().tableName(table).returnConsumedCapacity(capacity());
        if (random.nextBoolean()) {
            builder.limit(1 + random.nextInt(15));
        }
        if (random.nextBoolean()) {
            if (legacy()) {
                builder.scanFilter(Map.of("tags", condition(ComparisonOperator.CONTAINS, AttributeValue.fromS("red"))));
            } else {
                builder.filterExpression("contains(tags, :t)")
                        .expressionAttributeValues(Map.of(":t", AttributeValue.fromS("red")));
            }
        }
        return builder.build();
    }

    private BatchWriteItemRequest batchWrite() {
        Map<String, WriteRequest> writes = new LinkedHashMap<>();
        int size = 1 + random.nextInt(6);
        for (int i = 0; i < size; i++) {
            Map<String, AttributeValue> item = item();
            String identity = item.get("pk").s() + "/" + item.get("sk").n();
            writes.put(
                    identity,
                    random.nextInt(3) == 0
                            ? WriteRequest.builder()
                                    .deleteRequest(d -> d.key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))))
                                    .build()
                            : WriteRequest.builder()
                                    .putRequest(p -> p.item(item))
                                    .build());
        }
        return BatchWriteItemRequest.builder()
                .requestItems(Map.of(table, new ArrayList<>(writes.values())))
                .returnConsumedCapacity(writeCapacity())
                .build();
    }

    private BatchGetItemRequest batchGet() {
        Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
        int size = 1 + random.nextInt(6);
        for (int i = 0; i < size; i++) {
            Map<String, AttributeValue> key = key();
            keys.put(key.get("pk").s() + "/" + key.get("sk").n(), key);
        }
        return BatchGetItemRequest.builder()
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(new ArrayList<>(keys.values()))
                                .consistentRead(random.nextBoolean())
                                .attributesToGet(legacy() ? List.of("pk", "sk", "qty") : null)
                                .build()))
                .build();
    }
}
