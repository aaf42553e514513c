package dev.groundwork.local.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.template.TableSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tables a local stack creates, and emptying them as the cold-start bench does before every invoke. */
class LocalTablesTest {
    private static final String REGION = "us-east-1";
    private static EmbeddedDynamoDb dynamoDb;
    private static AwsJsonClient client;

    @BeforeAll
    static void start() {
        dynamoDb = EmbeddedDynamoDb.builder().region(REGION).start();
        client = new AwsJsonClient(dynamoDb.endpoint(), "DynamoDB_20120810", "dynamodb", REGION);
    }

    @AfterAll
    static void stop() {
        dynamoDb.close();
    }

    @Test
    void emptyingDeletesEveryItemOfEveryTableAndKeepsTheTables() {
        LocalTables tables = new LocalTables(dynamoDb.endpoint(), REGION);
        tables.create(
                List.of(table("Items", "items-empty-test", "pk", "sk"), table("Usage", "usage-empty-test", "id")));
        // Items of 40 KB: more than one page of a Scan (1 MB), so emptying has to follow LastEvaluatedKey.
        String filler = "x".repeat(40_000);
        for (int i = 0; i < 40; i++) {
            ObjectNode item = client.object();
            item.putObject("pk").put("S", "TENANT#acme");
            item.putObject("sk").put("S", "ITEM#" + i);
            item.putObject("filler").put("S", filler);
            put("items-empty-test", item);
        }
        ObjectNode usage = client.object();
        usage.putObject("id").put("S", "acme#2026-12-06");
        put("usage-empty-test", usage);

        tables.empty();

        assertThat(count("items-empty-test")).isZero();
        assertThat(count("usage-empty-test")).isZero();
        ObjectNode again = client.object();
        again.putObject("pk").put("S", "TENANT#acme");
        again.putObject("sk").put("S", "ITEM#again");
        put("items-empty-test", again);
        assertThat(count("items-empty-test")).isEqualTo(1);
    }

    private static TableSpec table(String logicalId, String name, String... keys) {
        List<Map<String, Object>> definitions = Arrays.stream(keys)
                .map(key -> Map.<String, Object>of("AttributeName", key, "AttributeType", "S"))
                .toList();
        List<Map<String, Object>> schema = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            schema.add(Map.of("AttributeName", keys[i], "KeyType", i == 0 ? "HASH" : "RANGE"));
        }
        return new TableSpec(
                logicalId,
                name,
                Map.of("AttributeDefinitions", definitions, "KeySchema", schema, "BillingMode", "PAY_PER_REQUEST"));
    }

    private static void put(String table, JsonNode item) {
        ObjectNode request = client.object().put("TableName", table);
        request.set("Item", item);
        client.call("PutItem", request);
    }

    private static int count(String table) {
        ObjectNode scan = client.object().put("TableName", table).put("Select", "COUNT");
        return client.call("Scan", scan).path("Count").asInt();
    }
}
