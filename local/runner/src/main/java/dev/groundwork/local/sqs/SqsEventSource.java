package dev.groundwork.local.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.template.SqsSourceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Polls one queue for one function as Lambda's SQS event source mapping does: long polling, batches of up to
 * {@code BatchSize} gathered for at most {@code MaximumBatchingWindowInSeconds}, one synchronous invocation per
 * batch; the messages of a successful batch are deleted; a failed or timed-out batch is left to reappear after the
 * visibility timeout (and, after maxReceiveCount receipts, to move to the dead-letter queue); with
 * {@code ReportBatchItemFailures}, only the messages the function names return to the queue.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-errorhandling.html
 */
public final class SqsEventSource implements AutoCloseable {

    /** How long one receive call may wait; short enough that stopping the runner is prompt. */
    private static final int LONG_POLL_SECONDS = 1;

    private final SqsSourceSpec spec;
    private final LocalFunction function;
    private final AwsJsonClient sqs;
    private final String queueUrl;
    private final String region;
    private final AccessLog log;
    private final List<Thread> pollers = new ArrayList<>();
    private volatile boolean running = true;

    public SqsEventSource(
            SqsSourceSpec spec, LocalFunction function, LocalQueues queues, String region, AccessLog log) {
        this.spec = spec;
        this.log = log;
        this.function = function;
        this.sqs = queues.client();
        this.queueUrl = queues.url(spec.queueName());
        this.region = region;
    }

    public void start() {
        if (!spec.enabled()) {
            return;
        }
        for (int i = 0; i < Math.max(1, spec.maximumConcurrency()); i++) {
            Thread poller = Thread.ofPlatform()
                    .daemon()
                    .name("sqs-" + spec.queueName() + "-" + function.name() + "-" + i)
                    .start(this::poll);
            pollers.add(poller);
        }
    }

    private void poll() {
        while (running) {
            try {
                List<JsonNode> batch = receiveBatch();
                if (!batch.isEmpty() && running) {
                    deliver(batch);
                }
            } catch (AwsJsonClient.AwsException e) {
                if (running) {
                    pause(Duration.ofSeconds(1));
                }
            } catch (RuntimeException e) {
                if (running) {
                    log.note("SQS " + spec.queueName() + " → " + function.name() + ": " + e);
                    pause(Duration.ofSeconds(1));
                }
            }
        }
    }

    private List<JsonNode> receiveBatch() {
        List<JsonNode> batch = new ArrayList<>();
        long windowEnds = 0;
        while (running && batch.size() < spec.batchSize()) {
            int wait;
            if (batch.isEmpty()) {
                wait = LONG_POLL_SECONDS;
            } else {
                long remaining = windowEnds - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                wait = (int) Math.min(
                        LONG_POLL_SECONDS,
                        Math.max(0, Duration.ofNanos(remaining).toSeconds()));
            }
            ObjectNode request = sqs.object();
            request.put("QueueUrl", queueUrl);
            request.put("MaxNumberOfMessages", Math.min(10, spec.batchSize() - batch.size()));
            request.put("WaitTimeSeconds", wait);
            request.putArray("AttributeNames").add("All");
            request.putArray("MessageSystemAttributeNames").add("All");
            request.putArray("MessageAttributeNames").add("All");
            JsonNode messages = sqs.call("ReceiveMessage", request, Duration.ofSeconds(wait + 10))
                    .path("Messages");
            boolean empty = messages.isEmpty();
            messages.forEach(batch::add);
            if (batch.isEmpty()) {
                continue;
            }
            if (windowEnds == 0) {
                windowEnds = System.nanoTime() + spec.batchingWindow().toNanos();
            }
            if (spec.batchingWindow().isZero() && (empty || batch.size() >= spec.batchSize())) {
                break;
            }
            if (spec.batchingWindow().isZero()) {
                // Without a window Lambda invokes with what one receive returned; with a window it keeps gathering.
                break;
            }
        }
        return batch;
    }

    private void deliver(List<JsonNode> messages) {
        byte[] event = event(messages);
        InvocationResult result = function.invoke(event);
        List<JsonNode> toDelete = new ArrayList<>();
        int failed;
        String outcome;
        switch (result) {
            case InvocationResult.Success success -> {
                Set<String> failures =
                        spec.reportBatchItemFailures() ? reportedFailures(success.payload(), messages) : Set.of();
                for (JsonNode message : messages) {
                    if (!failures.contains(message.path("MessageId").asText())) {
                        toDelete.add(message);
                    }
                }
                failed = messages.size() - toDelete.size();
                outcome = failed == 0 ? "ok" : failed + " failed";
            }
            case InvocationResult.Failure failure -> {
                failed = messages.size();
                outcome = "error " + failure.errorType() + ": " + failure.errorMessage();
            }
            case InvocationResult.Timeout timeout -> {
                failed = messages.size();
                outcome = "timed out";
            }
        }
        delete(toDelete);
        log.event(
                "SQS",
                spec.queueName(),
                messages.size() + " message" + (messages.size() == 1 ? "" : "s"),
                outcome,
                function.name(),
                result.meta().duration(),
                result.meta().coldStart());
    }

    /**
     * The ids the function reported as failed. A response Lambda cannot read as a batch response counts as "all
     * succeeded"; an item identifier that is empty or names no message of the batch fails the whole batch.
     */
    private static Set<String> reportedFailures(byte[] payload, List<JsonNode> messages) {
        Set<String> all = new HashSet<>();
        messages.forEach(message -> all.add(message.path("MessageId").asText()));
        JsonNode response;
        try {
            response = AwsJsonClient.JSON.readTree(payload);
        } catch (Exception notJson) {
            return Set.of();
        }
        if (response == null
                || !response.isObject()
                || !response.path("batchItemFailures").isArray()) {
            return Set.of();
        }
        Set<String> failures = new HashSet<>();
        for (JsonNode failure : response.path("batchItemFailures")) {
            String id = failure.path("itemIdentifier").asText("");
            if (id.isEmpty() || !all.contains(id)) {
                return all;
            }
            failures.add(id);
        }
        return failures;
    }

    private void delete(List<JsonNode> messages) {
        for (int start = 0; start < messages.size(); start += 10) {
            ObjectNode request = sqs.object();
            request.put("QueueUrl", queueUrl);
            ArrayNode entries = request.putArray("Entries");
            for (int i = start; i < Math.min(messages.size(), start + 10); i++) {
                entries.addObject()
                        .put("Id", Integer.toString(i))
                        .put(
                                "ReceiptHandle",
                                messages.get(i).path("ReceiptHandle").asText());
            }
            sqs.call("DeleteMessageBatch", request);
        }
    }

    /** The event as Lambda sends it: camel-case record fields, string attributes, the queue's ARN and region. */
    private byte[] event(List<JsonNode> messages) {
        ObjectNode event = AwsJsonClient.JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (JsonNode message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.path("MessageId").asText());
            record.put("receiptHandle", message.path("ReceiptHandle").asText());
            record.put("body", message.path("Body").asText());
            ObjectNode attributes = record.putObject("attributes");
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            message.path("Attributes").properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                attributes.put(attribute.getKey(), attribute.getValue().asText());
            }
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Iterator<Map.Entry<String, JsonNode>> it =
                            message.path("MessageAttributes").properties().iterator();
                    it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                JsonNode value = attribute.getValue();
                ObjectNode converted = messageAttributes.putObject(attribute.getKey());
                if (value.has("StringValue")) {
                    converted.put("stringValue", value.path("StringValue").asText());
                }
                if (value.has("BinaryValue")) {
                    converted.put("binaryValue", value.path("BinaryValue").asText());
                }
                converted.putArray("stringListValues");
                converted.putArray("binaryListValues");
                converted.put("dataType", value.path("DataType").asText());
            }
            record.put("md5OfBody", message.path("MD5OfBody").asText());
            if (message.has("MD5OfMessageAttributes")) {
                record.put(
                        "md5OfMessageAttributes",
                        message.path("MD5OfMessageAttributes").asText());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", spec.queueArn());
            record.put("awsRegion", region);
        }
        return event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        for (Thread poller : pollers) {
            poller.interrupt();
        }
        for (Thread poller : pollers) {
            try {
                poller.join(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
