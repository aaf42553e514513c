package dev.groundwork.async.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.async.sqs.SqsBatch;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.WriteImportChunk;
import dev.groundwork.items.shared.observability.ConsumerMetrics;
import java.time.Clock;

/** The import-jobs consumer: the SQS batch adapter over {@link WriteImportChunk}, one chunk at a time. */
public final class ImportWorkerConsumer {
    private final SqsBatch<ImportChunk> batch;
    private final WriteImportChunk writeChunk;
    private final int maxReceiveCount;

    public ImportWorkerConsumer(WriteImportChunk writeChunk, int maxReceiveCount) {
        this(writeChunk, maxReceiveCount, ConsumerMetrics.NONE, Clock.systemUTC());
    }

    public ImportWorkerConsumer(
            WriteImportChunk writeChunk, int maxReceiveCount, ConsumerMetrics metrics, Clock clock) {
        this.batch = new SqsBatch<>(ImportChunkMessages::read, maxReceiveCount, metrics, clock);
        this.writeChunk = writeChunk;
        this.maxReceiveCount = maxReceiveCount;
    }

    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return batch.handle(
                event,
                context,
                SqsBatch.eachMessage(
                        message -> writeChunk.write(message.body(), message.receiveCount() >= maxReceiveCount),
                        chunk -> new SqsBatch.Described(
                                chunk.tenant().value(), "import " + chunk.importId() + " chunk " + chunk.number())));
    }
}
