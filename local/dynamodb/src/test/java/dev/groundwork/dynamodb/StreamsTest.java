package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class StreamsTest {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    EmbeddedDynamoDb db;
    DynamoDbClient client;
    DynamoDbStreamsClient streams;

    @BeforeEach
    void start() {
        db = EmbeddedDynamoDb.builder()
                .clock(clock)
                .ttlSweepInterval(Duration.ofHours(1))
                .start();
        client = SdkClients.dynamoDb(db);
        streams = SdkClients.streams(db);
        client.createTable(b -> b.tableName("events")
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

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    String streamArn() {
        return client.describeTable(b -> b.tableName("events")).table().latestStreamArn();
    }

    List<Record> readAll(ShardIteratorType type) {
        String arn = streamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String iterator = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(type))
                .shardIterator();
        return streams.getRecords(b -> b.shardIterator(iterator)).records();
    }

    @Test
    void recordsInsertModifyAndRemoveWithTheRealShape() {
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("a"), "v", s("1"))));
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("a"), "v", s("2"))));
        client.deleteItem(b -> b.tableName("events").key(Map.of("pk", s("a"))));

        List<Record> records = readAll(ShardIteratorType.TRIM_HORIZON);

        assertThat(records)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record modify = records.get(1);
        assertThat(modify.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(modify.eventVersion()).isEqualTo("1.1");
        assertThat(modify.awsRegion()).isEqualTo("us-east-1");
        assertThat(modify.eventID()).isNotBlank();
        assertThat(modify.dynamodb().keys()).isEqualTo(Map.of("pk", s("a")));
        assertThat(modify.dynamodb().oldImage()).isEqualTo(Map.of("pk", s("a"), "v", s("1")));
        assertThat(modify.dynamodb().newImage()).isEqualTo(Map.of("pk", s("a"), "v", s("2")));
        assertThat(modify.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(modify.dynamodb().approximateCreationDateTime()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(modify.dynamodb().sizeBytes()).isPositive();
        assertThat(records)
                .extracting(r -> r.dynamodb().sequenceNumber())
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(records.get(0).dynamodb().oldImage()).isEmpty();
        assertThat(records.get(2).dynamodb().newImage()).isEmpty();
    }

    @Test
    void writesThatChangeNothingLeaveNoRecord() {
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("a"), "v", s("1"))));
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("a"), "v", s("1"))));
        client.deleteItem(b -> b.tableName("events").key(Map.of("pk", s("missing"))));

        assertThat(readAll(ShardIteratorType.TRIM_HORIZON)).hasSize(1);
    }

    @Test
    void aTransactionLeavesOneRecordPerItem() {
        client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName("events").item(Map.of("pk", s("x"))))
                        .build(),
                TransactWriteItem.builder()
                        .put(p -> p.tableName("events").item(Map.of("pk", s("y"))))
                        .build()));

        assertThat(readAll(ShardIteratorType.TRIM_HORIZON))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("x", "y");
    }

    @Test
    void latestIteratorSeesOnlyLaterChangesAndPagesByLimit() {
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("before"))));
        String arn = streamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String latest = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("after1"))));
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("after2"))));

        var first = streams.getRecords(b -> b.shardIterator(latest).limit(1));
        var second = streams.getRecords(
                b -> b.shardIterator(first.nextShardIterator()).limit(1));
        var third = streams.getRecords(b -> b.shardIterator(second.nextShardIterator()));

        assertThat(first.records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after1");
        assertThat(second.records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after2");
        assertThat(third.records()).isEmpty();
        assertThat(third.nextShardIterator()).isNotNull();

        String afterFirst = streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(first.records().getFirst().dynamodb().sequenceNumber()))
                .shardIterator();
        assertThat(streams.getRecords(b -> b.shardIterator(afterFirst)).records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after2");
        String atFirst = streams.getShardIterator(b -> b.streamArn(arn)
                        .shardId(shard)
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(first.records().getFirst().dynamodb().sequenceNumber()))
                .shardIterator();
        assertThat(streams.getRecords(b -> b.shardIterator(atFirst)).records()).hasSize(2);
    }

    @Test
    void iteratorsExpireAfterFifteenMinutes() {
        String arn = streamArn();
        String shard = streams.describeStream(b -> b.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst()
                .shardId();
        String iterator = streams.getShardIterator(
                        b -> b.streamArn(arn).shardId(shard).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        clock.advance(Duration.ofMinutes(16));

        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class);
    }

    @Test
    void recordsAgeOutAfter24Hours() {
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("old"))));
        clock.advance(Duration.ofHours(25));
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("new"))));

        assertThat(readAll(ShardIteratorType.TRIM_HORIZON))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("new");
    }

    @Test
    void aShardWhoseRecordsAllAgedOutReadsEmptyFromEitherEnd() {
        client.putItem(b -> b.tableName("events").item(Map.of("pk", s("old"))));
        clock.advance(Duration.ofHours(25));

        assertThat(readAll(ShardIteratorType.TRIM_HORIZON)).isEmpty();
        assertThat(readAll(ShardIteratorType.LATEST)).isEmpty();
        client.updateTable(b -> b.tableName("events").streamSpecification(st -> st.streamEnabled(false)));
        assertThat(readAll(ShardIteratorType.TRIM_HORIZON)).isEmpty();
    }

    @Test
    void listsAndDescribesTheStream() {
        var listed = streams.listStreams(b -> b.tableName("events")).streams();
        assertThat(listed).hasSize(1);
        var description = streams.describeStream(
                        b -> b.streamArn(listed.getFirst().streamArn()))
                .streamDescription();
        assertThat(description.streamStatusAsString()).isEqualTo("ENABLED");
        assertThat(description.tableName()).isEqualTo("events");
        assertThat(description.shards()).hasSize(1);

        client.updateTable(b -> b.tableName("events").streamSpecification(s -> s.streamEnabled(false)));
        assertThat(streams.describeStream(b -> b.streamArn(listed.getFirst().streamArn()))
                        .streamDescription()
                        .streamStatusAsString())
                .isEqualTo("DISABLED");
    }

    @Test
    void timeToLiveDeletionsAreSignedByTheService() {
        client.updateTimeToLive(b -> b.tableName("events")
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expires")));
        long now = clock.instant().getEpochSecond();
        client.putItem(b -> b.tableName("events")
                .item(Map.of("pk", s("due"), "expires", AttributeValue.fromN(Long.toString(now + 10)))));
        client.putItem(b -> b.tableName("events")
                .item(Map.of("pk", s("later"), "expires", AttributeValue.fromN(Long.toString(now + 1000)))));
        client.putItem(b -> b.tableName("events")
                .item(Map.of("pk", s("ancient"), "expires", AttributeValue.fromN("1")))); // > 5 years ago: kept

        clock.advance(Duration.ofSeconds(11));
        assertThat(client.getItem(b -> b.tableName("events").key(Map.of("pk", s("due"))))
                        .hasItem())
                .as("readable until swept")
                .isTrue();
        assertThat(db.sweepExpiredItems()).isEqualTo(1);

        assertThat(client.getItem(b -> b.tableName("events").key(Map.of("pk", s("due"))))
                        .hasItem())
                .isFalse();
        assertThat(client.getItem(b -> b.tableName("events").key(Map.of("pk", s("later"))))
                        .hasItem())
                .isTrue();
        assertThat(client.getItem(b -> b.tableName("events").key(Map.of("pk", s("ancient"))))
                        .hasItem())
                .isTrue();
        Record removal = readAll(ShardIteratorType.TRIM_HORIZON).getLast();
        assertThat(removal.eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(removal.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(removal.userIdentity().type()).isEqualTo("Service");
        assertThat(client.describeTimeToLive(b -> b.tableName("events"))
                        .timeToLiveDescription()
                        .attributeName())
                .isEqualTo("expires");
    }
}
