package dev.groundwork.imports;

import dev.groundwork.imports.domain.GetImport;
import dev.groundwork.imports.domain.ImportChunks;
import dev.groundwork.imports.domain.StartImport;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.idempotency.DynamoDbIdempotencyRecords;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.observability.PowertoolsRequestMetrics;
import dev.groundwork.platform.snapstart.AfterRestore;
import dev.groundwork.platform.sqs.SqsClients;
import dev.groundwork.platform.sqs.SqsSender;
import dev.groundwork.platform.tenancy.TenantCredentials;
import dev.groundwork.platform.tenancy.TenantScope;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The wiring of the import functions, done once per container. */
public final class ImportsApplication {
    private ImportsApplication() {}

    /** The collaborators of {@code POST /v1/imports}. */
    /**
     * @param startingNothing the use case for the SnapStart priming: the same, except that it stores and sends
     *                        nothing (the job's write is one DynamoDB refuses, {@link DynamoDbImportJobs#creatingNothing};
     *                        each call of chunks a batch SQS refuses whole, {@link SqsSender#forPriming})
     * @param reseedIds after a SnapStart restore, new import ids are drawn afresh (ItemIds#reseed); held because the
     *                  runtime holds its hooks weakly
     * @param sendMargin how long before the invoke's end the last call to the queue may start: its limit, then the
     *                   limit of the call that marks the job failed if it was the one that ran out, and a second to
     *                   answer
     */
    public record Start(
            HttpFunction http,
            StartImport startImport,
            StartImport startingNothing,
            IdempotentRequests idempotentRequests,
            AfterRestore reseedIds,
            Duration sendMargin) {}

    /**
     * The collaborators of {@code GET /v1/imports/{importId}}.
     *
     * @param jobs the jobs the use case reads, for the SnapStart priming's found job, mapped in memory
     */
    public record Read(HttpFunction http, GetImport getImport, DynamoDbImportJobs jobs) {}

    public static Start start(Map<String, String> env) {
        ImportsConfig config = ImportsConfig.fromEnvironment(env);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        TenantCredentials tenants = TenantCredentials.create(config.aws(), config.tenantRoleArn());
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);
        Clock clock = Clock.systemUTC();
        SqsSender sender =
                new SqsSender(SqsClients.create(config.aws()), config.requireImportJobsQueueUrl(), SqsSender.backoff());
        return start(
                http(config, tenants),
                new DynamoDbImportJobs(dynamoDb, config.tableName(), asTenant),
                sender,
                clock,
                new IdempotentRequests(
                        new DynamoDbIdempotencyRecords(
                                dynamoDb, config.tableName(), asTenant, IdempotentRequests.RETENTION),
                        clock),
                config.aws().timeouts().call());
    }

    /** @param callTimeout the most one SDK call may take, its retries included (AwsSettings.CallTimeouts) */
    public static Start start(
            HttpFunction http,
            DynamoDbImportJobs jobs,
            SqsSender importJobs,
            Clock clock,
            IdempotentRequests idempotentRequests,
            Duration callTimeout) {
        UlidGenerator ids = new UlidGenerator(clock, new SecureRandom());
        return new Start(
                http,
                new StartImport(jobs, chunksTo(importJobs), ids, clock, ImportChunkMessages::encodedSize),
                new StartImport(
                        jobs.creatingNothing(),
                        chunksTo(importJobs.forPriming()),
                        ids,
                        clock,
                        ImportChunkMessages::encodedSize),
                idempotentRequests,
                AfterRestore.register(() -> ids.reseed(new SecureRandom())),
                callTimeout.multipliedBy(2).plusSeconds(1));
    }

    private static ImportChunks chunksTo(SqsSender sender) {
        return (parts, sendBy) -> sender.send(
                parts.stream()
                        .map(chunk -> new SqsSender.Outgoing(
                                ImportChunkMessages.write(chunk), chunk.tenant().value()))
                        .toList(),
                sendBy);
    }

    public static Read read(Map<String, String> env) {
        ImportsConfig config = ImportsConfig.fromEnvironment(env);
        TenantCredentials tenants = TenantCredentials.create(config.aws(), config.tenantRoleArn());
        DynamoDbImportJobs jobs = new DynamoDbImportJobs(
                AwsClients.dynamoDb(config.aws()), config.tableName(), TableAccess.asRequestTenant(tenants));
        return new Read(http(config, tenants), new GetImport(jobs), jobs);
    }

    private static HttpFunction http(ImportsConfig config, TenantScope tenants) {
        return new HttpFunction(config.tenantClaim(), PowertoolsRequestMetrics.create(config.metrics()), tenants);
    }
}
