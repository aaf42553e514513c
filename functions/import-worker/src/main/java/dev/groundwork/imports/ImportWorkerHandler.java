package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.platform.snapstart.Priming;

/** Writes the import-jobs queue's chunks; a chunk that fails returns to the queue alone. */
public final class ImportWorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final ImportWorkerConsumer consumer;
    private final Priming priming;

    public ImportWorkerHandler() {
        this(ImportWorkerConsumer.fromEnvironment(System.getenv()));
    }

    ImportWorkerHandler(ImportWorkerConsumer consumer) {
        this.consumer = consumer;
        this.priming = Priming.register("ImportWorker", consumer::prime);
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return consumer.handle(event, context);
    }
}
