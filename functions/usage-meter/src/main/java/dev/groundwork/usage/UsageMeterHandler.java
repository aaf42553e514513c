package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.platform.snapstart.Priming;

/** Counts the item-events queue's runs of changes into per-tenant daily meters; failed messages return alone. */
public final class UsageMeterHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final UsageMeterConsumer consumer;
    private final Priming priming;

    public UsageMeterHandler() {
        this(UsageMeterConsumer.fromEnvironment(System.getenv()));
    }

    UsageMeterHandler(UsageMeterConsumer consumer) {
        this.consumer = consumer;
        this.priming = Priming.register("UsageMeter", consumer::prime);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context);
    }
}
