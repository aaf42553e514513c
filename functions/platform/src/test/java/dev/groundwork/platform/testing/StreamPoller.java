package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Stands in for Lambda's DynamoDB stream event source (the local runner's stream path is not on this branch yet):
 * reads each shard of the embedded DynamoDB's stream through the Streams API from TRIM_HORIZON, and hands batches of
 * up to {@code batchSize} records to a function as the {@link DynamodbEvent} Lambda would build. A batch whose
 * function throws is handed over again, whole, as Lambda does without bisecting.
 */
public final class StreamPoller {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final int batchSize;
    private final Map<String, String> iterators = new LinkedHashMap<>();

    public StreamPoller(LocalCloud cloud, String table, int batchSize) {
        this.streams = cloud.streams();
        this.streamArn = cloud.dynamoDb()
                .describeTable(describe -> describe.tableName(table))
                .table()
                .latestStreamArn();
        this.batchSize = batchSize;
    }

    /** Delivers every record written so far; returns how many. */
    public int drain(Consumer<DynamodbEvent> function) {
        int delivered = 0;
        for (Shard shard : streams.describeStream(describe -> describe.streamArn(streamArn))
                .streamDescription()
                .shards()) {
            String iterator = iterators.computeIfAbsent(
                    shard.shardId(),
                    id -> streams.getShardIterator(get -> get.streamArn(streamArn)
                                    .shardId(id)
                                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                            .shardIterator());
            while (iterator != null) {
                String current = iterator;
                var page = streams.getRecords(get -> get.shardIterator(current).limit(batchSize));
                if (!page.records().isEmpty()) {
                    DynamodbEvent event = event(page.records());
                    deliver(function, event);
                    delivered += page.records().size();
                }
                iterator = page.nextShardIterator();
                iterators.put(shard.shardId(), iterator);
                if (page.records().isEmpty()) {
                    break;
                }
            }
        }
        return delivered;
    }

    private static void deliver(Consumer<DynamodbEvent> function, DynamodbEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                function.accept(event);
                return;
            } catch (RuntimeException failed) {
                if (attempt == 10) {
                    throw failed;
                }
            }
        }
    }

    private DynamodbEvent event(List<Record> records) {
        List<DynamodbEvent.DynamodbStreamRecord> converted = new ArrayList<>();
        for (Record record : records) {
            DynamodbEvent.DynamodbStreamRecord lambda = new DynamodbEvent.DynamodbStreamRecord();
            lambda.setEventID(record.eventID());
            lambda.setEventName(record.eventNameAsString());
            lambda.setEventSource("aws:dynamodb");
            lambda.setEventVersion("1.1");
            lambda.setAwsRegion("us-east-1");
            lambda.setEventSourceARN(streamArn);
            StreamRecord stream = new StreamRecord();
            var source = record.dynamodb();
            stream.setKeys(image(source.keys()));
            if (source.hasNewImage()) {
                stream.setNewImage(image(source.newImage()));
            }
            if (source.hasOldImage()) {
                stream.setOldImage(image(source.oldImage()));
            }
            stream.setSequenceNumber(source.sequenceNumber());
            stream.setSizeBytes(source.sizeBytes());
            stream.setStreamViewType(
                    com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
            stream.setApproximateCreationDateTime(Date.from(source.approximateCreationDateTime()));
            lambda.setDynamodb(stream);
            converted.add(lambda);
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    /** An SDK item as the Lambda event's attribute model. */
    public static Map<String, AttributeValue> image(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> image = new HashMap<>();
        item.forEach((name, value) -> image.put(name, value(value)));
        return image;
    }

    private static AttributeValue value(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        AttributeValue converted = new AttributeValue();
        switch (value.type()) {
            case S -> converted.setS(value.s());
            case N -> converted.setN(value.n());
            case B -> converted.setB(value.b().asByteBuffer());
            case BOOL -> converted.setBOOL(value.bool());
            case NUL -> converted.setNULL(true);
            case SS -> converted.setSS(value.ss());
            case NS -> converted.setNS(value.ns());
            case BS ->
                converted.setBS(
                        value.bs().stream().map(bytes -> bytes.asByteBuffer()).toList());
            case M -> converted.setM(image(value.m()));
            case L -> converted.setL(value.l().stream().map(StreamPoller::value).toList());
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        }
        return converted;
    }
}
