package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DynamoDB's documented limits, each at exactly the limit (stored and read back) and one past it (refused with AWS's
 * error): key sizes, document nesting, item size.
 * See https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
 */
class LimitsTest {
    static final String TOO_DEEP =
            "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit";
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void start() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
        client.createTable(b -> b.tableName("limits")
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("g")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(
                        KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build(),
                        KeySchemaElement.builder()
                                .attributeName("sk")
                                .keyType(KeyType.RANGE)
                                .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("byG")
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("g")
                                .keyType(KeyType.HASH)
                                .build())
                        .projection(p -> p.projectionType(ProjectionType.ALL))
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

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    /** A scalar wrapped in {@code maps} single-member maps: {@code nestedMaps(1)} is {@code {"n": "leaf"}}. */
    static AttributeValue nestedMaps(int maps) {
        AttributeValue value = s("leaf");
        for (int i = 0; i < maps; i++) value = AttributeValue.fromM(Map.of("n", value));
        return value;
    }

    @Test
    void storesKeysOfExactly2048And1024BytesCountedInUtf8() {
        // given keys at the limits, one of them made of 4-byte characters
        Map<String, AttributeValue> ascii = key("p".repeat(2048), "s".repeat(1024));
        Map<String, AttributeValue> astral = key("😀".repeat(512), "é".repeat(512));

        // when
        client.putItem(b -> b.tableName("limits").item(ascii));
        client.putItem(b -> b.tableName("limits").item(astral));

        // then
        assertThat(client.getItem(b -> b.tableName("limits").key(ascii)).item()).isEqualTo(ascii);
        assertThat(client.getItem(b -> b.tableName("limits").key(astral)).item())
                .isEqualTo(astral);
    }

    @Test
    void refusesAPartitionKeyOver2048BytesInEveryWriteAndRead() {
        Map<String, AttributeValue> key = key("😀".repeat(512) + "p", "s");
        String message =
                "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of2048 bytes";

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("limits").item(key)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("limits").key(key)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> client.deleteItem(b -> b.tableName("limits").key(key)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(message);
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("limits")
                        .key(key)
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", s("x")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void refusesASortKeyOver1024Bytes() {
        Map<String, AttributeValue> key = key("p", "é".repeat(512) + "s");

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("limits").item(key)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(
                        "One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of 1024 bytes");
    }

    @Test
    void refusesAnIndexKeyOver2048Bytes() {
        Map<String, AttributeValue> item = Map.of("pk", s("p"), "sk", s("index"), "g", s("g".repeat(2049)));

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("limits").item(item)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(
                        "One or more parameter values were invalid: Size limit exceeded for Index Key g Actual Size: 2049 bytes Max Size: 2048 bytes IndexName: byG");
    }

    @Test
    void storesAScalarAtLevel32UnderThirtyOneMapsAndRefusesItOneLevelDeeper() {
        // given: the attribute itself is level 1, each map's members one level deeper, so 31 maps put the scalar at
        // level 32
        Map<String, AttributeValue> deepest = Map.of("pk", s("deep"), "sk", s("31"), "m", nestedMaps(31));
        Map<String, AttributeValue> tooDeep = Map.of("pk", s("deep"), "sk", s("32"), "m", nestedMaps(32));

        // when
        client.putItem(b -> b.tableName("limits").item(deepest));

        // then
        assertThat(client.getItem(b -> b.tableName("limits").key(key("deep", "31")))
                        .item())
                .isEqualTo(deepest);
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("limits").item(tooDeep)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith(TOO_DEEP);
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("limits")
                        .key(key("deep", "31"))
                        .updateExpression("SET v = :v")
                        .expressionAttributeValues(Map.of(":v", nestedMaps(32)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(TOO_DEEP);
    }

    @Test
    void refusesAnUpdateThatPutsAValueAtLevel33ThroughADocumentPath() {
        // given the deepest map that can still hold a member: 30 maps under the attribute, at levels 2 to 31
        client.putItem(b -> b.tableName("limits").item(Map.of("pk", s("path"), "sk", s("1"), "m", nestedMaps(31))));
        String deepestMap = "m" + ".n".repeat(30);

        // when / then: a scalar set beside the leaf, at level 32, is stored; a map holding one, one level deeper, is
        // not
        client.updateItem(b -> b.tableName("limits")
                .key(key("path", "1"))
                .updateExpression("SET " + deepestMap + ".x = :v")
                .expressionAttributeValues(Map.of(":v", s("ok"))));
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("limits")
                        .key(key("path", "1"))
                        .updateExpression("SET " + deepestMap + ".x = :v")
                        .expressionAttributeValues(Map.of(":v", nestedMaps(1)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(TOO_DEEP);
    }

    @Test
    void storesAnItemOfExactly400KbAndRefusesOneByteMore() {
        // given: "pk" + "a", "sk" + "b", "v" + the value; names count in the size
        int rest = 409_600 - (2 + 1) - (2 + 1) - 1;
        Map<String, AttributeValue> largest = Map.of("pk", s("a"), "sk", s("b"), "v", s("x".repeat(rest)));
        Map<String, AttributeValue> tooLarge = Map.of("pk", s("a"), "sk", s("c"), "v", s("x".repeat(rest + 1)));

        // when
        client.putItem(b -> b.tableName("limits").item(largest));

        // then
        assertThat(client.getItem(b -> b.tableName("limits").key(key("a", "b"))).item())
                .isEqualTo(largest);
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("limits").item(tooLarge)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Item size has exceeded the maximum allowed size");
    }
}
