package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class ReturnValuesTest {
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
        client.createTable(b -> b.tableName("docs")
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

    @Test
    void updatedNewReturnsOnlyTheChangedFragmentOfANestedMap() {
        client.putItem(b -> b.tableName("docs")
                .item(Map.of(
                        "pk",
                        s("d1"),
                        "count",
                        AttributeValue.fromN("1"),
                        "profile",
                        AttributeValue.fromM(Map.of("name", s("ann"), "city", s("oslo"))))));

        var response = client.updateItem(b -> b.tableName("docs")
                .key(Map.of("pk", s("d1")))
                .updateExpression("SET profile.city = :c, #n = #n + :one")
                .expressionAttributeNames(Map.of("#n", "count"))
                .expressionAttributeValues(Map.of(":c", s("rome"), ":one", AttributeValue.fromN("1")))
                .returnValues(ReturnValue.UPDATED_NEW));

        assertThat(response.attributes())
                .isEqualTo(Map.of(
                        "count",
                        AttributeValue.fromN("2"),
                        "profile",
                        AttributeValue.fromM(Map.of("city", s("rome")))));
    }

    @Test
    void updatedOldReturnsTheValuesBeforeTheUpdate() {
        client.putItem(b -> b.tableName("docs").item(Map.of("pk", s("d2"), "state", s("draft"), "other", s("same"))));

        var response = client.updateItem(b -> b.tableName("docs")
                .key(Map.of("pk", s("d2")))
                .updateExpression("SET #s = :s")
                .expressionAttributeNames(Map.of("#s", "state"))
                .expressionAttributeValues(Map.of(":s", s("final")))
                .returnValues(ReturnValue.UPDATED_OLD));

        assertThat(response.attributes()).isEqualTo(Map.of("state", s("draft")));
    }

    @Test
    void aFailedConditionCarriesTheCurrentItemWhenAsked() {
        client.putItem(b -> b.tableName("docs").item(Map.of("pk", s("d3"), "v", s("1"))));

        try {
            client.deleteItem(b -> b.tableName("docs")
                    .key(Map.of("pk", s("d3")))
                    .conditionExpression("v = :two")
                    .expressionAttributeValues(Map.of(":two", s("2")))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            throw new AssertionError("the condition should fail");
        } catch (ConditionalCheckFailedException e) {
            assertThat(e.item()).isEqualTo(Map.of("pk", s("d3"), "v", s("1")));
        }
    }
}
