package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

class IndexesTest {
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
        client.createTable(b -> b.tableName("orders")
                .attributeDefinitions(
                        attribute("customer", ScalarAttributeType.S),
                        attribute("order", ScalarAttributeType.N),
                        attribute("status", ScalarAttributeType.S),
                        attribute("total", ScalarAttributeType.N))
                .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("byStatus")
                        .keySchema(key("status", KeyType.HASH), key("order", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("byTotal")
                        .keySchema(key("customer", KeyType.HASH), key("total", KeyType.RANGE))
                        .projection(
                                p -> p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes("note"))
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        put("ann", 1, "open", 30, "first");
        put("ann", 2, "shipped", 10, "second");
        put("ann", 3, "open", 20, "third");
        client.putItem(b -> b.tableName("orders").item(Map.of("customer", s("bob"), "order", n(1), "total", n(5))));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static void put(String customer, long order, String status, long total, String note) {
        client.putItem(b -> b.tableName("orders")
                .item(Map.of(
                        "customer",
                        s(customer),
                        "order",
                        n(order),
                        "status",
                        s(status),
                        "total",
                        n(total),
                        "note",
                        s(note),
                        "secret",
                        s("not projected"))));
    }

    static QueryResponse byStatus(String status) {
        return client.query(b -> b.tableName("orders")
                .indexName("byStatus")
                .keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s(status))));
    }

    @Test
    void aGlobalIndexHoldsOnlyItemsWithItsKeysAndProjectsThem() {
        QueryResponse open = byStatus("open");

        assertThat(open.items()).extracting(item -> item.get("order").n()).containsExactly("1", "3");
        assertThat(open.items().getFirst()).containsOnlyKeys("customer", "order", "status");
        assertThat(client.scan(b -> b.tableName("orders").indexName("byStatus")).items())
                .as("bob has no status")
                .noneMatch(item -> item.get("customer").s().equals("bob"));
    }

    @Test
    void aLocalIndexOrdersByItsSortKeyAndProjectsIncludedAttributes() {
        QueryResponse byTotal = client.query(b -> b.tableName("orders")
                .indexName("byTotal")
                .keyConditionExpression("customer = :c AND #t > :min")
                .expressionAttributeNames(Map.of("#t", "total"))
                .expressionAttributeValues(Map.of(":c", s("ann"), ":min", n(15))));

        assertThat(byTotal.items()).extracting(item -> item.get("note").s()).containsExactly("third", "first");
        assertThat(byTotal.items().getFirst()).doesNotContainKey("secret");
    }

    @Test
    void aLocalIndexFetchesUnprojectedAttributesFromTheTableWhenAllAreAskedFor() {
        QueryResponse all = client.query(b -> b.tableName("orders")
                .indexName("byTotal")
                .select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s("ann"))));

        assertThat(all.items()).allSatisfy(item -> assertThat(item).containsEntry("secret", s("not projected")));
    }

    @Test
    void aGlobalIndexRefusesAllAttributesItDoesNotProject() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("orders")
                        .indexName("byStatus")
                        .select(Select.ALL_ATTRIBUTES)
                        .keyConditionExpression("#s = :s")
                        .expressionAttributeNames(Map.of("#s", "status"))
                        .expressionAttributeValues(Map.of(":s", s("open")))))
                .hasMessageContaining(
                        "Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus");
    }

    @Test
    void followsAnItemWhoseIndexKeyChangesAndChargesTheIndexWrites() {
        client.putItem(b -> b.tableName("orders")
                .item(Map.of("customer", s("cy"), "order", n(7), "status", s("new"), "total", n(1))));

        var moved = client.updateItem(b -> b.tableName("orders")
                .key(Map.of("customer", s("cy"), "order", n(7)))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", s("paid")))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));

        assertThat(byStatus("new").count()).isZero();
        assertThat(byStatus("paid").items())
                .extracting(item -> item.get("customer").s())
                .containsExactly("cy");
        var capacity = moved.consumedCapacity();
        assertThat(capacity.table().capacityUnits()).isEqualTo(1.0);
        assertThat(capacity.globalSecondaryIndexes().get("byStatus").capacityUnits())
                .as("delete and put in the index")
                .isEqualTo(2.0);
        assertThat(capacity.localSecondaryIndexes())
                .as("the LSI's projection did not change")
                .doesNotContainKey("byTotal");
        assertThat(capacity.capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void pagesAnIndexQueryWithItsOwnStartKey() {
        QueryResponse first = client.query(b -> b.tableName("orders")
                .indexName("byTotal")
                .limit(1)
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s("ann"))));
        assertThat(first.lastEvaluatedKey()).containsOnlyKeys("customer", "order", "total");

        QueryResponse second = client.query(b -> b.tableName("orders")
                .indexName("byTotal")
                .exclusiveStartKey(first.lastEvaluatedKey())
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", s("ann"))));
        assertThat(second.items()).extracting(item -> item.get("total").n()).containsExactly("20", "30");
    }

    @Test
    void addsAndDropsAGlobalIndexOnALiveTable() {
        client.updateTable(b -> b.tableName("orders")
                .attributeDefinitions(attribute("note", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(c -> c.indexName("byNote")
                                .keySchema(key("note", KeyType.HASH))
                                .projection(p -> p.projectionType(ProjectionType.ALL)))
                        .build()));
        var found = client.query(b -> b.tableName("orders")
                .indexName("byNote")
                .keyConditionExpression("note = :n")
                .expressionAttributeValues(Map.of(":n", s("second"))));
        assertThat(found.items()).extracting(item -> item.get("order").n()).containsExactly("2");

        client.updateTable(b -> b.tableName("orders")
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .delete(d -> d.indexName("byNote"))
                        .build()));
        assertThat(client.describeTable(b -> b.tableName("orders")).table().globalSecondaryIndexes())
                .extracting(index -> index.indexName())
                .isEqualTo(List.of("byStatus"));
    }
}
