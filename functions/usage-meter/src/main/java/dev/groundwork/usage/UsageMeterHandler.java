package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;

/** Counts the item-events queue's runs of changes into per-tenant daily meters; failed messages return alone. */
public final class UsageMeterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final UsageMeterConsumer consumer;

    public UsageMeterHandler() {
        this(UsageMeterConsumer.fromEnvironment(System.getenv()));
    }

    UsageMeterHandler(UsageMeterConsumer consumer) {
        this.consumer = consumer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context);
    }
}
