package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.ImportedItemIds;
import dev.groundwork.imports.domain.WriteImportChunk;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.dynamodb.DynamoDbImportedItems;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.PowertoolsConsumerMetrics;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.sqs.PrimingMessages;
import dev.groundwork.platform.sqs.Received;
import dev.groundwork.platform.sqs.SqsBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The import-jobs consumer: the SQS batch adapter over {@link WriteImportChunk}, one chunk at a time. */
public final class ImportWorkerConsumer {
    private final SqsBatch<ImportChunk> batch;
    private final WriteImportChunk writeChunk;
    private final int maxReceiveCount;
    private final BiConsumer<ImportChunk, List<Item>> primingStore;

    public ImportWorkerConsumer(WriteImportChunk writeChunk, int maxReceiveCount) {
        this(writeChunk, maxReceiveCount, ConsumerMetrics.NONE, Clock.systemUTC());
    }

    public ImportWorkerConsumer(
            WriteImportChunk writeChunk, int maxReceiveCount, ConsumerMetrics metrics, Clock clock) {
        this(writeChunk, maxReceiveCount, metrics, clock, (chunk, items) -> {});
    }

    /**
     * @param primingStore what the SnapStart priming does in the store with its chunk of a made-up import and the
     *     items built from it, instead of writing them (reads, and a batch write the store refuses whole)
     */
    public ImportWorkerConsumer(
            WriteImportChunk writeChunk,
            int maxReceiveCount,
            ConsumerMetrics metrics,
            Clock clock,
            BiConsumer<ImportChunk, List<Item>> primingStore) {
        this.batch = new SqsBatch<>(ImportChunkMessages::read, maxReceiveCount, metrics, clock);
        this.writeChunk = writeChunk;
        this.maxReceiveCount = maxReceiveCount;
        this.primingStore = primingStore;
    }

    public static ImportWorkerConsumer fromEnvironment(Map<String, String> env) {
        ImportsConfig config = ImportsConfig.fromEnvironment(env);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        // The worker writes every tenant's chunks: it calls with its own role (docs/security.md).
        DynamoDbImportJobs jobs = new DynamoDbImportJobs(dynamoDb, config.tableName(), TableAccess.asFunction());
        DynamoDbImportedItems items =
                new DynamoDbImportedItems(dynamoDb, config.tableName(), DynamoDbImportedItems.backoff());
        return new ImportWorkerConsumer(
                new WriteImportChunk(jobs, items, Clock.systemUTC()),
                config.maxReceiveCount(),
                PowertoolsConsumerMetrics.create(config.metricsNamespace(), config.serviceName()),
                Clock.systemUTC(),
                (chunk, built) -> {
                    Priming.expect(
                            "a chunk of an import nobody has, written",
                            false,
                            jobs.isWritten(chunk.tenant(), chunk.importId(), chunk.number()));
                    built.forEach(item -> items.primeWrite(chunk.tenant(), item));
                });
    }

    /**
     * SnapStart priming: a batch of one chunk of a made-up import of a made-up tenant, written as {@code POST
     * /v1/imports} writes it and read as a delivery is, its items built as the worker builds them, then read for
     * (whether the chunk was written, whether its items exist: keys nobody has) and sent in a batch write that
     * DynamoDB refuses whole: nothing is written (docs/snapstart.md).
     */
    public void prime() {
        TenantId tenant = Priming.tenant();
        Instant now = Instant.now();
        ImportChunk chunk = new ImportChunk(
                tenant,
                ImportId.of(ItemsPriming.freshItemId()),
                now,
                1,
                List.of(new ImportLine(
                        1, new ItemContent("Priming widget", Map.of("color", "blue"), List.of("priming")))));
        SQSBatchResponse response =
                batch.prime(PrimingMessages.of(tenant, List.of(ImportChunkMessages.write(chunk))), received -> {
                    for (Received<ImportChunk> message : received) {
                        ImportChunk read = message.body();
                        List<Item> built = read.lines().stream()
                                .map(line -> Item.created(
                                        ImportedItemIds.of(read.importId(), read.importedAt(), line.number()),
                                        line.content(),
                                        read.importedAt()))
                                .toList();
                        primingStore.accept(read, built);
                    }
                    return List.of();
                });
        Priming.expect(
                "a batch of import chunks", 0, response.getBatchItemFailures().size());
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
