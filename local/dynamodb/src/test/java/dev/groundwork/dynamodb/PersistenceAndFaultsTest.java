package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class PersistenceAndFaultsTest {
    @TempDir
    Path dataDirectory;

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static void createTable(DynamoDbClient client) {
        client.createTable(b -> b.tableName("kept")
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("g")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
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

    @Test
    void keepsTablesItemsAndIndexesAcrossAFullRestart() {
        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            createTable(client);
            client.updateTimeToLive(b -> b.tableName("kept")
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("ttl")));
            client.putItem(b -> b.tableName("kept").item(Map.of("pk", s("a"), "g", s("x"))));
            client.putItem(b -> b.tableName("kept").item(Map.of("pk", s("b"), "g", s("x"))));
            client.deleteItem(b -> b.tableName("kept").key(Map.of("pk", s("b"))));
        }

        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("pk", s("a"))))
                            .item())
                    .containsEntry("g", s("x"));
            assertThat(client.getItem(b -> b.tableName("kept").key(Map.of("pk", s("b"))))
                            .hasItem())
                    .isFalse();
            assertThat(client.scan(b -> b.tableName("kept").indexName("byG")).count())
                    .isEqualTo(1);
            assertThat(client.describeTimeToLive(b -> b.tableName("kept"))
                            .timeToLiveDescription()
                            .attributeName())
                    .isEqualTo("ttl");
        }
    }

    @Test
    void restoresATableWithAStreamAndAnAddedIndexAndStartsAFreshStream() {
        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            client.createTable(b -> b.tableName("streamed")
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("pk")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName("pk")
                            .keyType(KeyType.HASH)
                            .build())
                    .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(5L))
                    .streamSpecification(st -> st.streamEnabled(true).streamViewType("NEW_IMAGE")));
            client.updateTable(b -> b.tableName("streamed")
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("g")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byG")
                            .keySchema(KeySchemaElement.builder()
                                    .attributeName("g")
                                    .keyType(KeyType.HASH)
                                    .build())
                            .projection(p -> p.projectionType(ProjectionType.ALL))
                            .provisionedThroughput(t -> t.readCapacityUnits(1L).writeCapacityUnits(1L)))));
            client.putItem(b -> b.tableName("streamed").item(Map.of("pk", s("a"), "g", s("x"))));
        }

        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(db);
                var streams = SdkClients.streams(db)) {
            client.putItem(b -> b.tableName("streamed").item(Map.of("pk", s("b"), "g", s("x"))));
            assertThat(client.query(b -> b.tableName("streamed")
                                    .indexName("byG")
                                    .keyConditionExpression("g = :x")
                                    .expressionAttributeValues(Map.of(":x", s("x"))))
                            .count())
                    .isEqualTo(2);
            String arn =
                    client.describeTable(b -> b.tableName("streamed")).table().latestStreamArn();
            String shard = streams.describeStream(b -> b.streamArn(arn))
                    .streamDescription()
                    .shards()
                    .getFirst()
                    .shardId();
            String iterator = streams.getShardIterator(
                            b -> b.streamArn(arn).shardId(shard).shardIteratorType("TRIM_HORIZON"))
                    .shardIterator();
            assertThat(streams.getRecords(b -> b.shardIterator(iterator)).records())
                    .as("only changes after the restart")
                    .extracting(r -> r.dynamodb().keys().get("pk").s())
                    .containsExactly("b");
        }
    }

    @Test
    void aCrashLosesAtMostTheLastSecond() throws Exception {
        EmbeddedDynamoDb crashed =
                EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
        DynamoDbClient client = SdkClients.dynamoDb(crashed);
        createTable(client);
        client.putItem(b -> b.tableName("kept").item(Map.of("pk", s("a"), "g", s("x"))));
        Thread.sleep(1500);
        // A crash: copy the directory as the process left it, without a clean stop.
        Path copy = Files.createTempDirectory("crash");
        try (var files = Files.list(dataDirectory)) {
            for (Path file : files.toList()) Files.copy(file, copy.resolve(file.getFileName()));
        }
        client.close();
        crashed.close();

        try (EmbeddedDynamoDb db =
                        EmbeddedDynamoDb.builder().dataDirectory(copy).start();
                DynamoDbClient restored = SdkClients.dynamoDb(db)) {
            assertThat(restored.getItem(b -> b.tableName("kept").key(Map.of("pk", s("a"))))
                            .item())
                    .containsEntry("g", s("x"));
        }
    }

    @Test
    void aServerThatCannotListenLeavesNoJournalBehind() throws Exception {
        long before = journalThreads();
        try (EmbeddedDynamoDb listening = EmbeddedDynamoDb.start()) {
            assertThatThrownBy(() -> EmbeddedDynamoDb.builder()
                            .port(listening.port())
                            .dataDirectory(dataDirectory)
                            .start())
                    .isInstanceOf(java.io.UncheckedIOException.class)
                    .hasMessageContaining("Cannot listen on 127.0.0.1:" + listening.port());
        }
        // The journal's flusher is a thread per open data directory; it ends once its executor is shut down.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (journalThreads() > before && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(journalThreads()).isEqualTo(before);
    }

    @Test
    void refusesASecondServerOnADataDirectoryInUse() {
        try (EmbeddedDynamoDb first =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(first)) {
            createTable(client);
            client.putItem(b -> b.tableName("kept").item(Map.of("pk", s("a"), "g", s("x"))));

            assertThatThrownBy(() -> EmbeddedDynamoDb.builder()
                            .dataDirectory(dataDirectory)
                            .start())
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessage(
                            "The data directory " + dataDirectory + " is in use by another embedded DynamoDB server");

            // The refused server wrote nothing: the first one's journal still takes writes, and they survive its
            // restart.
            client.putItem(b -> b.tableName("kept").item(Map.of("pk", s("b"), "g", s("x"))));
        }
        try (EmbeddedDynamoDb again =
                        EmbeddedDynamoDb.builder().dataDirectory(dataDirectory).start();
                DynamoDbClient client = SdkClients.dynamoDb(again)) {
            assertThat(client.scan(b -> b.tableName("kept")).count()).isEqualTo(2);
        }
    }

    private static long journalThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("groundwork-dynamodb-journal") && thread.isAlive())
                .count();
    }

    @Test
    void failsEveryCallAsUnavailableForAWhile() {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            db.faults().unavailableFor(Duration.ofMinutes(1));
            assertThatThrownBy(client::listTables)
                    .isInstanceOfSatisfying(
                            DynamoDbException.class,
                            e -> assertThat(e.statusCode()).isEqualTo(503));
            db.faults().clear();
            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }

    @Test
    void throttlesForAWhileThenServesAgain() throws Exception {
        try (EmbeddedDynamoDb db = EmbeddedDynamoDb.start();
                DynamoDbClient client = SdkClients.dynamoDb(db)) {
            db.faults().throttleFor(Duration.ofMillis(200));
            assertThatThrownBy(client::listTables).isInstanceOf(ProvisionedThroughputExceededException.class);
            Thread.sleep(250);
            assertThat(client.listTables().tableNames()).isEmpty();
        }
    }
}
