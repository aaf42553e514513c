package dev.groundwork.platform.sqs;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.platform.logging.InvocationLogging;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.snapstart.PrimingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Groundwork's SQS batch adapter (Powertools' batch module is not served here): reads each message, hands the
 * readable ones to the use case at once, and answers Lambda with the ids of the messages that failed, so that with
 * {@code ReportBatchItemFailures} only those return to the queue. A message that cannot be read fails alone; one that
 * fails on the delivery after which the queue dead-letters it leaves an error log naming its tenant and event.
 *
 * <p>Throwing is reserved for "nothing in this batch can succeed" (no message is lost: all return to the queue).
 */
public final class SqsBatch<T> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatch.class);

    /** The MDC key of a batch's correlation ids when its messages came from different requests. */
    static final String CORRELATION_IDS = "correlation_ids";

    private final MessageReader<T> reader;
    private final int maxReceiveCount;
    private final ConsumerMetrics metrics;
    private final ConsumerMetrics primingMetrics;
    private final Clock clock;

    /** @param maxReceiveCount the queue's redrive policy: the delivery after which a failed message is dead-lettered */
    public SqsBatch(MessageReader<T> reader, int maxReceiveCount) {
        this(reader, maxReceiveCount, ConsumerMetrics.NONE, Clock.systemUTC());
    }

    /**
     * @param metrics where each batch reports its size, failures, oldest message's age and latency
     * @param clock   what the oldest message's age is measured against
     */
    public SqsBatch(MessageReader<T> reader, int maxReceiveCount, ConsumerMetrics metrics, Clock clock) {
        this.reader = reader;
        this.maxReceiveCount = maxReceiveCount;
        this.metrics = metrics;
        this.primingMetrics = metrics.forPriming();
        this.clock = clock;
    }

    public SQSBatchResponse handle(SQSEvent event, Context context, BatchWork<T> work) {
        return handle(event, context, work, metrics);
    }

    /**
     * Handles a synthetic batch as {@link #handle} handles a real one (reading, logging, the failure report, the
     * metrics' code), except that its metrics are dropped: a SnapStart priming. The work is the caller's: it must write
     * and send nothing.
     */
    public SQSBatchResponse prime(SQSEvent event, BatchWork<T> work) {
        // Through the runtime's serialisation both ways, so that its first use is in the snapshot too.
        SQSBatchResponse response =
                handle(EventJson.asDelivered(event, SQSEvent.class), new PrimingContext(), work, primingMetrics);
        EventJson.asPosted(response, SQSBatchResponse.class);
        return response;
    }

    private SQSBatchResponse handle(SQSEvent event, Context context, BatchWork<T> work, ConsumerMetrics metrics) {
        return InvocationLogging.withLogging(context, () -> {
            long started = System.nanoTime();
            MDC.put("request_id", context.getAwsRequestId());
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
            List<Received<T>> readable = new ArrayList<>();
            List<SQSEvent.SQSMessage> messages = event.getRecords() == null ? List.of() : event.getRecords();
            correlate(messages);
            Map<String, Optional<String>> correlationIds = new java.util.HashMap<>();
            for (SQSEvent.SQSMessage message : messages) {
                int receiveCount = receiveCount(message);
                Optional<String> correlationId = correlationId(message);
                correlationIds.put(message.getMessageId(), correlationId);
                try {
                    readable.add(new Received<>(
                            message.getMessageId(), receiveCount, reader.read(message.getBody()), correlationId));
                } catch (Unreadable unreadable) {
                    // The senders also set a tenant attribute: it names the tenant when the body cannot.
                    Correlation.within(
                            correlationId,
                            () -> logFailure(
                                    message.getMessageId(),
                                    receiveCount,
                                    unreadable
                                            .tenant()
                                            .or(() -> tenantAttribute(message))
                                            .orElse(null),
                                    unreadable.event().orElse("message " + message.getMessageId()),
                                    "unreadable message: " + unreadable.getMessage()));
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            try {
                if (!readable.isEmpty()) {
                    Map<String, Integer> receiveCounts = new java.util.HashMap<>();
                    readable.forEach(received -> receiveCounts.put(received.messageId(), received.receiveCount()));
                    for (BatchWork.Failure failure : work.process(readable)) {
                        Correlation.within(
                                correlationIds.getOrDefault(failure.messageId(), Optional.empty()),
                                () -> logFailure(
                                        failure.messageId(),
                                        receiveCounts.getOrDefault(failure.messageId(), 1),
                                        failure.tenant(),
                                        failure.event(),
                                        failure.reason()));
                        failures.add(new SQSBatchResponse.BatchItemFailure(failure.messageId()));
                    }
                }
            } catch (RuntimeException wholeBatch) {
                record(metrics, context, messages, messages.size(), started);
                throw wholeBatch;
            }
            LOG.info("batch handled", entry("messages", messages.size()), entry("failed", failures.size()));
            record(metrics, context, messages, failures.size(), started);
            return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
        });
    }

    /**
     * Work that takes one message at a time: a message whose handling throws fails alone.
     *
     * @param describe what the error log says a message is about: its tenant and event
     */
    public static <T> BatchWork<T> eachMessage(MessageWork<T> each, Function<T, Described> describe) {
        return batch -> {
            List<BatchWork.Failure> failed = new ArrayList<>();
            for (Received<T> received : batch) {
                // Each message's log lines carry the correlation id of the request that caused it.
                Correlation.within(received.correlationId(), () -> {
                    try {
                        each.process(received);
                    } catch (RuntimeException failure) {
                        Described about = describe.apply(received.body());
                        LOG.warn(
                                "message failed",
                                entry("message_id", received.messageId()),
                                entry("tenant_id", about.tenant()),
                                entry("event", about.event()),
                                failure);
                        failed.add(new BatchWork.Failure(
                                received.messageId(),
                                about.tenant(),
                                about.event(),
                                failure.getClass().getSimpleName()));
                    }
                });
            }
            return failed;
        };
    }

    /** Handles one message; throws when it failed. */
    @FunctionalInterface
    public interface MessageWork<T> {
        void process(Received<T> message);
    }

    /** A message's tenant and event, as the logs name them. */
    public record Described(String tenant, String event) {}

    private void logFailure(String messageId, int receiveCount, String tenant, String event, String reason) {
        boolean lastDelivery = receiveCount >= maxReceiveCount;
        Object[] fields = {
            entry("message_id", messageId),
            entry("tenant_id", tenant),
            entry("event", event),
            entry("receive_count", receiveCount),
            entry("max_receive_count", maxReceiveCount),
            entry("reason", reason),
            entry("dead_letter_next", lastDelivery)
        };
        if (lastDelivery) {
            LOG.error("message failed on its last delivery; the queue dead-letters it", fields);
        } else {
            LOG.warn("message failed; the queue delivers it again", fields);
        }
    }

    /**
     * The batch's own log lines carry the correlation id of its messages' request when they share one, or the list
     * of them under {@code correlation_ids}; ids of an earlier invocation on this thread are cleared first.
     */
    private static void correlate(List<SQSEvent.SQSMessage> messages) {
        MDC.remove(Correlation.KEY);
        MDC.remove(CORRELATION_IDS);
        List<String> ids = messages.stream()
                .map(SqsBatch::correlationId)
                .flatMap(Optional::stream)
                .flatMap(list -> java.util.Arrays.stream(list.split(",")))
                .distinct()
                .toList();
        if (ids.size() == 1) {
            Correlation.set(ids.getFirst());
        } else if (ids.size() > 1) {
            MDC.put(CORRELATION_IDS, String.join(",", ids));
        }
    }

    private static Optional<String> correlationId(SQSEvent.SQSMessage message) {
        return Optional.ofNullable(message.getMessageAttributes())
                .map(attributes -> attributes.get(Correlation.KEY))
                .map(SQSEvent.MessageAttribute::getStringValue)
                .flatMap(Correlation::wellFormedList);
    }

    private void record(
            ConsumerMetrics metrics, Context context, List<SQSEvent.SQSMessage> messages, int failed, long started) {
        Optional<Duration> oldest = messages.stream()
                .map(message -> message.getAttributes() == null
                        ? null
                        : message.getAttributes().get("SentTimestamp"))
                .filter(sent -> sent != null && sent.matches("\\d{1,19}"))
                .map(Long::parseLong)
                .min(Long::compare)
                .map(sent -> Duration.ofMillis(Math.max(0, clock.millis() - sent)));
        try {
            metrics.batch(
                    context,
                    new ConsumerMetrics.Batch(
                            messages.size(), failed, oldest, Duration.ofNanos(System.nanoTime() - started)));
        } catch (RuntimeException metricsFailure) {
            // Metrics watch the batch; they never fail it.
            LOG.warn("metrics could not be recorded", metricsFailure);
        }
    }

    private static Optional<String> tenantAttribute(SQSEvent.SQSMessage message) {
        return Optional.ofNullable(message.getMessageAttributes())
                .map(attributes -> attributes.get("tenant"))
                .map(SQSEvent.MessageAttribute::getStringValue);
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        return Optional.ofNullable(message.getAttributes())
                .map(attributes -> attributes.get("ApproximateReceiveCount"))
                .map(count -> {
                    try {
                        return Integer.parseInt(count);
                    } catch (NumberFormatException notANumber) {
                        return 1;
                    }
                })
                .orElse(1);
    }
}
