package dev.groundwork.platform.sqs;

import dev.groundwork.kernel.OutOfTime;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.retry.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchEntryIdsNotDistinctException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

/**
 * Sends messages to one queue, ten a call (SendMessageBatch's limit), and sends again the entries that SQS could not
 * take, with backoff; throws when some are still refused, so that the caller fails rather than drops a message.
 */
public final class SqsSender {
    /** SendMessageBatch takes at most 10 entries and 256 KB in all (SQS quotas). */
    private static final int ENTRIES_PER_CALL = 10;

    private static final long BYTES_PER_CALL = 256 * 1024;
    private static final int ATTEMPTS = 5;

    private final SqsClient sqs;
    private final String queueUrl;
    private final Backoff backoff;
    /** A priming's sender: each call is one SQS must refuse whole, answered as if SQS had taken it ({@link #forPriming}). */
    private final boolean sendingNothing;

    public SqsSender(SqsClient sqs, String queueUrl, Backoff backoff) {
        this(sqs, queueUrl, backoff, false);
    }

    private SqsSender(SqsClient sqs, String queueUrl, Backoff backoff, boolean sendingNothing) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.backoff = backoff;
        this.sendingNothing = sendingNothing;
    }

    /**
     * This sender, for a SnapStart priming of the code that sends: {@link #send} goes the whole way, batching, the
     * call and the reading of its answer, and sends nothing. Each call is a batch SQS must refuse as a whole (its first
     * entry twice: two entries with one id, {@code BatchEntryIdsNotDistinct}), which goes through the marshalling,
     * signing, HTTP client and error parsing of a real send; its answer is then the one SQS gives a batch it took,
     * built in memory as the SDK builds it.
     *
     * @throws IllegalStateException from {@code send} when SQS answers otherwise: the checkpoint then fails rather
     *     than ship a priming that may have sent
     */
    public SqsSender forPriming() {
        return new SqsSender(sqs, queueUrl, backoff, true);
    }

    /** SQS's advice for throttled or failed sends: a retry after 100 ms to 2 s (with jitter). */
    public static Backoff backoff() {
        return Backoff.of(Duration.ofMillis(100), Duration.ofSeconds(2));
    }

    /**
     * A message to send: its body, a tenant attribute, which lets operators find a tenant's messages, and the
     * correlation id of the request that caused it, which the consumer's log lines carry.
     */
    public record Outgoing(String body, String tenant, Optional<String> correlationId) {

        /** A message caused by the work this thread does now: it carries that work's correlation id. */
        public Outgoing(String body, String tenant) {
            this(body, tenant, Correlation.current());
        }
    }

    public void send(List<Outgoing> messages) {
        send(messages, Instant.MAX);
    }

    /**
     * Sends them all, each call to SQS (a retry's too) started only until {@code sendBy}: past it the rest are not
     * sent, and {@link OutOfTime} says how many were, so that a caller whose client stops waiting answers first.
     */
    public void send(List<Outgoing> messages, Instant sendBy) {
        List<List<Outgoing>> calls = new ArrayList<>();
        List<Outgoing> call = new ArrayList<>();
        long bytes = 0;
        for (Outgoing message : messages) {
            long size = message.body().length() * 4L; // UTF-8 takes at most four bytes a char: never over the limit
            if (!call.isEmpty() && (call.size() == ENTRIES_PER_CALL || bytes + size > BYTES_PER_CALL)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(message);
            bytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        int sent = 0;
        for (List<Outgoing> batch : calls) {
            sendBatch(batch, sendBy, sent, messages.size());
            sent += batch.size();
        }
    }

    /** A SnapStart priming of this sender's path with one message, which sends nothing ({@link #forPriming}). */
    public void prime(Outgoing message) {
        forPriming().send(List.of(message));
    }

    private SendMessageBatchResponse sendOnce(List<SendMessageBatchRequestEntry> entries) {
        if (!sendingNothing) {
            return call(entries);
        }
        SendMessageBatchRequestEntry first = entries.getFirst();
        if (2 * first.messageBody().length() * 4L > BYTES_PER_CALL) {
            // Twice over half the limit, SQS may refuse the batch for its size before it looks at the ids: an answer
            // that proves nothing about the path a send takes. A priming's messages are a few hundred bytes.
            throw new IllegalStateException(
                    "a priming's message is too large to send twice in one batch to " + queueUrl);
        }
        try {
            call(List.of(first, first));
        } catch (BatchEntryIdsNotDistinctException refusedAsAWhole) {
            return SendMessageBatchResponse.builder()
                    .successful(entries.stream()
                            .map(entry -> SendMessageBatchResultEntry.builder()
                                    .id(entry.id())
                                    .messageId("snapstart-priming")
                                    .build())
                            .toList())
                    .build();
        }
        throw new IllegalStateException("SQS accepted a batch of two entries with one id while priming " + queueUrl);
    }

    /**
     * The one place a batch is sent, a priming's too: a lambda's call site is linked on its first run, so a priming
     * that sent through a call site of its own would leave the send's to the first invoke after a restore.
     */
    private SendMessageBatchResponse call(List<SendMessageBatchRequestEntry> entries) {
        return sqs.sendMessageBatch(send -> send.queueUrl(queueUrl).entries(entries));
    }

    /**
     * One entry of a batch. Its message group is its tenant: on a standard queue that makes SQS a fair queue
     * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-fair-queues.html), which
     * delivers quiet tenants' messages first while one tenant's backlog holds a disproportionate share of the
     * consumers, so that one tenant's flood of work does not stall another's. It changes nothing else: no order, no
     * deduplication, no throughput limit, no configuration.
     */
    private static SendMessageBatchRequestEntry entry(String id, Outgoing message) {
        return SendMessageBatchRequestEntry.builder()
                .id(id)
                .messageBody(message.body())
                .messageGroupId(message.tenant())
                .messageAttributes(attributes(message))
                .build();
    }

    private static Map<String, MessageAttributeValue> attributes(Outgoing message) {
        Map<String, MessageAttributeValue> attributes = new java.util.HashMap<>();
        attributes.put(
                "tenant",
                MessageAttributeValue.builder()
                        .dataType("String")
                        .stringValue(message.tenant())
                        .build());
        message.correlationId()
                .ifPresent(id -> attributes.put(
                        Correlation.KEY,
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(id)
                                .build()));
        return attributes;
    }

    private void sendBatch(List<Outgoing> batch, Instant sendBy, int sentBefore, int total) {
        Map<String, SendMessageBatchRequestEntry> pending = new java.util.LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Outgoing message = batch.get(i);
            pending.put(Integer.toString(i), entry(Integer.toString(i), message));
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (Instant.now().isAfter(sendBy)) {
                throw new OutOfTime(queueUrl + ": " + (sentBefore + batch.size() - pending.size()) + " of " + total
                        + " messages sent when the time to answer ran out");
            }
            List<SendMessageBatchRequestEntry> entries = List.copyOf(pending.values());
            SendMessageBatchResponse response = sendOnce(entries);
            response.successful().forEach(sent -> pending.remove(sent.id()));
            List<BatchResultErrorEntry> refused = response.failed();
            boolean senderFault = refused.stream().anyMatch(BatchResultErrorEntry::senderFault);
            if (!pending.isEmpty() && (senderFault || attempt == ATTEMPTS)) {
                throw new IllegalStateException("SQS refused " + pending.size() + " messages: "
                        + refused.stream().map(BatchResultErrorEntry::code).collect(Collectors.joining(", ")));
            }
            if (!pending.isEmpty()) {
                backoff.beforeAttempt(attempt + 1);
            }
        }
    }
}
