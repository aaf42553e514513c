package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * An item at every edge DynamoDB accepts (deepest nesting, widest numbers, astral and noncharacter code points,
 * characters JSON must escape) is stored, and answered unchanged by every read, the stream and the data directory.
 */
class HostileItemTest {
    @TempDir
    Path dataDirectory;

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** In the plain notation DynamoDB answers numbers in, so that what is read back equals what was written. */
    static String plain(String number) {
        return new java.math.BigDecimal(number).toPlainString();
    }

    static AttributeValue n(String value) {
        return AttributeValue.fromN(plain(value));
    }

    /** A value wrapped in {@code maps} maps and lists, alternately, so the value sits at level {@code maps + 1}. */
    static AttributeValue nested(int levels, AttributeValue leaf) {
        AttributeValue value = leaf;
        for (int i = 0; i < levels; i++) {
            value = i % 2 == 0 ? AttributeValue.fromM(Map.of("😀\uFFFF", value)) : AttributeValue.fromL(List.of(value));
        }
        return value;
    }

    static Map<String, AttributeValue> hostileItem() {
        // U+FFFF and U+FDD0 are noncharacters: well-formed Unicode that DynamoDB stores; U+10FFFF is the last code
        // point.
        String text = "emoji 😀 👩‍👩‍👧 noncharacters \uFFFF \uFDD0 last \uDBFF\uDFFF bom \uFEFF"
                + " escapes \" \\ / \b \f \n \r \t \u0000 \u001F \u2028 \u2029 mixed é 日本";
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", s("😀\uFFFF"));
        item.put("text", s(text));
        item.put("名前 \uFFFF 😀 \"quoted\" \\ \u0000", s("a name with everything"));
        item.put("deep", nested(31, s(text)));
        item.put("largest", n("9.9999999999999999999999999999999999999E+125"));
        item.put("smallest", n("-1E-130"));
        item.put("digits", n("-12345678901234567890123456789012345678"));
        item.put("set", AttributeValue.fromSs(List.of(text, "\uFFFF", "😀")));
        item.put(
                "numbers",
                AttributeValue.fromNs(
                        List.of(plain("1E-130"), plain("-9.9999999999999999999999999999999999999E+125"), "0")));
        item.put("bytes", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {
            (byte) 0xED, (byte) 0xA0, (byte) 0x80, 0, (byte) 0xFF
        })));
        return item;
    }

    /** Every attribute but the key as an update's placeholder: {@code #a<hash>} to the name, {@code :a<hash>} to the value. */
    static <T> Map<String, T> placeholders(
            Map<String, AttributeValue> item, String prefix, java.util.function.Function<String, T> of) {
        Map<String, T> placeholders = new LinkedHashMap<>();
        item.keySet().stream()
                .filter(name -> !name.equals("pk"))
                .forEach(name -> placeholders.put((prefix + name.hashCode()).replace('-', '_'), of.apply(name)));
        return placeholders;
    }

    static List<Record> streamRecords(DynamoDbClient client, DynamoDbStreamsClient streams) {
        String arn = client.describeTable(b -> b.tableName("hostile")).table().latestStreamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String iterator = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator)).records();
    }

    @Test
    void answersAnItemAtEveryEdgeDynamoDbAcceptsUnchangedEverywhere() {
        Map<String, AttributeValue> item = hostileItem();
        Map<String, AttributeValue> key = Map.of("pk", item.get("pk"));

        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db);
                DynamoDbStreamsClient streams = SdkClients.streams(db)) {
            // given
            client.createTable(b -> b.tableName("hostile")
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)));

            // when
            client.putItem(b -> b.tableName("hostile").item(item));
            client.putItem(b -> b.tableName("hostile").item(Map.of("pk", item.get("pk"))));
            client.updateItem(b -> b.tableName("hostile")
                    .key(key)
                    .updateExpression("SET "
                            + String.join(
                                            ", ",
                                            item.keySet().stream()
                                                    .filter(name -> !name.equals("pk"))
                                                    .map(name -> "#a" + name.hashCode() + " = :a" + name.hashCode())
                                                    .toList())
                                    .replace('-', '_'))
                    .expressionAttributeNames(placeholders(item, "#a", name -> name))
                    .expressionAttributeValues(placeholders(item, ":a", item::get)));

            // then
            assertThat(client.getItem(b -> b.tableName("hostile").key(key)).item())
                    .isEqualTo(item);
            assertThat(client.getItem(b -> b.tableName("hostile")
                                    .key(key)
                                    .projectionExpression("deep, #s")
                                    .expressionAttributeNames(Map.of("#s", "set")))
                            .item())
                    .isEqualTo(Map.of("deep", item.get("deep"), "set", item.get("set")));
            assertThat(client.query(b -> b.tableName("hostile")
                                    .keyConditionExpression("pk = :k")
                                    .expressionAttributeValues(Map.of(":k", item.get("pk"))))
                            .items())
                    .containsExactly(item);
            assertThat(client.scan(b -> b.tableName("hostile")
                                    .filterExpression("#t = :t")
                                    .expressionAttributeNames(Map.of("#t", "text"))
                                    .expressionAttributeValues(Map.of(":t", item.get("text"))))
                            .items())
                    .containsExactly(item);
            List<Record> records = streamRecords(client, streams);
            assertThat(records).hasSize(3);
            assertThat(records.get(0).dynamodb().newImage()).isEqualTo(item);
            assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(item);
            assertThat(records.get(2).dynamodb().newImage()).isEqualTo(item);
        }

        // and the journal and the snapshot keep it: a restart answers it unchanged
        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            assertThat(client.getItem(b -> b.tableName("hostile").key(key)).item())
                    .isEqualTo(item);
        }
    }
}
