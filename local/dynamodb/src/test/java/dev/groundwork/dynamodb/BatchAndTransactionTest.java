package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
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
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class BatchAndTransactionTest {
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
        client.createTable(b -> b.tableName("batch")
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    @AfterAll
    static void stop() {
        client.close();
        db.close();
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static WriteRequest put(String pk) {
        return WriteRequest.builder()
                .putRequest(p -> p.item(Map.of("pk", s(pk))))
                .build();
    }

    @Test
    void writesAndReadsBatches() {
        var written =
                client.batchWriteItem(b -> b.requestItems(Map.of("batch", List.of(put("b1"), put("b2"), put("b3"))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(written.unprocessedItems()).isEmpty();
        assertThat(written.consumedCapacity())
                .singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(3.0));

        var read = client.batchGetItem(b -> b.requestItems(Map.of(
                "batch",
                KeysAndAttributes.builder()
                        .keys(Map.of("pk", s("b1")), Map.of("pk", s("b3")), Map.of("pk", s("none")))
                        .build())));
        assertThat(read.responses().get("batch"))
                .extracting(item -> item.get("pk").s())
                .containsExactlyInAnyOrder("b1", "b3");
    }

    @Test
    void handsBackWhatExceedsSixteenMegabytesAsUnprocessedKeys() {
        String large = "x".repeat(390 * 1024);
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String pk = "large" + i;
            client.putItem(b -> b.tableName("batch").item(Map.of("pk", s(pk), "blob", s(large))));
            keys.add(Map.of("pk", s(pk)));
        }

        var first = client.batchGetItem(b -> b.requestItems(
                Map.of("batch", KeysAndAttributes.builder().keys(keys).build())));
        int returned = first.responses().get("batch").size();
        assertThat(returned).isBetween(40, 45);
        assertThat(first.unprocessedKeys().get("batch").keys()).hasSize(60 - returned);

        var rest = client.batchGetItem(b -> b.requestItems(first.unprocessedKeys()));
        assertThat(rest.responses().get("batch")).hasSize(60 - returned);
        assertThat(rest.unprocessedKeys()).isEmpty();
    }

    @Test
    void refusesMoreThan25WritesOrDuplicateKeys() {
        List<WriteRequest> many = new ArrayList<>();
        for (int i = 0; i < 26; i++) many.add(put("m" + i));
        assertThatThrownBy(() -> client.batchWriteItem(b -> b.requestItems(Map.of("batch", many))))
                .hasMessageContaining("Member must have length less than or equal to 25");
        assertThatThrownBy(() ->
                        client.batchWriteItem(b -> b.requestItems(Map.of("batch", List.of(put("d"), put("d"))))))
                .hasMessageContaining("Provided list of item keys contains duplicates");
    }

    @Test
    void refusesMoreThan100Keys() {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        for (int i = 0; i < 101; i++) keys.add(Map.of("pk", s("k" + i)));
        assertThatThrownBy(() -> client.batchGetItem(b -> b.requestItems(
                        Map.of("batch", KeysAndAttributes.builder().keys(keys).build()))))
                .hasMessageContaining("Member must have length less than or equal to 100");
    }

    @Test
    void refusesTwoActionsOnOneItemInATransaction() {
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("batch").item(Map.of("pk", s("t"))))
                                .build(),
                        TransactWriteItem.builder()
                                .delete(d -> d.tableName("batch").key(Map.of("pk", s("t"))))
                                .build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void transactionsWriteAndReadTogetherAndCostTwice() {
        var written = client.transactWriteItems(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .transactItems(
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("batch").item(Map.of("pk", s("t1"))))
                                .build(),
                        TransactWriteItem.builder()
                                .put(p -> p.tableName("batch").item(Map.of("pk", s("t2"))))
                                .build()));
        assertThat(written.consumedCapacity())
                .singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(4.0));

        var read = client.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder()
                        .get(g -> g.tableName("batch").key(Map.of("pk", s("t1"))))
                        .build(),
                TransactGetItem.builder()
                        .get(g -> g.tableName("batch").key(Map.of("pk", s("absent"))))
                        .build()));
        assertThat(read.responses()).hasSize(2);
        assertThat(read.responses().get(0).item()).containsEntry("pk", s("t1"));
        assertThat(read.responses().get(1).hasItem()).isFalse();
    }

    @Test
    void aRequestTokenMakesATransactionIdempotent() {
        client.transactWriteItems(b -> b.clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("batch").item(Map.of("pk", s("i1"), "v", s("first"))))
                        .build()));
        client.putItem(b -> b.tableName("batch").item(Map.of("pk", s("i1"), "v", s("changed"))));
        client.transactWriteItems(b -> b.clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder()
                        .put(p -> p.tableName("batch").item(Map.of("pk", s("i1"), "v", s("first"))))
                        .build()));

        assertThat(client.getItem(b -> b.tableName("batch").key(Map.of("pk", s("i1"))))
                        .item())
                .containsEntry("v", s("changed"));
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.clientRequestToken("token-1")
                        .transactItems(TransactWriteItem.builder()
                                .put(p -> p.tableName("batch").item(Map.of("pk", s("i2"))))
                                .build())))
                .isInstanceOf(
                        software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException.class);
    }
}
