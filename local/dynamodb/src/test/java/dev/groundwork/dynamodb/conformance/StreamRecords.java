package dev.groundwork.dynamodb.conformance;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a table's stream the way a consumer does: every shard from TRIM_HORIZON until it has nothing more. */
final class StreamRecords {

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;

    StreamRecords(TargetClients clients) {
        this.dynamo = clients.dynamo();
        this.streams = clients.streams();
    }

    String streamArn(String table) {
        return dynamo.describeTable(r -> r.tableName(table)).table().latestStreamArn();
    }

    List<Record> all(String table) {
        String arn = streamArn(table);
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(r -> r.streamArn(arn))
                .streamDescription()
                .shards()) {
            String iterator = streams.getShardIterator(r ->
                            r.streamArn(arn).shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                    .shardIterator();
            records.addAll(drain(iterator));
        }
        return records;
    }

    /** Follows NextShardIterator until a page comes back empty (an open shard always gives a next iterator). */
    List<Record> drain(String iterator) {
        List<Record> records = new ArrayList<>();
        String next = iterator;
        for (int page = 0; page < 1000 && next != null; page++) {
            String current = next;
            GetRecordsResponse response = streams.getRecords(r -> r.shardIterator(current));
            if (response.records().isEmpty()) {
                break;
            }
            records.addAll(response.records());
            next = response.nextShardIterator();
        }
        return records;
    }
}
