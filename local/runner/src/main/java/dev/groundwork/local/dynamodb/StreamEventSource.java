package dev.groundwork.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.sqs.LocalQueues;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a table's stream as Lambda's DynamoDB event source mapping (or an EventBridge pipe) does: every shard in
 * order, from TRIM_HORIZON or LATEST, in batches; a batch is retried until it succeeds, until
 * {@code MaximumRetryAttempts}, or (with {@code ReportBatchItemFailures}) from the first failed record on, so a shard
 * never skips a record silently. Two targets: a function (the event source mapping) or a queue (a pipe to SQS, each
 * record one message), which is how the deployed stream → queue path is emulated.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html
 */
public final class StreamEventSource implements AutoCloseable {
    /** Lambda's event around its records: {@code {"Records":[...]}}. */
    private static final byte[] EVENT_START = "{\"Records\":[".getBytes(StandardCharsets.UTF_8);

    private static final byte[] EVENT_END = "]}".getBytes(StandardCharsets.UTF_8);
    private static final int ENVELOPE_BYTES = EVENT_START.length + EVENT_END.length;

    /** Where records go. */
    public sealed interface Target {
        record Function(
                LocalFunction function,
                boolean reportBatchItemFailures,
                int maximumRetryAttempts,
                String onFailureQueue)
                implements Target {}

        record Queue(String queueName) implements Target {}
    }

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    private final String name;
    private final String streamArn;
    /** {@code "eventSourceARN":"<stream ARN>"}, as every record's event carries it: written once, not per record. */
    private final String eventSourceArnMember;

    private final String startingPosition;
    private final int batchSize;
    private final Duration batchingWindow;
    private final Target target;
    private final AwsJsonClient streams;
    private final Optional<LocalQueues> queues;
    private final AccessLog log;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Set<String> finishedShards = new HashSet<>();
    private volatile boolean running = true;
    private Thread poller;

    public StreamEventSource(
            String name,
            URI dynamodbEndpoint,
            String region,
            String streamArn,
            String startingPosition,
            int batchSize,
            Duration batchingWindow,
            Target target,
            Optional<LocalQueues> queues,
            AccessLog log) {
        this.name = name;
        this.log = log;
        this.streamArn = streamArn;
        this.eventSourceArnMember =
                "\"eventSourceARN\":" + AwsJsonClient.JSON.getNodeFactory().textNode(streamArn);
        this.startingPosition = startingPosition;
        this.batchSize = Math.max(1, Math.min(batchSize, 1000));
        this.batchingWindow = batchingWindow;
        this.target = target;
        this.queues = queues;
        this.streams = new AwsJsonClient(dynamodbEndpoint, "DynamoDBStreams_20120810", "dynamodb", region);
    }

    public void start() {
        // Discover the shards now, so that LATEST means "from the moment the runner started".
        discoverShards();
        poller = Thread.ofPlatform().daemon().name("stream-" + name).start(this::poll);
    }

    private void poll() {
        long lastDiscovery = System.nanoTime();
        while (running) {
            try {
                boolean delivered = false;
                for (String shard : new ArrayList<>(iterators.keySet())) {
                    delivered |= pollShard(shard);
                }
                if (System.nanoTime() - lastDiscovery > Duration.ofSeconds(2).toNanos()) {
                    discoverShards();
                    lastDiscovery = System.nanoTime();
                }
                if (!delivered) {
                    Thread.sleep(POLL_INTERVAL);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (running) {
                    log.note("stream " + name + ": " + e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    private void discoverShards() {
        ObjectNode request = streams.object().put("StreamArn", streamArn);
        String lastShard = null;
        do {
            if (lastShard != null) {
                request.put("ExclusiveStartShardId", lastShard);
            }
            JsonNode description = streams.call("DescribeStream", request).path("StreamDescription");
            for (JsonNode shard : description.path("Shards")) {
                String shardId = shard.path("ShardId").asText();
                if (iterators.containsKey(shardId) || finishedShards.contains(shardId)) {
                    continue;
                }
                String parent = shard.path("ParentShardId").asText(null);
                // A child shard starts where its parent ends: read it from its beginning once the parent is done.
                boolean afterParent =
                        parent != null && (finishedShards.contains(parent) || iterators.containsKey(parent));
                if (parent != null && iterators.containsKey(parent)) {
                    continue; // the parent is still being read; this child comes later
                }
                ObjectNode iterator = streams.object()
                        .put("StreamArn", streamArn)
                        .put("ShardId", shardId)
                        .put("ShardIteratorType", afterParent ? "TRIM_HORIZON" : startingPosition);
                iterators.put(
                        shardId,
                        streams.call("GetShardIterator", iterator)
                                .path("ShardIterator")
                                .asText());
            }
            lastShard = description.path("LastEvaluatedShardId").asText(null);
        } while (lastShard != null);
    }

    /** Reads one batch of a shard and delivers it; true when records were delivered. */
    private boolean pollShard(String shard) throws InterruptedException {
        String iterator = iterators.get(shard);
        List<JsonNode> records = new ArrayList<>();
        long windowEnds = System.nanoTime() + batchingWindow.toNanos();
        String next = iterator;
        do {
            ObjectNode request = streams.object().put("ShardIterator", next).put("Limit", batchSize - records.size());
            JsonNode answer = streams.call("GetRecords", request);
            answer.path("Records").forEach(records::add);
            next = answer.path("NextShardIterator").asText(null);
            if (next == null || records.size() >= batchSize || batchingWindow.isZero()) {
                break;
            }
            if (answer.path("Records").isEmpty()) {
                Thread.sleep(POLL_INTERVAL);
            }
        } while (System.nanoTime() < windowEnds && running);
        if (records.isEmpty()) {
            advance(shard, next);
            return false;
        }
        int attempts = 0;
        List<JsonNode> pending = records;
        while (running) {
            List<JsonNode> failed = deliver(pending);
            if (failed.isEmpty()) {
                break;
            }
            attempts++;
            if (target instanceof Target.Function function
                    && function.maximumRetryAttempts() >= 0
                    && attempts > function.maximumRetryAttempts()) {
                discard(failed, function);
                break;
            }
            pending = failed;
            Thread.sleep(Math.min(5_000, 200L << Math.min(attempts, 5)));
        }
        advance(shard, next);
        return true;
    }

    private void advance(String shard, String next) {
        if (next == null) {
            iterators.remove(shard);
            finishedShards.add(shard);
        } else {
            iterators.put(shard, next);
        }
    }

    /** Delivers records in order; returns the records to retry (from the first failure on), empty when all are done. */
    private List<JsonNode> deliver(List<JsonNode> records) {
        return switch (target) {
            case Target.Queue queue -> {
                for (int i = 0; i < records.size(); i++) {
                    try {
                        queues().send(queue.queueName(), lambdaRecord(records.get(i)));
                    } catch (RuntimeException e) {
                        yield records.subList(i, records.size());
                    }
                }
                log.note("PIPE   " + name + ": " + records.size() + " stream record" + (records.size() == 1 ? "" : "s")
                        + " → queue " + queue.queueName());
                yield List.of();
            }
            case Target.Function function -> deliverToFunction(records, function);
        };
    }

    /**
     * Delivers the records in batches, in order, each within what Lambda hands a function (as Lambda builds them): every
     * record is written once and its size known, so a batch of large records is cut where the next would not fit,
     * instead of being written whole and halved until it fits (which wrote a batch of 1.8 MB records seven times over
     * and held every tenant's changes on the shard behind it). One record over the limit on its own can never be
     * delivered, and fails, so that the shard waits behind it as deployed (until {@code MaximumRetryAttempts}, or the
     * record's age) and a laptop shows it. Returns the records to retry, from the first failure on.
     */
    private List<JsonNode> deliverToFunction(List<JsonNode> records, Target.Function target) {
        List<byte[]> written = new ArrayList<>(records.size());
        for (JsonNode record : records) {
            written.add(lambdaRecord(record).getBytes(StandardCharsets.UTF_8));
        }
        int from = 0;
        for (int to : batchEnds(written.stream().map(json -> json.length).toList(), LocalFunction.MAX_EVENT_BYTES)) {
            List<JsonNode> retry = invoke(records.subList(from, to), event(written.subList(from, to)), target);
            if (!retry.isEmpty()) {
                List<JsonNode> failed = new ArrayList<>(retry);
                failed.addAll(records.subList(to, records.size()));
                return failed;
            }
            from = to;
        }
        if (from < records.size()) {
            log.note("STREAM " + name + ": a record's event is "
                    + (ENVELOPE_BYTES + written.get(from).length) + " bytes, over the "
                    + LocalFunction.MAX_EVENT_BYTES + " Lambda hands "
                    + target.function().name()
                    + "; it cannot be delivered, and the shard waits behind it");
            return records.subList(from, records.size());
        }
        return List.of();
    }

    /**
     * Where each batch of records ends, the records packed in order and each batch's event within {@code limit}
     * bytes: a batch ends where the next record would not fit. A record whose event alone is over the limit ends the
     * list before it: it and those after it are not delivered.
     *
     * @param sizes each record's size as written in the event
     */
    static List<Integer> batchEnds(List<Integer> sizes, long limit) {
        List<Integer> ends = new ArrayList<>();
        int start = 0;
        long bytes = ENVELOPE_BYTES;
        for (int i = 0; i < sizes.size(); i++) {
            if (ENVELOPE_BYTES + sizes.get(i) > limit) {
                if (i > start) {
                    ends.add(i);
                }
                return ends;
            }
            long with = bytes + (i > start ? 1 : 0) + sizes.get(i);
            if (with > limit) {
                ends.add(i);
                start = i;
                bytes = ENVELOPE_BYTES + sizes.get(i);
            } else {
                bytes = with;
            }
        }
        if (sizes.size() > start) {
            ends.add(sizes.size());
        }
        return ends;
    }

    /** Lambda's event of the records written: {@code {"Records":[...]}}. */
    private static byte[] event(List<byte[]> records) {
        ByteArrayOutputStream event = new ByteArrayOutputStream();
        event.writeBytes(EVENT_START);
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                event.write(',');
            }
            event.writeBytes(records.get(i));
        }
        event.writeBytes(EVENT_END);
        return event.toByteArray();
    }

    private List<JsonNode> invoke(List<JsonNode> records, byte[] json, Target.Function target) {
        InvocationResult result = target.function().invoke(json);
        List<JsonNode> retry = switch (result) {
            case InvocationResult.Success success ->
                target.reportBatchItemFailures() ? fromFirstFailure(success.payload(), records) : List.of();
            case InvocationResult.Failure failure -> records;
            case InvocationResult.Timeout timeout -> records;
        };
        String outcome = retry.isEmpty()
                ? "ok"
                : switch (result) {
                    case InvocationResult.Failure failure ->
                        "error " + failure.errorType() + ": " + failure.errorMessage();
                    case InvocationResult.Timeout timeout -> "timed out";
                    case InvocationResult.Success success -> "retrying " + retry.size();
                };
        log.event(
                "STREAM",
                name,
                records.size() + " record" + (records.size() == 1 ? "" : "s"),
                outcome,
                target.function().name(),
                result.meta().duration(),
                result.meta().coldStart());
        return retry;
    }

    /** Lambda checkpoints before the lowest failed sequence number and retries from there. */
    private static List<JsonNode> fromFirstFailure(byte[] payload, List<JsonNode> records) {
        JsonNode response;
        try {
            response = AwsJsonClient.JSON.readTree(payload);
        } catch (Exception notJson) {
            return List.of();
        }
        if (response == null
                || !response.path("batchItemFailures").isArray()
                || response.path("batchItemFailures").isEmpty()) {
            return List.of();
        }
        BigInteger lowest = null;
        for (JsonNode failure : response.path("batchItemFailures")) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
                return records; // an unreadable identifier fails the whole batch
            }
            BigInteger sequence = new BigInteger(id);
            lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
        }
        for (int i = 0; i < records.size(); i++) {
            BigInteger sequence = new BigInteger(
                    records.get(i).path("dynamodb").path("SequenceNumber").asText("0"));
            if (sequence.compareTo(lowest) >= 0) {
                return records.subList(i, records.size());
            }
        }
        return records;
    }

    private LocalQueues queues() {
        return queues.orElseThrow(() -> new IllegalStateException("the template declares no queue for " + name));
    }

    private void discard(List<JsonNode> failed, Target.Function function) {
        log.note("STREAM " + name + ": " + failed.size() + " record(s) given up after "
                + function.maximumRetryAttempts() + " retries"
                + (function.onFailureQueue() == null ? "" : ", reported to " + function.onFailureQueue()));
        if (function.onFailureQueue() != null) {
            ObjectNode record = AwsJsonClient.JSON.createObjectNode();
            record.putObject("requestContext")
                    .put("condition", "RetryAttemptsExhausted")
                    .put("functionArn", function.function().name())
                    .put("approximateInvokeCount", function.maximumRetryAttempts() + 1);
            record.putObject("DDBStreamBatchInfo")
                    .put("streamArn", streamArn)
                    .put("batchSize", failed.size())
                    .put(
                            "startSequenceNumber",
                            failed.get(0)
                                    .path("dynamodb")
                                    .path("SequenceNumber")
                                    .asText())
                    .put(
                            "endSequenceNumber",
                            failed.get(failed.size() - 1)
                                    .path("dynamodb")
                                    .path("SequenceNumber")
                                    .asText());
            queues().send(function.onFailureQueue(), record.toString());
        }
    }

    /**
     * A GetRecords record as Lambda's event record, once it names its stream: written with the stream's ARN appended,
     * not copied first (a record of a large item is a tree of hundreds of thousands of nodes).
     */
    private String lambdaRecord(JsonNode record) {
        ObjectNode object = (ObjectNode) record;
        if (object.isEmpty() || object.has("eventSourceARN")) {
            ObjectNode copy = object.deepCopy();
            copy.put("eventSourceARN", streamArn);
            return copy.toString();
        }
        String written = object.toString();
        return written.substring(0, written.length() - 1) + "," + eventSourceArnMember + "}";
    }

    @Override
    public void close() {
        running = false;
        if (poller != null) {
            poller.interrupt();
            try {
                poller.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
