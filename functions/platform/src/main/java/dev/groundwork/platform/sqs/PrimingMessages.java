package dev.groundwork.platform.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.kernel.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consumer's synthetic batch for a SnapStart priming, as Lambda's SQS event source hands one over: the bodies a
 * sender writes, first deliveries, the tenant attribute the senders set, and every other field the event source fills
 * in, so that reading the first real batch calls no setter (and builds no reflective accessor) that the priming did
 * not. Nothing is received from a queue.
 */
public final class PrimingMessages {
    /** Made up, as the rest: nothing reads a message's region or queue. */
    private static final String REGION = "us-east-1";

    private PrimingMessages() {}

    public static SQSEvent of(TenantId tenant, List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("snapstart-priming-" + (i + 1));
            message.setReceiptHandle("snapstart-priming");
            message.setBody(bodies.get(i));
            message.setMd5OfBody("");
            message.setMd5OfMessageAttributes("");
            message.setAttributes(
                    Map.of("ApproximateReceiveCount", "1", "SentTimestamp", Long.toString(System.currentTimeMillis())));
            SQSEvent.MessageAttribute tenantAttribute = new SQSEvent.MessageAttribute();
            tenantAttribute.setDataType("String");
            tenantAttribute.setStringValue(tenant.value());
            tenantAttribute.setStringListValues(List.of());
            tenantAttribute.setBinaryListValues(List.of());
            message.setMessageAttributes(Map.of("tenant", tenantAttribute));
            message.setEventSource("aws:sqs");
            message.setEventSourceArn("arn:aws:sqs:" + REGION + ":000000000000:snapstart-priming");
            message.setAwsRegion(REGION);
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
