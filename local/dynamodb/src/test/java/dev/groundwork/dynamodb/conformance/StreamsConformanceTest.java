package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams: the record's shape per view type, order, no-op writes, transactions, and the Streams API. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class StreamsConformanceTest {

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final ScratchTables tables;
    private final StreamRecords records;

    StreamsConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.streams = target.clients().streams();
        this.tables = new ScratchTables(dynamo);
        this.records = new StreamRecords(target.clients());
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    @BeforeEach
    void requireStreams() {
        assumeTrue(target.supports(Capability.STREAMS), target.name() + " does not serve DynamoDB Streams");
    }

    private String streamedTable(StreamViewType view) {
        return tables.create(spec -> spec.stream(view));
    }

    @Test
    void recordsInsertModifyAndRemoveWithBothImages() {
        String table = streamedTable(StreamViewType.NEW_AND_OLD_IMAGES);
        Instant before = Instant.now().minusSeconds(60);

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));
        dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("a")))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n(2))));
        dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("a"))));

        List<Record> all = records.all(table);
        assertThat(all)
                .extracting(Record::eventName)
                .containsExactly(OperationType.INSERT, OperationType.MODIFY, OperationType.REMOVE);
        Record insert = all.get(0);
        Record modify = all.get(1);
        Record remove = all.get(2);
        assertThat(insert.eventSource()).isEqualTo("aws:dynamodb");
        assertThat(insert.eventVersion()).isEqualTo("1.1");
        assertThat(insert.awsRegion()).isEqualTo("us-east-1");
        assertThat(insert.eventID()).isNotBlank().isNotEqualTo(modify.eventID());
        assertThat(insert.dynamodb().keys()).isEqualTo(item("pk", s("a")));
        assertThat(insert.dynamodb().newImage()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(insert.dynamodb().hasOldImage()).isFalse();
        assertThat(insert.dynamodb().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(insert.dynamodb().sizeBytes()).isPositive();
        assertThat(insert.dynamodb().approximateCreationDateTime())
                .isAfter(before)
                .isBefore(Instant.now().plusSeconds(60));
        assertThat(modify.dynamodb().oldImage()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(modify.dynamodb().newImage()).isEqualTo(item("pk", s("a"), "v", n(2)));
        assertThat(remove.dynamodb().oldImage()).isEqualTo(item("pk", s("a"), "v", n(2)));
        assertThat(remove.dynamodb().hasNewImage()).isFalse();
        assertThat(all)
                .extracting(r -> new BigInteger(r.dynamodb().sequenceNumber()))
                .isSorted()
                .doesNotHaveDuplicates();
        assertThat(insert.userIdentity()).isNull();
    }

    @Test
    void keysOnlyViewCarriesNoImages() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));

        Record record = records.all(table).getFirst();
        assertThat(record.dynamodb().keys()).isEqualTo(item("pk", s("a")));
        assertThat(record.dynamodb().hasNewImage()).isFalse();
        assertThat(record.dynamodb().hasOldImage()).isFalse();
        assertThat(record.dynamodb().streamViewType()).isEqualTo(StreamViewType.KEYS_ONLY);
    }

    @Test
    void newImageViewCarriesOnlyTheNewImage() {
        String table = streamedTable(StreamViewType.NEW_IMAGE);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(2))));

        Record modify = records.all(table).get(1);
        assertThat(modify.eventName()).isEqualTo(OperationType.MODIFY);
        assertThat(modify.dynamodb().newImage()).isEqualTo(item("pk", s("a"), "v", n(2)));
        assertThat(modify.dynamodb().hasOldImage()).isFalse();
    }

    @Test
    void oldImageViewCarriesOnlyTheOldImage() {
        String table = streamedTable(StreamViewType.OLD_IMAGE);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(2))));

        List<Record> all = records.all(table);
        assertThat(all.get(0).dynamodb().hasOldImage()).isFalse();
        assertThat(all.get(0).dynamodb().hasNewImage()).isFalse();
        assertThat(all.get(1).dynamodb().oldImage()).isEqualTo(item("pk", s("a"), "v", n(1)));
        assertThat(all.get(1).dynamodb().hasNewImage()).isFalse();
    }

    @Test
    void writesThatChangeNothingProduceNoRecord() {
        String table = streamedTable(StreamViewType.NEW_AND_OLD_IMAGES);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));
        dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("a")))
                .updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("1.0"))));
        dynamo.updateItem(r -> r.tableName(table).key(item("pk", s("a"))).updateExpression("REMOVE absent"));
        dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("never-written"))));

        assertThat(records.all(table)).extracting(Record::eventName).containsExactly(OperationType.INSERT);
    }

    @Test
    void recordsOfOneItemComeInCommitOrder() {
        String table = streamedTable(StreamViewType.NEW_IMAGE);

        for (int i = 1; i <= 25; i++) {
            int value = i;
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(value))));
        }

        assertThat(records.all(table))
                .extracting(
                        r -> Integer.parseInt(r.dynamodb().newImage().get("v").n()))
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
    }

    @Test
    void transactionProducesOneRecordPerItemItChanged() {
        assumeTrue(target.supports(Capability.TRANSACTIONS), "transactions");
        String table = streamedTable(StreamViewType.NEW_AND_OLD_IMAGES);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("old"))));
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("guard"))));
        int before = records.all(table).size();

        dynamo.transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder()
                        .put(p -> p.tableName(table).item(item("pk", s("new"))))
                        .build(),
                TransactWriteItem.builder()
                        .delete(d -> d.tableName(table).key(item("pk", s("old"))))
                        .build(),
                TransactWriteItem.builder()
                        .conditionCheck(c -> c.tableName(table)
                                .key(item("pk", s("guard")))
                                .conditionExpression("attribute_exists(pk)"))
                        .build()));

        List<Record> after = records.all(table);
        assertThat(after.subList(before, after.size()))
                .extracting(
                        r -> r.eventName() + " " + r.dynamodb().keys().get("pk").s())
                .containsExactlyInAnyOrder("INSERT new", "REMOVE old");
    }

    @Test
    void listsAndDescribesTheTablesStream() {
        String table = streamedTable(StreamViewType.NEW_AND_OLD_IMAGES);
        String arn = records.streamArn(table);

        var listed = streams.listStreams(r -> r.tableName(table)).streams();
        StreamDescription description =
                streams.describeStream(r -> r.streamArn(arn)).streamDescription();

        assertThat(listed).singleElement().satisfies(stream -> {
            assertThat(stream.streamArn()).isEqualTo(arn);
            assertThat(stream.tableName()).isEqualTo(table);
            assertThat(stream.streamLabel()).isNotBlank();
        });
        assertThat(description.streamArn()).isEqualTo(arn);
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(description.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(description.tableName()).isEqualTo(table);
        assertThat(description.keySchema()).extracting(k -> k.attributeName()).containsExactly("pk");
        assertThat(description.shards()).isNotEmpty().allSatisfy(shard -> {
            assertThat(shard.shardId()).isNotBlank();
            assertThat(shard.sequenceNumberRange().startingSequenceNumber()).isNotBlank();
        });
    }

    @Test
    void latestIteratorSeesOnlyLaterRecords() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("before"))));
        String arn = records.streamArn(table);
        Shard shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .getLast();
        String latest = streams.getShardIterator(
                        r -> r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.LATEST))
                .shardIterator();

        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("after"))));

        assertThat(records.drain(latest))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("after");
    }

    @Test
    void startsAtOrAfterASequenceNumber() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        for (String key : List.of("a", "b", "c")) {
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s(key))));
        }
        String arn = records.streamArn(table);
        List<Record> all = records.all(table);
        String second = all.get(1).dynamodb().sequenceNumber();
        Shard shard = streams.describeStream(r -> r.streamArn(arn)).streamDescription().shards().stream()
                .filter(s -> new BigInteger(s.sequenceNumberRange().startingSequenceNumber())
                                .compareTo(new BigInteger(second))
                        <= 0)
                .reduce((first, later) -> later)
                .orElseThrow();

        String at = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                        .sequenceNumber(second))
                .shardIterator();
        String after = streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                        .sequenceNumber(second))
                .shardIterator();

        assertThat(records.drain(at))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("b", "c");
        assertThat(records.drain(after))
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("c");
    }

    @Test
    void pagesRecordsWithLimitAndNextShardIterator() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        for (String key : List.of("a", "b", "c", "d", "e")) {
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s(key))));
        }
        String arn = records.streamArn(table);
        Shard shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst();
        String iterator = streams.getShardIterator(r ->
                        r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                .shardIterator();

        GetRecordsResponse first =
                streams.getRecords(r -> r.shardIterator(iterator).limit(2));
        GetRecordsResponse second = streams.getRecords(
                r -> r.shardIterator(first.nextShardIterator()).limit(2));

        assertThat(first.records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("a", "b");
        assertThat(second.records())
                .extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("c", "d");
        assertThat(second.nextShardIterator()).isNotBlank();
    }

    @Test
    void answersResourceNotFoundForAnUnknownStream() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        String unknown = records.streamArn(table).replace(table, "no-such-table-here");

        assertError(ResourceNotFoundException.class, () -> streams.describeStream(r -> r.streamArn(unknown)));
    }

    @Test
    void rejectsASequenceNumberIteratorWithoutTheNumber() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        String arn = records.streamArn(table);
        Shard shard = streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()
                .getFirst();

        AwsErrors.assertValidationError(
                () -> streams.getShardIterator(r -> r.streamArn(arn)
                        .shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)),
                "SequenceNumber");
    }

    @Test
    void disablingTheStreamStopsRecords() {
        String table = streamedTable(StreamViewType.KEYS_ONLY);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("before"))));
        String arn = records.streamArn(table);

        dynamo.updateTable(r -> r.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        tables.awaitActive(table);
        dynamo.putItem(r -> r.tableName(table).item(item("pk", s("after"))));

        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        StreamDescription description;
        do {
            description = streams.describeStream(r -> r.streamArn(arn)).streamDescription();
        } while (description.streamStatus() != StreamStatus.DISABLED
                && Instant.now().isBefore(deadline));
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        List<Record> all = new java.util.ArrayList<>();
        for (Shard shard : description.shards()) {
            all.addAll(records.drain(streams.getShardIterator(r ->
                            r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator()));
        }
        assertThat(all).extracting(r -> r.dynamodb().keys().get("pk").s()).containsExactly("before");
    }
}
