package dev.groundwork.platform.sqs;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.kernel.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consumer's synthetic batch for a SnapStart priming, as Lambda's SQS event source hands one over: the bodies a
 * sender writes, first deliveries, the tenant attribute the senders set. Nothing is received from a queue.
 */
public final class PrimingMessages {
    private PrimingMessages() {}

    public static SQSEvent of(TenantId tenant, List<String> bodies) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId("snapstart-priming-" + (i + 1));
            message.setBody(bodies.get(i));
            message.setAttributes(
                    Map.of("ApproximateReceiveCount", "1", "SentTimestamp", Long.toString(System.currentTimeMillis())));
            SQSEvent.MessageAttribute tenantAttribute = new SQSEvent.MessageAttribute();
            tenantAttribute.setDataType("String");
            tenantAttribute.setStringValue(tenant.value());
            message.setMessageAttributes(Map.of("tenant", tenantAttribute));
            message.setEventSource("aws:sqs");
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
