package dev.groundwork.platform.testing;

import dev.groundwork.platform.dynamodb.TenantKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates a table with the key schema both of the template's tables have: {@code pk}/{@code sk} strings. */
final class KeyedTables {
    private KeyedTables() {}

    /** Creates the table and waits until it exists; with a stream of new and old images when asked. */
    static void create(DynamoDbClient dynamoDb, String name, boolean stream) {
        dynamoDb.createTable(create -> {
            create.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(string(TenantKeys.PK), string(TenantKeys.SK))
                    .keySchema(key(TenantKeys.PK, KeyType.HASH), key(TenantKeys.SK, KeyType.RANGE));
            if (stream) {
                create.streamSpecification(
                        spec -> spec.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES));
            }
        });
        dynamoDb.waiter().waitUntilTableExists(wait -> wait.tableName(name));
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
