package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AWS's rules measured in time, on an embedded server whose clock the test moves: a shard iterator expires 15
 * minutes after it is issued, stream records are kept 24 hours, and TTL compares the item's epoch seconds with now.
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetShardIterator.html
 */
class TimeRulesConformanceTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private EmbeddedDynamoDb server;
    private DynamoDbClient dynamo;
    private DynamoDbStreamsClient streams;
    private String table;

    @BeforeEach
    void start() {
        server = EmbeddedDynamoDb.builder()
                .clock(clock)
                .ttlSweepInterval(Duration.ofMillis(50))
                .start();
        TargetClients clients = TargetClients.forEndpoint(server.endpoint());
        dynamo = clients.dynamo();
        streams = clients.streams();
        table = new ScratchTables(dynamo).create(spec -> spec.stream(StreamViewType.KEYS_ONLY));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String streamArn() {
        return dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    private String trimHorizon() {
        String arn = streamArn();
        Shard shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst();
        return streams.getShardIterator(r ->
                        r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();
    }

    @Test
    void shardIteratorStillWorksFourteenMinutesLater() {
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));
        String iterator = trimHorizon();

        clock.advance(Duration.ofMinutes(14));

        assertThat(streams.getRecords(r -> r.shardIterator(iterator)).records()).hasSize(1);
    }

    @Test
    void shardIteratorExpiresAfterFifteenMinutes() {
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));
        String iterator = trimHorizon();

        clock.advance(Duration.ofMinutes(16));

        assertError(ExpiredIteratorException.class, () -> streams.getRecords(r -> r.shardIterator(iterator)));
    }

    @Test
    void recordsOlderThanTwentyFourHoursAreTrimmed() {
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("old"))));
        String arn = streamArn();
        Shard shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst();
        String oldSequence = new StreamRecords(TargetClients.forEndpoint(server.endpoint()))
                .all(table)
                .getFirst()
                .dynamodb()
                .sequenceNumber();

        clock.advance(Duration.ofHours(25));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("new"))));

        List<Record> kept = new StreamRecords(TargetClients.forEndpoint(server.endpoint())).all(table);
        assertThat(kept).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("new");
        assertError(
                TrimmedDataAccessException.class,
                () -> streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(oldSequence)));
    }

    @Test
    void timeToLiveFollowsTheServersClock() throws InterruptedException {
        dynamo.updateTimeToLive(r ->
                r.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("a"), "expiresAt", n(clock.instant().getEpochSecond() + 60))));

        Thread.sleep(300);
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"))))
                        .hasItem())
                .isTrue();
        clock.advance(Duration.ofMinutes(2));

        Instant deadline = Instant.now().plusSeconds(10);
        while (dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a")))).hasItem()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"))))
                        .hasItem())
                .isFalse();
    }

    @Test
    void clientRequestTokenIsForgottenAfterTenMinutes() {
        String token = java.util.UUID.randomUUID().toString();
        TransactWriteItem increment = TransactWriteItem.builder()
                .update(u -> u.tableName(table)
                        .key(item("pk", s("counter")))
                        .updateExpression("ADD qty :one")
                        .expressionAttributeValues(java.util.Map.of(":one", n(1))))
                .build();
        dynamo.transactWriteItems(r -> r.clientRequestToken(token).transactItems(increment));

        clock.advance(Duration.ofMinutes(9));
        dynamo.transactWriteItems(r -> r.clientRequestToken(token).transactItems(increment));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("counter"))))
                        .item())
                .containsEntry("qty", n(1));

        clock.advance(Duration.ofMinutes(2));
        dynamo.transactWriteItems(r -> r.clientRequestToken(token).transactItems(increment));
        assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("counter"))))
                        .item())
                .containsEntry("qty", n(2));
    }

    @Test
    void streamRecordsCarryTheServersTime() {
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"))));

        Record record = new StreamRecords(TargetClients.forEndpoint(server.endpoint()))
                .all(table)
                .getFirst();

        assertThat(record.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void keepsANewTableCreatingForTheChosenDelay() {
        try (EmbeddedDynamoDb slow = EmbeddedDynamoDb.builder()
                .clock(clock)
                .tableCreationDelay(Duration.ofSeconds(5))
                .start()) {
            DynamoDbClient client = TargetClients.forEndpoint(slow.endpoint()).dynamo();
            String created = ScratchTables.uniqueName("t");
            client.createTable(new ScratchTables.Spec(created).request());

            assertThat(client.describeTable(r -> r.tableName(created)).table().tableStatus())
                    .isEqualTo(TableStatus.CREATING);
            assertError(
                    ResourceNotFoundException.class,
                    () -> client.putItem(r -> r.tableName(created).item(item("pk", s("a")))));
            assertError(ResourceInUseException.class, () -> client.deleteTable(r -> r.tableName(created)));

            clock.advance(Duration.ofSeconds(5));

            assertThat(client.describeTable(r -> r.tableName(created)).table().tableStatus())
                    .isEqualTo(TableStatus.ACTIVE);
            client.putItem(r -> r.tableName(created).item(item("pk", s("a"))));
        }
    }

    @Test
    void keepsTheGlobalIndexesOfANewTableCreatingWithIt() {
        try (EmbeddedDynamoDb slow = EmbeddedDynamoDb.builder()
                .clock(clock)
                .tableCreationDelay(Duration.ofSeconds(5))
                .start()) {
            DynamoDbClient client = TargetClients.forEndpoint(slow.endpoint()).dynamo();
            String created = ScratchTables.uniqueName("t");
            client.createTable(new ScratchTables.Spec(created)
                    .globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, ScratchTables.Spec.all())
                    .request());

            GlobalSecondaryIndexDescription creating = client.describeTable(r -> r.tableName(created))
                    .table()
                    .globalSecondaryIndexes()
                    .getFirst();
            assertThat(creating.indexStatus()).isEqualTo(IndexStatus.CREATING);
            // Backfilling is for an index added to a table that exists, not for one created with its table.
            assertThat(creating.backfilling()).isNull();

            clock.advance(Duration.ofSeconds(5));

            assertThat(client.describeTable(r -> r.tableName(created))
                            .table()
                            .globalSecondaryIndexes()
                            .getFirst()
                            .indexStatus())
                    .isEqualTo(IndexStatus.ACTIVE);
        }
    }

    @Test
    void refusesToUpdateATableThatIsStillCreating() {
        try (EmbeddedDynamoDb slow = EmbeddedDynamoDb.builder()
                .clock(clock)
                .tableCreationDelay(Duration.ofSeconds(5))
                .start()) {
            DynamoDbClient client = TargetClients.forEndpoint(slow.endpoint()).dynamo();
            String created = ScratchTables.uniqueName("t");
            client.createTable(new ScratchTables.Spec(created).request());

            ResourceInUseException refused = assertError(
                    ResourceInUseException.class,
                    () -> client.updateTable(r -> r.tableName(created).deletionProtectionEnabled(true)));

            assertThat(refused.awsErrorDetails().errorMessage())
                    .isEqualTo(
                            "Attempt to change a resource which is still in use: Table is being created: " + created);
        }
    }

    @Test
    void keepsAnIndexAddedByUpdateTableCreatingAndUnreadableWhileItBackfills() {
        try (EmbeddedDynamoDb slow = EmbeddedDynamoDb.builder()
                .clock(clock)
                .tableCreationDelay(Duration.ofSeconds(5))
                .start()) {
            DynamoDbClient client = TargetClients.forEndpoint(slow.endpoint()).dynamo();
            String created = ScratchTables.uniqueName("t");
            client.createTable(new ScratchTables.Spec(created).request());
            clock.advance(Duration.ofSeconds(5));
            client.putItem(r -> r.tableName(created).item(item("pk", s("a"), "owner", s("ann"))));

            client.updateTable(r -> r.tableName(created)
                    .attributeDefinitions(a -> a.attributeName("owner").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("by-owner")
                            .keySchema(k -> k.attributeName("owner").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))));

            GlobalSecondaryIndexDescription building = client.describeTable(r -> r.tableName(created))
                    .table()
                    .globalSecondaryIndexes()
                    .getFirst();
            assertThat(building.indexStatus()).isEqualTo(IndexStatus.CREATING);
            assertThat(building.backfilling()).isTrue();
            assertValidationError(
                    () -> client.query(queryByOwner(created)),
                    "Cannot read from backfilling global secondary index: by-owner");

            clock.advance(Duration.ofSeconds(5));

            GlobalSecondaryIndexDescription built = client.describeTable(r -> r.tableName(created))
                    .table()
                    .globalSecondaryIndexes()
                    .getFirst();
            assertThat(built.indexStatus()).isEqualTo(IndexStatus.ACTIVE);
            assertThat(client.query(queryByOwner(created)).items())
                    .containsExactly(item("pk", s("a"), "owner", s("ann")));
        }
    }

    private static QueryRequest queryByOwner(String table) {
        return QueryRequest.builder()
                .tableName(table)
                .indexName("by-owner")
                .keyConditionExpression("#o = :o")
                .expressionAttributeNames(Map.of("#o", "owner"))
                .expressionAttributeValues(Map.of(":o", s("ann")))
                .build();
    }

    @Test
    void makesATableActiveAtOnceByDefault() {
        assertThat(dynamo.describeTable(r -> r.tableName(table)).table().tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
    }
}
