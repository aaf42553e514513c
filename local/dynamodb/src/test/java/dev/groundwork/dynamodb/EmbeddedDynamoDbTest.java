package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.conformance.RawCalls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class EmbeddedDynamoDbTest {
    static EmbeddedDynamoDb db;
    static DynamoDbClient client;

    @BeforeAll
    static void startServer() {
        db = EmbeddedDynamoDb.start();
        client = SdkClients.dynamoDb(db);
    }

    @AfterAll
    static void stopServer() {
        client.close();
        db.close();
    }

    static void createTable(String name) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("sk")
                                .attributeType(ScalarAttributeType.N)
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
                .billingMode(BillingMode.PAY_PER_REQUEST));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    @Test
    void answersTheDeepestExpressionsAws4KbAllowsAndGoesOnServing() {
        createTable("deep");
        Map<String, AttributeValue> item = Map.of("pk", s("a"), "sk", n("1"));
        Map<String, AttributeValue> values = Map.of(":v", AttributeValue.fromS("a"));
        String parentheses = "(".repeat(2_040) + "pk = :v" + ")".repeat(2_040);
        String nots = "NOT ".repeat(1_020) + "pk = :v";

        assertThatThrownBy(() -> client.putItem(b -> b.tableName("deep")
                        .item(item)
                        .conditionExpression(parentheses)
                        .expressionAttributeValues(values)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The expression has redundant parentheses");
        assertThatThrownBy(() -> client.putItem(b ->
                        b.tableName("deep").item(item).conditionExpression(nots).expressionAttributeValues(values)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The expression contains too many operators; operator count: 1021");
        client.putItem(b -> b.tableName("deep").item(item));
        assertThat(client.getItem(b -> b.tableName("deep").key(item)).item()).isEqualTo(item);
    }

    @Test
    void servesOnLoopbackWithAFreePort() {
        assertThat(db.endpoint()).isEqualTo(URI.create("http://127.0.0.1:" + db.port()));
        assertThat(db.port()).isPositive();
    }

    @Test
    void createsDescribesListsAndDeletesATable() {
        createTable("lifecycle");

        var table = client.describeTable(b -> b.tableName("lifecycle")).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.keySchema())
                .extracting(KeySchemaElement::attributeName)
                .containsExactly("pk", "sk");
        assertThat(table.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/lifecycle");
        assertThat(client.listTables().tableNames()).contains("lifecycle");

        client.deleteTable(b -> b.tableName("lifecycle"));
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("lifecycle")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Requested resource not found: Table: lifecycle not found");
    }

    @Test
    void refusesToDeleteAProtectedTableUntilProtectionIsOff() {
        client.createTable(b -> b.tableName("protected")
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .deletionProtectionEnabled(true));

        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("protected")))
                .hasMessageContaining("Resource cannot be deleted as it is currently protected against deletion");
        assertThat(client.describeTable(b -> b.tableName("protected")).table().deletionProtectionEnabled())
                .isTrue();

        client.updateTable(b -> b.tableName("protected").deletionProtectionEnabled(false));
        client.deleteTable(b -> b.tableName("protected"));
    }

    @Test
    void refusesATableThatExists() {
        createTable("twice");
        assertThatThrownBy(() -> createTable("twice"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageContaining("Table already exists: twice");
    }

    @Test
    void putsGetsAndDeletesAnItemExactly() {
        createTable("items");
        Map<String, AttributeValue> item = Map.of(
                "pk",
                s("a"),
                "sk",
                n("1.50"),
                "big",
                n("12345678901234567890123456789012345678"),
                "nested",
                AttributeValue.fromM(Map.of(
                        "list", AttributeValue.fromL(java.util.List.of(s("x"), AttributeValue.fromBool(true))))));
        client.putItem(b -> b.tableName("items").item(item));

        var got = client.getItem(b -> b.tableName("items").key(Map.of("pk", s("a"), "sk", n("1.5"))))
                .item();
        assertThat(got)
                .containsEntry("sk", n("1.5"))
                .containsEntry("big", n("12345678901234567890123456789012345678"))
                .containsEntry("nested", item.get("nested"));

        client.deleteItem(b -> b.tableName("items").key(Map.of("pk", s("a"), "sk", n("1.5"))));
        assertThat(client.getItem(b -> b.tableName("items").key(Map.of("pk", s("a"), "sk", n("1.5"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void rejectsAKeyThatDoesNotMatchTheSchema() {
        createTable("keys");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("keys").key(Map.of("pk", s("a")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("The provided key element does not match the schema")
                .satisfies(e -> assertThat(
                                ((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("keys").item(Map.of("pk", s("a"), "sk", s("x")))))
                .hasMessageContaining(
                        "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S");
    }

    @Test
    void tagsATableAndListsItsTags() {
        client.createTable(b -> b.tableName("tagged")
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName("pk")
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .tags(t -> t.key("team").value("core")));
        String arn = client.describeTable(b -> b.tableName("tagged")).table().tableArn();

        client.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("env").value("test")));
        client.untagResource(b -> b.resourceArn(arn).tagKeys("team"));

        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .extracting(tag -> tag.key() + "=" + tag.value())
                .containsExactly("env=test");
    }

    @Test
    void answersUnknownOperationsAsAwsDoes() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(db.endpoint())
                                .header("X-Amz-Target", "DynamoDB_20120810.NoSuchThing")
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("Authorization", RawCalls.AUTHORIZATION)
                                .header("X-Amz-Date", "20260101T000000Z")
                                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"com.amazon.coral.service#UnknownOperationException\"");
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(response.headers().firstValue("x-amz-crc32")).isPresent();
    }

    @Test
    void namesTheFeatureOfAnUnsupportedOperation() {
        assertThatThrownBy(() -> client.executeStatement(b -> b.statement("SELECT * FROM items")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining(
                        "ExecuteStatement is not supported by Groundwork's embedded DynamoDB (not implemented: PartiQL)");
    }

    @Test
    void stopsAndRestartsOnTheSameDataAndPort() {
        createTable("restart");
        client.putItem(b -> b.tableName("restart").item(Map.of("pk", s("a"), "sk", n("1"))));
        int port = db.port();

        db.stop();
        assertThatThrownBy(() -> client.listTables()).isInstanceOf(SdkClientException.class);
        db.restart();

        assertThat(db.port()).isEqualTo(port);
        assertThat(client.getItem(b -> b.tableName("restart").key(Map.of("pk", s("a"), "sk", n("1"))))
                        .hasItem())
                .isTrue();
    }
}
