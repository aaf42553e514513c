package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.groundwork.dynamodb.conformance.ScratchTables.Spec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * ConsumedCapacity by AWS's rules: a write costs 1 WCU per KB of the larger of the old and new item; a read costs
 * 1 RCU per 4 KB strongly consistent, half that eventually consistent; Query and Scan round the total read, not each
 * item. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class CapacityConformanceTest {

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    CapacityConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    /** An item of exactly {@code bytes} bytes: "pk"(2) + the key value + "d"(1) + the filler. */
    private static Map<String, AttributeValue> itemOfSize(String key, int bytes) {
        return item("pk", s(key), "d", s("x".repeat(bytes - 3 - key.length())));
    }

    private double putCost(String table, Map<String, AttributeValue> item) {
        return dynamo.putItem(r -> r.tableName(table).item(item).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits();
    }

    @Test
    void writeOfOneKilobyteCostsOneUnit() {
        String table = tables.hashOnly();

        assertThat(putCost(table, itemOfSize("a", 1024))).isEqualTo(1.0);
    }

    @Test
    void writeOfOneByteOverAKilobyteCostsTwoUnits() {
        String table = tables.hashOnly();

        assertThat(putCost(table, itemOfSize("a", 1025))).isEqualTo(2.0);
    }

    @Test
    void sizesStringsInUtf8Bytes() {
        assumeFalse(target.deviatesBy(KnownDeviation.STRING_SIZE_IN_UTF16_UNITS), "UTF-8 string sizes");
        String table = tables.hashOnly();
        // "pk"(2) + "a"(1) + "d"(1) + 1,014 ASCII bytes + "日本" (6 bytes in UTF-8) = 1,024 bytes: one unit.
        // 1,013 ASCII bytes + "日本" + "é" (2 bytes in UTF-8) = 1,025 bytes: two units.
        String fits = "x".repeat(1014) + "日本";
        String over = "x".repeat(1013) + "日本" + "é";

        assertThat(putCost(table, item("pk", s("a"), "d", s(fits)))).isEqualTo(1.0);
        assertThat(putCost(table, item("pk", s("a"), "d", s(over)))).isEqualTo(2.0);
    }

    @Test
    void overwriteCostsTheLargerOfOldAndNewItem() {
        String table = tables.hashOnly();
        putCost(table, itemOfSize("a", 3000));

        assertThat(putCost(table, itemOfSize("a", 10))).isEqualTo(3.0);
    }

    @Test
    void deleteCostsTheSizeOfTheDeletedItem() {
        String table = tables.hashOnly();
        putCost(table, itemOfSize("a", 2500));

        ConsumedCapacity cost = dynamo.deleteItem(r ->
                        r.tableName(table).key(item("pk", s("a"))).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();

        assertThat(cost.capacityUnits()).isEqualTo(3.0);
        assertThat(cost.tableName()).isEqualTo(table);
    }

    @Test
    void updateCostsTheLargerOfBeforeAndAfter() {
        String table = tables.hashOnly();
        putCost(table, itemOfSize("a", 1000));

        ConsumedCapacity cost = dynamo.updateItem(r -> r.tableName(table)
                        .key(item("pk", s("a")))
                        .updateExpression("SET e = :e")
                        .expressionAttributeValues(Map.of(":e", s("y".repeat(1100))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();

        assertThat(cost.capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void eventuallyConsistentReadCostsHalfAUnitPerFourKilobytes() {
        String table = tables.hashOnly();
        putCost(table, itemOfSize("small", 100));
        putCost(table, itemOfSize("large", 4097));

        assertThat(readCost(table, "small", false)).isEqualTo(0.5);
        assertThat(readCost(table, "large", false)).isEqualTo(1.0);
    }

    @Test
    void stronglyConsistentReadCostsAUnitPerFourKilobytes() {
        String table = tables.hashOnly();
        putCost(table, itemOfSize("small", 100));
        putCost(table, itemOfSize("large", 4097));

        assertThat(readCost(table, "small", true)).isEqualTo(1.0);
        assertThat(readCost(table, "large", true)).isEqualTo(2.0);
    }

    @Test
    void readOfAMissingItemCostsTheMinimum() {
        String table = tables.hashOnly();

        assertThat(readCost(table, "absent", false)).isEqualTo(0.5);
        assertThat(readCost(table, "absent", true)).isEqualTo(1.0);
    }

    @Test
    void queryRoundsTheTotalSizeReadNotEachItem() {
        String table = tables.hashAndRange(ScalarAttributeType.N);
        for (int i = 0; i < 10; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", n(sk), "d", s("x".repeat(1000)))));
        }

        ConsumedCapacity eventual = dynamo.query(r -> r.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();
        ConsumedCapacity strong = dynamo.query(r -> r.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .consistentRead(true)
                        .expressionAttributeValues(Map.of(":p", s("p")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();

        // Ten items of 1,010 bytes: 10,100 bytes, three blocks of 4 KB (not ten).
        assertThat(eventual.capacityUnits()).isEqualTo(1.5);
        assertThat(strong.capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void queryChargesForItemsTheFilterDropped() {
        String table = tables.hashAndRange(ScalarAttributeType.N);
        for (int i = 0; i < 10; i++) {
            int sk = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("p"), "sk", n(sk), "d", s("x".repeat(1000)))));
        }

        ConsumedCapacity cost = dynamo.query(r -> r.tableName(table)
                        .keyConditionExpression("pk = :p")
                        .filterExpression("d = :none")
                        .expressionAttributeValues(Map.of(":p", s("p"), ":none", s("none")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();

        assertThat(cost.capacityUnits()).isEqualTo(1.5);
    }

    @Test
    void indexesModeShowsTheTableAndEachIndexWritten() {
        assumeFalse(target.deviatesBy(KnownDeviation.INDEX_WRITES_NOT_CHARGED), "index write capacity");
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));

        ConsumedCapacity withIndex = dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("a"), "colour", s("red")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();
        ConsumedCapacity withoutIndex = dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("b")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();

        assertThat(withIndex.capacityUnits()).isEqualTo(2.0);
        assertThat(withIndex.table().capacityUnits()).isEqualTo(1.0);
        assertThat(withIndex.globalSecondaryIndexes()).containsOnlyKeys("by-colour");
        assertThat(withIndex.globalSecondaryIndexes().get("by-colour").capacityUnits())
                .isEqualTo(1.0);
        assertThat(withoutIndex.capacityUnits()).isEqualTo(1.0);
        assertThat(withoutIndex.hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void indexesModeListsTheIndexAQueryRead() {
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "colour", s("red"))));

        ConsumedCapacity cost = dynamo.query(r -> r.tableName(table)
                        .indexName("by-colour")
                        .keyConditionExpression("colour = :c")
                        .expressionAttributeValues(Map.of(":c", s("red")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();

        assertThat(cost.capacityUnits()).isEqualTo(0.5);
        assertThat(cost.globalSecondaryIndexes()).containsOnlyKeys("by-colour");
        assertThat(cost.globalSecondaryIndexes().get("by-colour").capacityUnits())
                .isEqualTo(0.5);
    }

    @Test
    void indexesModeListsTheIndexEvenWhenTheQueryFindsNothing() {
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));

        ConsumedCapacity cost = dynamo.query(r -> r.tableName(table)
                        .indexName("by-colour")
                        .keyConditionExpression("colour = :c")
                        .expressionAttributeValues(Map.of(":c", s("none")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity();

        assertThat(cost.globalSecondaryIndexes()).containsOnlyKeys("by-colour");
    }

    @Test
    void totalModeGivesOnlyTheSum() {
        assumeFalse(target.deviatesBy(KnownDeviation.INDEX_WRITES_NOT_CHARGED), "index write capacity");
        String table = tables.create(
                spec -> spec.globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));

        ConsumedCapacity cost = dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("a"), "colour", s("red")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity();

        assertThat(cost.capacityUnits()).isEqualTo(2.0);
        assertThat(cost.table()).isNull();
        assertThat(cost.hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void noCapacityUnlessAsked() {
        String table = tables.hashOnly();

        assertThat(dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))))
                        .consumedCapacity())
                .isNull();
        assertThat(dynamo.getItem(r -> r.tableName(table)
                                .key(item("pk", s("a")))
                                .returnConsumedCapacity(ReturnConsumedCapacity.NONE))
                        .consumedCapacity())
                .isNull();
    }

    private double readCost(String table, String key, boolean consistent) {
        return dynamo.getItem(r -> r.tableName(table)
                        .key(item("pk", s(key)))
                        .consistentRead(consistent)
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits();
    }
}
