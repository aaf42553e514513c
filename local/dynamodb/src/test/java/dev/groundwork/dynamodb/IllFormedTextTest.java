package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.conformance.RawCalls;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * Text that is valid JSON but not well-formed Unicode: a lone surrogate written as a JSON escape (backslash, u, D800),
 * or bytes that are not UTF-8. The SDK cannot send either (it encodes a lone surrogate as '?'), so these tests send raw JSON.
 * The server must refuse such a request rather than store a string it cannot answer, journal or stream.
 */
class IllFormedTextTest {
    @TempDir
    Path dataDirectory;

    EmbeddedDynamoDb db;
    DynamoDbClient client;
    DynamoDbStreamsClient streams;
    HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        db = EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
        client = SdkClients.dynamoDb(db);
        streams = SdkClients.streams(db);
        client.createTable(b -> b.tableName("texts")
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
    }

    @AfterEach
    void stop() {
        client.close();
        streams.close();
        db.close();
    }

    HttpResponse<String> post(String operation, byte[] body) throws Exception {
        String target =
                (operation.equals("GetRecords") ? "DynamoDBStreams_20120810." : "DynamoDB_20120810.") + operation;
        return http.send(
                HttpRequest.newBuilder(db.endpoint())
                        .header("X-Amz-Target", target)
                        .header("Content-Type", "application/x-amz-json-1.0")
                        .header("Authorization", RawCalls.AUTHORIZATION)
                        .header("X-Amz-Date", "20260101T000000Z")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String operation, String json) throws Exception {
        return post(operation, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The JSON text with {@code <bytes>} replaced by raw bytes, which need not be UTF-8. */
    static byte[] withBytes(String json, int... bytes) {
        int at = json.indexOf("<bytes>");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        for (int b : bytes) out.write(b);
        out.writeBytes(json.substring(at + "<bytes>".length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    List<Record> streamRecords() {
        String arn = client.describeTable(b -> b.tableName("texts")).table().latestStreamArn();
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

    void assertSerializationException(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"com.amazon.coral.service#SerializationException\"");
    }

    /** Nothing was stored: the table reads, scans, streams and persists as before the request. */
    void assertTableStillServes() {
        client.putItem(b -> b.tableName("texts").item(Map.of("pk", AttributeValue.fromS("after"))));
        assertThat(client.scan(b -> b.tableName("texts")).items())
                .containsExactly(Map.of("pk", AttributeValue.fromS("after")));
        assertThat(streamRecords()).hasSize(1);
        db.restart();
        assertThat(client.getItem(b -> b.tableName("texts").key(Map.of("pk", AttributeValue.fromS("after"))))
                        .item())
                .containsEntry("pk", AttributeValue.fromS("after"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'s':{'S':'x\\ud800y'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'s':{'S':'x\\udc00'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'s':{'S':'\\udc00\\ud800'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'s':{'S':'end\\ud83d'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'s':{'SS':['ok','x\\ud800']}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'m':{'M':{'k\\ud800':{'S':'v'}}}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'l':{'L':[{'S':'\\udfff'}]}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'},'name\\ud800':{'S':'v'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'key\\ud800'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'}},'ConditionExpression':'s <> :v','ExpressionAttributeValues':{':v':{'S':'\\ud800'}}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'}},'ConditionExpression':'attribute_not_exists(#n)','ExpressionAttributeNames':{'#n':'n\\ud800'}}",
                "{'TableName':'texts','Item':{'pk':{'S':'a'}},'ConditionExpression':'attribute_not_exists(#n\\ud800)','ExpressionAttributeNames':{'#n':'n'}}",
                "{'TableName':'texts\\ud800','Item':{'pk':{'S':'a'}}}",
            })
    void refusesALoneSurrogateEscapeWhereverAStringIs(String json) throws Exception {
        // given a put whose JSON holds the escape of a lone surrogate

        // when
        HttpResponse<String> response = post("PutItem", json.replace('\'', '"'));

        // then
        assertSerializationException(response);
        assertThat(response.body()).contains("is not well-formed Unicode");
        assertTableStillServes();
    }

    @Test
    void refusesALoneSurrogateInAKeyOfAQueryAndAnUpdate() throws Exception {
        assertSerializationException(post(
                "Query",
                ("{'TableName':'texts','KeyConditionExpression':'pk = :k',"
                                + "'ExpressionAttributeValues':{':k':{'S':'\\ud800'}}}")
                        .replace('\'', '"')));
        assertSerializationException(post(
                "UpdateItem",
                ("{'TableName':'texts','Key':{'pk':{'S':'a'}},"
                                + "'UpdateExpression':'SET s = :v','ExpressionAttributeValues':{':v':{'S':'x\\udbff'}}}")
                        .replace('\'', '"')));
        assertSerializationException(
                post("GetItem", "{'TableName':'texts','Key':{'pk':{'S':'\\ud800'}}}".replace('\'', '"')));

        assertTableStillServes();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ff", // never a UTF-8 byte
                "80", // a continuation byte with no lead
                "c3", // a lead byte whose continuation is missing (the string's closing quote follows)
                "c0 af", // an overlong encoding of '/'
                "e0 80 af", // an overlong encoding of '/' in three bytes
                "ed a0 80", // U+D800 encoded as if it were a character
                "f4 90 80 80", // above U+10FFFF
                "f8 88 80 80 80", // a five-byte sequence
            })
    void refusesABodyThatIsNotUtf8(String hex) throws Exception {
        int[] bytes = java.util.Arrays.stream(hex.split(" "))
                .mapToInt(b -> Integer.parseInt(b, 16))
                .toArray();

        HttpResponse<String> response = post(
                "PutItem",
                withBytes(
                        "{\"TableName\":\"texts\",\"Item\":{\"pk\":{\"S\":\"a\"},\"s\":{\"S\":\"x<bytes>y\"}}}",
                        bytes));

        assertSerializationException(response);
        assertThat(response.body()).contains("The request body is not valid UTF-8");
        assertTableStillServes();
    }

    @Test
    void storesAndAnswersASurrogatePairWrittenAsEscapesAndAsUtf8() throws Exception {
        // given an emoji once as a pair of JSON escapes and once as its four UTF-8 bytes
        String escaped = "{\"TableName\":\"texts\",\"Item\":{\"pk\":{\"S\":\"a\"},\"s\":{\"S\":\"\\ud83d\\ude00\"}}}";
        byte[] raw = withBytes(
                "{\"TableName\":\"texts\",\"Item\":{\"pk\":{\"S\":\"b\"},\"s\":{\"S\":\"<bytes>\"}}}",
                0xf0,
                0x9f,
                0x98,
                0x80);

        // when
        assertThat(post("PutItem", escaped).statusCode()).isEqualTo(200);
        assertThat(post("PutItem", raw).statusCode()).isEqualTo(200);

        // then
        for (String pk : List.of("a", "b")) {
            assertThat(client.getItem(b -> b.tableName("texts").key(Map.of("pk", AttributeValue.fromS(pk))))
                            .item())
                    .containsEntry("s", AttributeValue.fromS("😀"));
        }
        assertThat(streamRecords()).hasSize(2);
    }
}
