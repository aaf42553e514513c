package dev.groundwork.imports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.WriteImportChunk;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.dynamodb.DynamoDbImportedItems;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.ItemsPriming;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.observability.PowertoolsConsumerMetrics;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.sqs.BatchWork;
import dev.groundwork.platform.sqs.PrimingMessages;
import dev.groundwork.platform.sqs.SqsBatch;
import dev.groundwork.platform.tenancy.TenantCredentials;
import dev.groundwork.platform.tenancy.TenantScope;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The import-jobs consumer: the SQS batch adapter over {@link WriteImportChunk}, one chunk at a time, each written as
 * the chunk's tenant (the tenant of the token that started the import, which the route wrote into the message): with
 * that tenant's credentials, so that IAM refuses a key of any other tenant's partition (docs/security.md).
 */
public final class ImportWorkerConsumer {
    private final SqsBatch<ImportChunk> batch;
    private final WriteImportChunk writeChunk;
    private final int maxReceiveCount;
    private final TenantScope tenants;
    private final WriteImportChunk primingWrite;

    /**
     * @param tenants      runs each chunk as its tenant; held here, so that its SnapStart hook (forget every tenant
     *                     after a restore) lives as long as the handler
     * @param primingWrite how the SnapStart priming writes its chunk of a made-up import: the same use case, over
     *                     stores that read as a delivery reads and whose writes DynamoDB refuses
     */
    public ImportWorkerConsumer(
            WriteImportChunk writeChunk,
            int maxReceiveCount,
            TenantScope tenants,
            ConsumerMetrics metrics,
            Clock clock,
            WriteImportChunk primingWrite) {
        this.batch = new SqsBatch<>(ImportChunkMessages::read, maxReceiveCount, metrics, clock);
        this.writeChunk = writeChunk;
        this.maxReceiveCount = maxReceiveCount;
        this.tenants = tenants;
        this.primingWrite = primingWrite;
    }

    public static ImportWorkerConsumer fromEnvironment(Map<String, String> env) {
        ImportsConfig config = ImportsConfig.fromEnvironment(env);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        TenantCredentials tenants = TenantCredentials.create(config.aws(), config.tenantRoleArn());
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);
        DynamoDbImportJobs jobs = new DynamoDbImportJobs(dynamoDb, config.tableName(), asTenant);
        DynamoDbImportedItems items =
                new DynamoDbImportedItems(dynamoDb, config.tableName(), asTenant, DynamoDbImportedItems.backoff());
        return new ImportWorkerConsumer(
                new WriteImportChunk(jobs, items, Clock.systemUTC()),
                config.maxReceiveCount(),
                tenants,
                PowertoolsConsumerMetrics.create(config.metrics()),
                Clock.systemUTC(),
                new WriteImportChunk(jobs.writingNothing(), items.writingNothing(), Clock.systemUTC()));
    }

    /**
     * SnapStart priming: a batch of one chunk of a made-up import of a made-up tenant, written as {@code POST
     * /v1/imports} writes it, read as a delivery is, and written as a delivery is (the same work, as the chunk's
     * tenant), by the use case over stores that write nothing: read for (whether the job counted the chunk, the job,
     * the chunk's record: keys nobody has), its items sent in the chunk's transaction, which DynamoDB cancels whole, its
     * count and the job's finish sent with conditions DynamoDB refuses (docs/snapstart.md).
     */
    public void prime() {
        TenantId tenant = Priming.tenant();
        ImportChunk chunk = primingChunk(tenant);
        SQSBatchResponse response;
        try {
            response = batch.prime(
                    PrimingMessages.of(tenant, List.of(ImportChunkMessages.write(chunk))), writing(primingWrite));
        } finally {
            // The made-up tenant's credentials (the priming primes the STS call too) must not live in the snapshot.
            tenants.forget(tenant);
        }
        Priming.expectNoFailures(
                "a batch of import chunks", response.getBatchItemFailures().size());
    }

    /** The priming's chunk: one line of a fresh, made-up import of {@code tenant}. */
    static ImportChunk primingChunk(TenantId tenant) {
        return new ImportChunk(
                tenant,
                ImportId.of(ItemsPriming.freshItemId()),
                Instant.now(),
                1,
                List.of(new ImportLine(
                        1, new ItemContent("Priming widget", Map.of("color", "blue"), List.of("priming")))));
    }

    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return batch.handle(event, context, writing(writeChunk));
    }

    /**
     * The batch's work, for a delivery and for the priming alike: each chunk written as its tenant. One set of lambdas,
     * whose call sites the priming links before the snapshot instead of the first invoke after a restore.
     */
    private BatchWork<ImportChunk> writing(WriteImportChunk write) {
        return SqsBatch.eachMessage(
                message -> tenants.actingFor(
                        message.body().tenant(),
                        () -> write.write(message.body(), message.receiveCount() >= maxReceiveCount)),
                chunk -> new SqsBatch.Described(
                        chunk.tenant().value(), "import " + chunk.importId() + " chunk " + chunk.number()));
    }
}
