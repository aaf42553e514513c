package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.StreamLog;
import dev.groundwork.dynamodb.storage.StreamRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The DynamoDB Streams API: ListStreams, DescribeStream, GetShardIterator and GetRecords. A shard iterator is an
 * opaque string naming the stream, the shard, the position (read after this sequence number) and when it was issued;
 * AWS lets an iterator live 15 minutes.
 */
final class StreamOperations {
    static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(15);

    private final Database database;

    StreamOperations(Database database) {
        this.database = database;
    }

    ObjectNode listStreams(Request request) {
        String tableName = request.optionalString("TableName");
        Access.resource(request, "ListStreams", "*");
        String start = request.optionalString("ExclusiveStartStreamArn");
        Integer limit = request.optionalIntBetween("Limit", "limit", 1, 100);
        int max = limit == null ? 100 : limit;
        ObjectNode response = Json.object();
        ArrayNode streams = response.putArray("Streams");
        boolean started = start == null;
        String last = null;
        for (StreamLog log : database.streams()) {
            if (tableName != null && !log.tableName.equals(tableName)) continue;
            if (!started) {
                if (log.arn.equals(start)) started = true;
                continue;
            }
            if (streams.size() == max) {
                response.put("LastEvaluatedStreamArn", last);
                break;
            }
            streams.addObject()
                    .put("StreamArn", log.arn)
                    .put("TableName", log.tableName)
                    .put("StreamLabel", log.label);
            last = log.arn;
        }
        return response;
    }

    ObjectNode describeStream(Request request) {
        StreamLog log = database.stream(Access.resourceNamed(request, "DescribeStream", "StreamArn"));
        ObjectNode response = Json.object();
        response.set("StreamDescription", description(log, log.enabled() ? "ENABLED" : "DISABLED"));
        return response;
    }

    ObjectNode getShardIterator(Request request) {
        StreamLog log = database.stream(Access.resourceNamed(request, "GetShardIterator", "StreamArn"));
        String shardId = request.requiredString("ShardId");
        String type = request.choice(
                "ShardIteratorType",
                null,
                "shardIteratorType",
                "TRIM_HORIZON",
                "LATEST",
                "AT_SEQUENCE_NUMBER",
                "AFTER_SEQUENCE_NUMBER");
        if (type == null) throw Request.missing("ShardIteratorType");
        if (!log.shardId.equals(shardId)) {
            throw DynamoDbException.resourceNotFound("Requested resource not found: Shard does not exist");
        }
        String sequenceText = request.optionalString("SequenceNumber");
        long position = switch (type) {
            case "TRIM_HORIZON" -> StreamLog.TRIM_HORIZON;
            case "LATEST" -> log.latestSequence();
            default -> {
                if (sequenceText == null) {
                    throw DynamoDbException.validation("Must provide a SequenceNumber for iterator type " + type);
                }
                long sequence;
                try {
                    sequence = Long.parseLong(sequenceText);
                } catch (NumberFormatException e) {
                    throw DynamoDbException.validation("Invalid SequenceNumber: " + sequenceText);
                }
                if (sequence <= log.lastTrimmedSequence()) {
                    throw new DynamoDbException(
                            DynamoDbException.TRIMMED_DATA_ACCESS,
                            "The operation attempted to read past the oldest stream record in a shard.");
                }
                yield type.equals("AT_SEQUENCE_NUMBER") ? sequence - 1 : sequence;
            }
        };
        if (!type.equals("TRIM_HORIZON") && !type.equals("LATEST") && sequenceText == null)
            throw Request.missing("SequenceNumber");
        ObjectNode response = Json.object();
        response.put("ShardIterator", iterator(log, position, database.clock().millis()));
        return response;
    }

    ObjectNode getRecords(Request request) {
        String iterator = request.requiredString("ShardIterator");
        Integer limit = request.optionalIntBetween("Limit", "limit", 1, 1000);
        Position position = Position.parse(iterator);
        Access.resource(request, "GetRecords", position.streamArn());
        StreamLog log = database.stream(position.streamArn());
        long now = database.clock().millis();
        if (now - position.issuedAtMillis() > ITERATOR_LIFETIME.toMillis()) {
            throw new DynamoDbException(
                    DynamoDbException.EXPIRED_ITERATOR,
                    "Iterator expired. The iterator was created at time "
                            + Instant.ofEpochMilli(position.issuedAtMillis()) + " while right now it is "
                            + Instant.ofEpochMilli(now)
                            + " which is further in the future than the tolerated delay of "
                            + ITERATOR_LIFETIME.toMillis() + " milliseconds.");
        }
        StreamLog.Page page = log.read(position.afterSequence(), limit == null ? 1000 : limit, now);
        ObjectNode response = Json.object();
        ArrayNode records = response.putArray("Records");
        for (StreamRecord record : page.records()) records.add(recordJson(record, database.region(), log.viewType));
        if (!page.shardExhausted()) {
            long next = page.records().isEmpty() ? position.afterSequence() : page.position();
            response.put("NextShardIterator", iterator(log, next, now));
        }
        return response;
    }

    private static String iterator(StreamLog log, long afterSequence, long issuedAtMillis) {
        String text = log.arn + "|" + log.shardId + "|" + afterSequence + "|" + issuedAtMillis;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private record Position(String streamArn, long afterSequence, long issuedAtMillis) {
        static Position parse(String iterator) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8);
                List<String> parts = List.of(text.split("\\|"));
                if (parts.size() != 4) throw new IllegalArgumentException(text);
                return new Position(parts.get(0), Long.parseLong(parts.get(2)), Long.parseLong(parts.get(3)));
            } catch (IllegalArgumentException e) {
                throw DynamoDbException.validation("Invalid ShardIterator");
            }
        }
    }

    private static ObjectNode description(StreamLog log, String status) {
        ObjectNode json = Json.object()
                .put("StreamArn", log.arn)
                .put("StreamLabel", log.label)
                .put("StreamStatus", status)
                .put("StreamViewType", log.viewType)
                .put("CreationRequestDateTime", log.createdAtMillis / 1000.0)
                .put("TableName", log.tableName);
        json.set("KeySchema", TableJson.keySchema(log.keys));
        StreamLog.SequenceRange sequences = log.sequenceRange();
        ObjectNode shard = json.putArray("Shards").addObject().put("ShardId", log.shardId);
        ObjectNode range = shard.putObject("SequenceNumberRange")
                .put("StartingSequenceNumber", StreamRecord.sequenceText(sequences.starting()));
        if (sequences.ending() >= 0) range.put("EndingSequenceNumber", StreamRecord.sequenceText(sequences.ending()));
        return json;
    }

    private static ObjectNode recordJson(StreamRecord record, String region, String viewType) {
        ObjectNode json = Json.object()
                .put("eventID", record.eventId())
                .put("eventName", record.eventName())
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", region);
        ObjectNode dynamodb = json.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", record.createdAtMillis() / 1000);
        dynamodb.putRawValue("Keys", new RawValue(record.keys()));
        if (record.newImage() != null) dynamodb.putRawValue("NewImage", new RawValue(record.newImage()));
        if (record.oldImage() != null) dynamodb.putRawValue("OldImage", new RawValue(record.oldImage()));
        dynamodb.put("SequenceNumber", StreamRecord.sequenceText(record.sequence()));
        dynamodb.put("SizeBytes", record.sizeBytes());
        dynamodb.put("StreamViewType", viewType);
        if (record.byTimeToLive())
            json.putObject("userIdentity")
                    .put("PrincipalId", StreamRecord.SERVICE_PRINCIPAL)
                    .put("Type", "Service");
        return json;
    }
}
