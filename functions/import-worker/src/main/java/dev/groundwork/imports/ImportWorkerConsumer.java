package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.WriteImportChunk;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.dynamodb.DynamoDbImportedItems;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.PowertoolsConsumerMetrics;
import dev.groundwork.platform.sqs.SqsBatch;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

    public static ImportWorkerConsumer fromEnvironment(Map<String, String> env) {
        ImportsConfig config = ImportsConfig.fromEnvironment(env);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        return new ImportWorkerConsumer(
                new WriteImportChunk(
                        new DynamoDbImportJobs(dynamoDb, config.tableName()),
                        new DynamoDbImportedItems(dynamoDb, config.tableName(), DynamoDbImportedItems.backoff()),
                        Clock.systemUTC()),
                config.maxReceiveCount(),
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC());
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
