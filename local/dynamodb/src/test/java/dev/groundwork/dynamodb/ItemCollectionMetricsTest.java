package dev.groundwork.dynamodb;

import static dev.groundwork.dynamodb.IndexesTest.key;
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
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** ReturnItemCollectionMetrics: the item collection a write touched, for tables with a local secondary index. */
class ItemCollectionMetricsTest {
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
        client.createTable(b -> b.tableName("orders")
                .attributeDefinitions(attribute("customer"), attribute("order"), attribute("placed"))
                .keySchema(key("customer", KeyType.HASH), key("order", KeyType.RANGE))
                .localSecondaryIndexes(LocalSecondaryIndex.builder()
                        .indexName("by-date")
                        .keySchema(key("customer", KeyType.HASH), key("placed", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL))
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
        client.createTable(b -> b.tableName("plain")
                .attributeDefinitions(attribute("customer"))
                .keySchema(key("customer", KeyType.HASH))
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    static AttributeDefinition attribute(String name) {
        return IndexesTest.attribute(name, ScalarAttributeType.S);
    }

    static Map<String, AttributeValue> order(String customer, String order) {
        return Map.of(
                "customer",
                AttributeValue.fromS(customer),
                "order",
                AttributeValue.fromS(order),
                "placed",
                AttributeValue.fromS("2026-11-25"));
    }

    static final ItemCollectionMetrics ANN = ItemCollectionMetrics.builder()
            .itemCollectionKey(Map.of("customer", AttributeValue.fromS("ann")))
            .sizeEstimateRangeGB(0.0, 1.0)
            .build();

    @Test
    void putUpdateAndDeleteReturnTheCollectionTheyTouched() {
        var put = client.putItem(b -> b.tableName("orders")
                .item(order("ann", "o1"))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var update = client.updateItem(b -> b.tableName("orders")
                .key(Map.of("customer", AttributeValue.fromS("ann"), "order", AttributeValue.fromS("o1")))
                .updateExpression("SET placed = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("2026-11-26")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        var delete = client.deleteItem(b -> b.tableName("orders")
                .key(Map.of("customer", AttributeValue.fromS("ann"), "order", AttributeValue.fromS("o1")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));

        assertThat(put.itemCollectionMetrics()).isEqualTo(ANN);
        assertThat(update.itemCollectionMetrics()).isEqualTo(ANN);
        assertThat(delete.itemCollectionMetrics()).isEqualTo(ANN);
    }

    @Test
    void noMetricsUnlessAskedOrWithoutALocalIndex() {
        var notAsked = client.putItem(b -> b.tableName("orders").item(order("bob", "o1")));
        var none = client.putItem(b -> b.tableName("orders")
                .item(order("bob", "o2"))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.NONE));
        var plain = client.putItem(b -> b.tableName("plain")
                .item(Map.of("customer", AttributeValue.fromS("bob")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));

        assertThat(notAsked.itemCollectionMetrics()).isNull();
        assertThat(none.itemCollectionMetrics()).isNull();
        assertThat(plain.itemCollectionMetrics()).isNull();
    }

    @Test
    void batchesAndTransactionsReturnOneEntryPerCollectionByTable() {
        var batch = client.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .requestItems(Map.of(
                        "orders",
                        List.of(
                                WriteRequest.builder()
                                        .putRequest(PutRequest.builder()
                                                .item(order("ann", "b1"))
                                                .build())
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(PutRequest.builder()
                                                .item(order("ann", "b2"))
                                                .build())
                                        .build(),
                                WriteRequest.builder()
                                        .putRequest(PutRequest.builder()
                                                .item(order("cy", "b1"))
                                                .build())
                                        .build()),
                        "plain",
                        List.of(WriteRequest.builder()
                                .putRequest(PutRequest.builder()
                                        .item(Map.of("customer", AttributeValue.fromS("cy")))
                                        .build())
                                .build()))));
        var transaction = client.transactWriteItems(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("orders").item(order("ann", "t1")))
                        .build()));

        ItemCollectionMetrics cy = ItemCollectionMetrics.builder()
                .itemCollectionKey(Map.of("customer", AttributeValue.fromS("cy")))
                .sizeEstimateRangeGB(0.0, 1.0)
                .build();
        assertThat(batch.itemCollectionMetrics()).isEqualTo(Map.of("orders", List.of(ANN, cy)));
        assertThat(transaction.itemCollectionMetrics()).isEqualTo(Map.of("orders", List.of(ANN)));
    }

    @Test
    void refusesAValueOtherThanSizeOrNone() {
        assertThatThrownBy(() -> client.putItem(
                        b -> b.tableName("orders").item(order("ann", "x")).returnItemCollectionMetrics("ALL")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(
                        "Value 'ALL' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member must satisfy enum value set: [SIZE, NONE]");
    }
}
