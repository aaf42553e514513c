package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.testing.CollidingNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * One tenant's attribute names cannot stop another tenant's items being read. Names of 40 bytes that share their first
 * 12 and then hold the same seven 4-byte blocks in another order all land in one slot of the name table a Jackson
 * factory keeps for every parser it makes (its hash adds those blocks up, whatever its seed): 5,040 such names. The
 * SDK's JSON protocol reads every DynamoDB answer with one process-wide factory, so a tenant whose items hold a few
 * hundred of them filled that slot's overflow, and every later answer with a name new to the process (another tenant's
 * item) failed as "suspect a DoS attack", a 503. {@link AwsClients} has the SDK's parsers keep no names, as
 * Groundwork's own do (TenantKeyedJson), and so does the embedded DynamoDB.
 */
class CollidingKeysTest {
    private final EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();

    @AfterEach
    void stop() {
        dynamoDb.close();
    }

    @Test
    void itemsOfNamesThatCollideInJacksonsTableLeaveOtherItemsReadable() {
        List<String> colliding = CollidingNames.all();
        try (DynamoDbClient client = AwsClients.dynamoDb(AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString())))) {
            client.createTable(table -> table.tableName("items")
                    .keySchema(key -> key.attributeName("pk").keyType(KeyType.HASH))
                    .attributeDefinitions(name -> name.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .billingMode("PAY_PER_REQUEST"));

            // One tenant: six items of 200 colliding names each, then one of 1,000.
            for (int item = 0; item < 6; item++) {
                assertWrittenAndReadBack(
                        client, "TENANT#mallory#" + item, colliding.subList(item * 200, item * 200 + 200));
            }
            assertWrittenAndReadBack(client, "TENANT#mallory#big", colliding.subList(1_200, 2_200));

            // Another tenant's item, of names new to the process.
            List<String> fresh = new ArrayList<>();
            for (int name = 0; name < 100; name++) {
                fresh.add("aa%04d".formatted(name));
            }
            assertWrittenAndReadBack(client, "TENANT#acme#1", fresh);
        }
    }

    private static void assertWrittenAndReadBack(DynamoDbClient client, String key, List<String> names) {
        Map<String, AttributeValue> attributes = new HashMap<>();
        for (String name : names) {
            attributes.put(name, AttributeValue.fromN("0"));
        }
        Map<String, AttributeValue> item =
                Map.of("pk", AttributeValue.fromS(key), "attributes", AttributeValue.fromM(attributes));
        client.putItem(put -> put.tableName("items").item(item));

        assertThat(client.getItem(get -> get.tableName("items").key(Map.of("pk", AttributeValue.fromS(key))))
                        .item())
                .as(key)
                .isEqualTo(item);
    }
}
