package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Stands in for Lambda's SQS event source: receives up to {@code batchSize} messages, hands them to a function as
 * the {@link SQSEvent} Lambda builds, and deletes those that did not fail ({@code ReportBatchItemFailures}); a failed
 * message stays and comes back after the visibility timeout, until the queue's redrive policy dead-letters it.
 */
public final class QueuePoller {
    private final SqsClient sqs;
    private final String queueUrl;
    private final int batchSize;

    public QueuePoller(LocalCloud cloud, String queueUrl, int batchSize) {
        this.sqs = cloud.sqs();
        this.queueUrl = queueUrl;
        this.batchSize = batchSize;
    }

    /** A delivery the test may tamper with before it reaches the function. */
    @FunctionalInterface
    public interface Delivery {
        /** Hands the batch to the function; returns the response, or empty for "crashed: acknowledge nothing". */
        java.util.Optional<SQSBatchResponse> deliver(SQSEvent batch, Function<SQSEvent, SQSBatchResponse> function);

        static Delivery asLambda() {
            return (batch, function) -> java.util.Optional.of(function.apply(batch));
        }
    }

    /** Receives one batch, if any is visible now; returns how many messages it held. */
    public int pollOnce(Function<SQSEvent, SQSBatchResponse> function, Delivery delivery) {
        List<Message> messages = sqs.receiveMessage(receive -> receive.queueUrl(queueUrl)
                        .maxNumberOfMessages(batchSize)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return 0;
        }
        SQSEvent event = event(messages);
        var response = delivery.deliver(event, function);
        if (response.isEmpty()) {
            return messages.size();
        }
        Set<String> failed = response.get().getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .collect(Collectors.toSet());
        List<Message> done = messages.stream()
                .filter(message -> !failed.contains(message.messageId()))
                .toList();
        for (int from = 0; from < done.size(); from += 10) {
            var entries = done.subList(from, Math.min(done.size(), from + 10)).stream()
                    .map(message -> software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry.builder()
                            .id(message.messageId())
                            .receiptHandle(message.receiptHandle())
                            .build())
                    .toList();
            sqs.deleteMessageBatch(delete -> delete.queueUrl(queueUrl).entries(entries));
        }
        return messages.size();
    }

    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            message.attributesAsStrings().forEach(attributes::put);
            record.setAttributes(attributes);
            Map<String, SQSEvent.MessageAttribute> messageAttributes = new HashMap<>();
            message.messageAttributes().forEach((name, value) -> {
                SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                attribute.setDataType(value.dataType());
                attribute.setStringValue(value.stringValue());
                messageAttributes.put(name, attribute);
            });
            record.setMessageAttributes(messageAttributes);
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(
                    "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1));
            record.setAwsRegion("us-east-1");
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
