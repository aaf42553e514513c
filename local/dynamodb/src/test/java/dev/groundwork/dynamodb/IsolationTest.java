package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

class IsolationTest {
    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static TransactWriteItem set(String table, String pk, long version) {
        return TransactWriteItem.builder()
                .put(p ->
                        p.tableName(table).item(Map.of("pk", s(pk), "v", AttributeValue.fromN(Long.toString(version)))))
                .build();
    }

    static void createTable(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
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

    @Test
    void noReaderSeesHalfOfATransactionAcrossTwoTables() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            createTable(client, "left");
            createTable(client, "right");
            client.transactWriteItems(b -> b.transactItems(set("left", "a", 0), set("right", "b", 0)));
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService pool = Executors.newFixedThreadPool(3);
            Future<?> writer = pool.submit(() -> {
                for (long version = 1; version <= 150; version++) {
                    long v = version;
                    client.transactWriteItems(b -> b.transactItems(set("left", "a", v), set("right", "b", v)));
                }
                writing.set(false);
            });
            List<Future<List<String>>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> {
                    List<String> torn = new ArrayList<>();
                    while (writing.get()) {
                        var responses = client.transactGetItems(b -> b.transactItems(
                                        TransactGetItem.builder()
                                                .get(g -> g.tableName("left").key(Map.of("pk", s("a"))))
                                                .build(),
                                        TransactGetItem.builder()
                                                .get(g -> g.tableName("right").key(Map.of("pk", s("b"))))
                                                .build()))
                                .responses();
                        String left = responses.get(0).item().get("v").n();
                        String right = responses.get(1).item().get("v").n();
                        if (!left.equals(right)) torn.add(left + "/" + right);
                    }
                    return torn;
                }));
            }
            writer.get();
            for (Future<List<String>> reader : readers) assertThat(reader.get()).isEmpty();
            pool.shutdown();
        }
    }
}
