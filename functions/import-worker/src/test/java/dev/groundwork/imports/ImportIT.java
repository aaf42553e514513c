package dev.groundwork.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.ImportRequestId;
import dev.groundwork.imports.domain.ImportStatus;
import dev.groundwork.imports.domain.ImportedItems;
import dev.groundwork.imports.domain.WriteImportChunk;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.imports.dynamodb.DynamoDbImportedItems;
import dev.groundwork.imports.sqs.ImportChunkMessages;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.idempotency.DynamoDbIdempotencyRecords;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.observability.ConsumerMetrics;
import dev.groundwork.platform.retry.Backoff;
import dev.groundwork.platform.sqs.SqsSender;
import dev.groundwork.platform.sqs.Unreadable;
import dev.groundwork.platform.tenancy.TenantCredentials;
import dev.groundwork.platform.tenancy.TenantScope;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.LocalCloud;
import dev.groundwork.platform.testing.QueuePoller;
import dev.groundwork.platform.testing.RecordingMetrics;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.StreamPoller;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.platform.testing.TestTenantRole;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** Bulk imports end to end against the embedded DynamoDB and ElasticMQ: front function, queue, worker, job record. */
class ImportIT {
    /** CreateImportFunction's timeout in template.yaml: its sending stops in time to answer within it. */
    private static final Duration CREATE_IMPORT_TIMEOUT = Duration.ofSeconds(30);

    private LocalCloud cloud;
    private String itemsTable;
    private LocalCloud.Queue importJobs;
    private CreateImportHandler createImport;
    private ImportWorkerHandler worker;
    private GetImportHandler getImport;
    private QueuePoller queue;
    private Map<String, String> functions;
    /** The import jobs as the functions' own role reads and writes them (no tenant role). */
    private DynamoDbImportJobs jobs;

    private long workerNanos;
    private int chunksWorked;

    @BeforeEach
    void wire() {
        cloud = LocalCloud.get();
        itemsTable = cloud.table("items", true);
        jobs = new DynamoDbImportJobs(cloud.dynamoDb(), itemsTable, TableAccess.asFunction());
        importJobs = cloud.queue("import-jobs", 1, 5);
        Map<String, String> env = cloud.environment(Map.of(
                ImportsConfig.TABLE_NAME,
                itemsTable,
                ImportsConfig.IMPORT_JOBS_QUEUE_URL,
                importJobs.url(),
                ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT,
                "5"));
        // Every function with the functions' own key, which only assumes the tenant role: the routes as the token's
        // tenant, the worker as each chunk's.
        functions = new HashMap<>(env);
        functions.putAll(cloud.routeEnvironment(Map.of()));
        createImport = new CreateImportHandler(ImportsApplication.start(functions));
        worker = new ImportWorkerHandler(ImportWorkerConsumer.fromEnvironment(functions));
        getImport = new GetImportHandler(ImportsApplication.read(functions));
        queue = new QueuePoller(cloud, importJobs.url(), 5);
    }

    @Test
    void importsTenThousandItemsWithOnePercentInvalidExactlyOnceDespiteRedeliveredChunks() {
        StringBuilder ndjson = new StringBuilder();
        for (int line = 1; line <= 10_000; line++) {
            ndjson.append(
                            line % 100 == 0
                                    ? "{\"name\":\"\",\"colour\":\"blue\"}"
                                    : "{\"name\":\"item " + line + "\",\"attributes\":{\"line\":" + line
                                            + "},\"tags\":[\"import\"]}")
                    .append('\n');
        }

        APIGatewayV2HTTPResponse accepted =
                start("acme", ndjson.toString(), "application/x-ndjson", Optional.of("bulk-1"));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        JsonNode job = Json.parse(accepted.getBody());
        String importId = job.get("id").asText();
        assertThat(accepted.getHeaders())
                .containsEntry("Location", "/v1/imports/" + importId)
                .containsEntry("API-Version", "1");
        assertThat(job.get("counts").get("accepted").asInt()).isEqualTo(9_900);
        assertThat(job.get("counts").get("rejected").asInt()).isEqualTo(100);
        assertThat(job.get("rejectedLines")).hasSize(100);
        assertThat(job.get("rejectedLines").get(0).get("line").asInt()).isEqualTo(100);
        assertThat(job.get("rejectedLines").get(0).get("errors").findValuesAsText("field"))
                .contains("name", "colour");
        int chunks = cloud.depth(importJobs.url());
        assertThat(chunks).isGreaterThanOrEqualTo(99);

        // The same request again with its Idempotency-Key: the first answer, and no second import.
        APIGatewayV2HTTPResponse replayed =
                start("acme", ndjson.toString(), "application/x-ndjson", Optional.of("bulk-1"));
        assertThat(Json.parse(replayed.getBody()).get("id").asText()).isEqualTo(importId);
        assertThat(cloud.depth(importJobs.url())).isEqualTo(chunks);

        workerNanos = 0;
        chunksWorked = 0;
        queue.pollOnce(this::work, (batch, function) -> {
            function.apply(batch);
            return Optional.of(function.apply(batch)); // delivered twice
        });
        queue.pollOnce(this::work, (batch, function) -> {
            function.apply(batch);
            return Optional.empty(); // written, then the worker died before the messages were deleted
        });
        drain();
        // The worker's own time per chunk, redeliveries counted as chunks (docs/security.md quotes it).
        System.out.printf(
                "import worker: %d chunks handled in %.0f ms, %.1f ms a chunk, %.0f chunks/s%n",
                chunksWorked, workerNanos / 1e6, workerNanos / 1e6 / chunksWorked, chunksWorked / (workerNanos / 1e9));

        JsonNode done = Json.parse(get("acme", importId).getBody());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("written").asInt()).isEqualTo(9_900);
        assertThat(done.get("counts").get("failed").asInt()).isZero();
        assertThat(done.get("finishedAt").isNull()).isFalse();
        assertThat(itemCount("acme")).isEqualTo(9_900);
        // Nothing was written twice: the table's stream saw one INSERT per item, no MODIFY.
        assertThat(itemChanges()).isEqualTo(Map.of("INSERT", 9_900));
    }

    @Test
    void aPrimingWriteGoesToDynamoDbAndWritesNothing() {
        ImportChunk chunk = ImportWorkerConsumer.primingChunk(new TenantId("snapstart-priming-test"));
        List<Item> chunkItems = chunk.items();
        DynamoDbImportedItems items = new DynamoDbImportedItems(
                cloud.dynamoDb(), itemsTable, TableAccess.asFunction(), DynamoDbImportedItems.backoff());

        assertThat(items.primeWrite(chunk, chunkItems)).isFalse();
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .isZero();

        assertThat(items.write(chunk, chunkItems)).as("written now").isTrue();
        assertThat(items.write(chunk, chunkItems)).as("written before").isFalse();
        assertThat(items.primeWrite(chunk, chunkItems)).isFalse();
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .as("the item and the chunk's record")
                .isEqualTo(2);
        assertThat(itemChanges())
                .as("the primings streamed nothing; the real write, its item")
                .isEqualTo(Map.of("INSERT", 1));
    }

    @Test
    void aChunkDeliveredAgainAfterItWasWrittenButNotCountedWritesNothingSoAnItemDeletedSinceStaysDeleted() {
        // given: an import of three lines, whose chunk a worker wrote and then died before counting or deleting it
        String importId = Json.parse(start("acme", namedItems(3), "application/x-ndjson", Optional.empty())
                        .getBody())
                .get("id")
                .asText();
        DynamoDbImportedItems items = new DynamoDbImportedItems(
                cloud.dynamoDb(), itemsTable, TableAccess.asFunction(), DynamoDbImportedItems.backoff());
        queue.pollOnce(this::work, (batch, function) -> {
            batch.getRecords().forEach(message -> {
                ImportChunk chunk = readChunk(message.getBody());
                items.write(chunk, chunk.items());
            });
            return Optional.empty();
        });
        assertThat(itemCount("acme")).isEqualTo(3);
        // and the tenant deleted one of its items meanwhile
        String deleted = cloud.dynamoDb()
                .query(query -> query.tableName(itemsTable)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :items)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("TENANT#acme"), ":items", AttributeValue.fromS("ITEM#"))))
                .items()
                .getFirst()
                .get("sk")
                .s();
        cloud.dynamoDb()
                .deleteItem(delete -> delete.tableName(itemsTable)
                        .key(Map.of("pk", AttributeValue.fromS("TENANT#acme"), "sk", AttributeValue.fromS(deleted))));

        // when: the queue delivers the chunk again
        drain();

        // then: counted once, and the deleted item is not back
        JsonNode done = Json.parse(get("acme", importId).getBody());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("written").asInt()).isEqualTo(3);
        assertThat(itemCount("acme")).isEqualTo(2);
        assertThat(itemChanges()).isEqualTo(Map.of("INSERT", 3, "REMOVE", 1));
    }

    @Test
    void twoDeliveriesOfOneChunkAtOnceWriteEachItemOnceAndCountItOnce() throws Exception {
        String importId = Json.parse(start("acme", namedItems(99), "application/x-ndjson", Optional.empty())
                        .getBody())
                .get("id")
                .asText();

        // when: two workers handle the same delivery at the same time (SQS may deliver a message twice)
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            queue.pollOnce(this::work, (batch, function) -> {
                CountDownLatch ready = new CountDownLatch(2);
                List<Future<SQSBatchResponse>> both = IntStream.range(0, 2)
                        .mapToObj(worker -> workers.submit(() -> {
                            ready.countDown();
                            ready.await();
                            return function.apply(batch);
                        }))
                        .toList();
                List<SQSBatchResponse> responses = both.stream()
                        .map(response -> {
                            try {
                                return response.get();
                            } catch (Exception failed) {
                                throw new IllegalStateException(failed);
                            }
                        })
                        .toList();
                assertThat(responses)
                        .allSatisfy(response ->
                                assertThat(response.getBatchItemFailures()).isEmpty());
                return Optional.of(responses.getFirst());
            });
        } finally {
            workers.shutdownNow();
        }

        // then: every item once, no item written twice, the chunk counted once
        JsonNode done = Json.parse(get("acme", importId).getBody());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("written").asInt()).isEqualTo(99);
        assertThat(itemCount("acme")).isEqualTo(99);
        assertThat(itemChanges()).isEqualTo(Map.of("INSERT", 99));
    }

    private static ImportChunk readChunk(String body) {
        try {
            return ImportChunkMessages.read(body);
        } catch (Unreadable unreadable) {
            throw new IllegalStateException(unreadable);
        }
    }

    /** The item changes the table's stream saw, by kind: INSERT, MODIFY, REMOVE. */
    private Map<String, Integer> itemChanges() {
        Map<String, Integer> changes = new HashMap<>();
        new StreamPoller(cloud, itemsTable, 1000)
                .drain(event -> event.getRecords().stream()
                        .filter(record ->
                                record.getDynamodb().getKeys().get("sk").getS().startsWith("ITEM#"))
                        .forEach(record -> changes.merge(record.getEventName(), 1, Integer::sum)));
        return changes;
    }

    @Test
    void theCreateImportPrimingStartsAnImportAsAMadeUpTenantAndStoresAndSendsNothing() {
        // when: the priming runs, as before a snapshot (it throws if an answer is not the one it expects: 202, the
        // job's write refused, the chunk's send refused)
        createImport.prime();

        // then: no job, no key, no item, and no chunk on the queue
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .isZero();
        assertThat(queue.pollOnce(this::work, QueuePoller.Delivery.asLambda())).isZero();
    }

    private static final TenantId PRIMING_TEST_TENANT = new TenantId("snapstart-priming-test");

    /**
     * A job stored for {@link #PRIMING_TEST_TENANT}, under the id a priming's write then names: a priming's ids are
     * made up and fresh, and its writes must be refused even where the job exists.
     */
    private ImportJob storedJob() {
        ImportJob stored = ImportJob.queued(
                new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAV"), 2, List.of(), 1, Instant.parse("2026-12-06T10:00:00Z"));
        jobs.create(PRIMING_TEST_TENANT, stored, Optional.empty());
        return stored;
    }

    @Test
    void aPrimingCreateOfAJobThatExistsLeavesItAsItWas() {
        ImportJob stored = storedJob();

        jobs.primeCreate(
                PRIMING_TEST_TENANT,
                ImportJob.queued(
                        stored.id(), 7, List.of(), 3, stored.createdAt().plusSeconds(60)),
                new ImportRequestId("a".repeat(64)));

        assertThat(jobs.find(PRIMING_TEST_TENANT, stored.id())).contains(stored);
    }

    @Test
    void aPrimingCountOfAJobThatExistsLeavesItAsItWas() {
        // The worker's priming counts a chunk of a made-up, fresh import; its write must be refused even where the
        // job exists and has not counted that chunk.
        ImportJob stored = storedJob();

        assertThatCode(() -> jobs.primeRecordChunk(
                        PRIMING_TEST_TENANT,
                        stored.id(),
                        1,
                        2,
                        stored.createdAt().plusSeconds(300)))
                .as("refused, not taken")
                .doesNotThrowAnyException();

        assertThat(jobs.find(PRIMING_TEST_TENANT, stored.id())).contains(stored);
        assertThat(jobs.isWritten(PRIMING_TEST_TENANT, stored.id(), 1)).isFalse();
    }

    @Test
    void aPrimingFinishOfAJobThatExistsLeavesItAsItWas() {
        // The worker's priming finishes a job of a made-up, fresh import; its write must be refused even where the
        // job exists.
        ImportJob stored = storedJob();

        jobs.primeFinish(
                PRIMING_TEST_TENANT,
                stored.id(),
                ImportStatus.SUCCEEDED,
                stored.createdAt().plusSeconds(300));

        assertThat(jobs.find(PRIMING_TEST_TENANT, stored.id())).contains(stored);
    }

    @Test
    void theWorkersPrimingRunsAsAMadeUpTenantThroughItsTenantRoleAndWritesNothing() {
        ImportWorkerConsumer.fromEnvironment(functions).prime();

        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .isZero();
        assertThat(itemChanges()).isEmpty();
    }

    @Test
    void aWorkerBugThatWritesAChunkIntoAnotherTenantsPartitionIsRefusedAndWritesNothing() {
        // given: a chunk of acme's import, and a worker whose store writes it under globex's keys
        start("acme", "[{\"name\":\"one\"},{\"name\":\"two\"}]", "application/json", Optional.empty());
        AwsSettings aws = AwsSettings.fromEnvironment(functions);
        TenantCredentials tenants = TenantCredentials.create(aws, TestTenantRole.ARN);
        TableAccess asTenant = TableAccess.asRequestTenant(tenants);
        DynamoDbImportedItems items = new DynamoDbImportedItems(
                AwsClients.dynamoDb(aws), itemsTable, asTenant, DynamoDbImportedItems.backoff());
        List<RuntimeException> refusals = new ArrayList<>();
        ImportedItems intoGlobex = new ImportedItems() {
            @Override
            public boolean isWritten(ImportChunk chunk) {
                return items.isWritten(chunk);
            }

            @Override
            public boolean write(ImportChunk chunk, List<Item> chunkItems) {
                try {
                    // the bug: not the chunk's tenant
                    return items.write(
                            new ImportChunk(
                                    new TenantId("globex"),
                                    chunk.importId(),
                                    chunk.importedAt(),
                                    chunk.number(),
                                    chunk.lines()),
                            chunkItems);
                } catch (RuntimeException refused) {
                    refusals.add(refused);
                    throw refused;
                }
            }
        };
        worker = new ImportWorkerHandler(new ImportWorkerConsumer(
                new WriteImportChunk(
                        new DynamoDbImportJobs(AwsClients.dynamoDb(aws), itemsTable, asTenant),
                        intoGlobex,
                        Clock.systemUTC()),
                5,
                tenants,
                ConsumerMetrics.NONE,
                Clock.systemUTC(),
                new WriteImportChunk(
                        new DynamoDbImportJobs(AwsClients.dynamoDb(aws), itemsTable, asTenant).writingNothing(),
                        items.writingNothing(),
                        Clock.systemUTC())));

        // when
        List<SQSBatchResponse> responses = new ArrayList<>();
        queue.pollOnce(this::work, (batch, function) -> {
            responses.add(function.apply(batch));
            return Optional.of(responses.getFirst());
        });

        // then: IAM refused the chunk's write, the chunk returns to the queue, and neither tenant has an item
        assertThat(refusals)
                .singleElement()
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        refused -> assertThat(refused.awsErrorDetails().errorCode())
                                .isEqualTo("AccessDeniedException"));
        assertThat(responses.getFirst().getBatchItemFailures()).hasSize(1);
        assertThat(itemCount("globex")).isZero();
        assertThat(itemCount("acme")).isZero();
    }

    /** helper-86: such a chunk was written and counted past the job's lines, and the job answered 500 from then on. */
    @Test
    void aChunkItsJobNeverSentIsRefusedWholeAndTheJobStillAnswers() {
        APIGatewayV2HTTPResponse accepted =
                start("globex", "[{\"name\":\"g1\"},{\"name\":\"g2\"}]", "application/json", Optional.empty());
        String importId = Json.parse(accepted.getBody()).get("id").asText();
        drain();
        ImportJob done =
                jobs.find(new TenantId("globex"), new ImportId(importId)).orElseThrow();
        ImportChunk foreign = new ImportChunk(
                new TenantId("globex"),
                done.id(),
                done.createdAt(),
                2,
                List.of(new ImportLine(7, new ItemContent("extra", Map.of(), List.of()))));
        cloud.sqs()
                .sendMessage(send -> send.queueUrl(importJobs.url()).messageBody(ImportChunkMessages.write(foreign)));

        List<SQSBatchResponse> responses = new ArrayList<>();
        queue.pollOnce(this::work, (batch, function) -> {
            responses.add(function.apply(batch));
            return Optional.of(responses.getFirst());
        });

        assertThat(responses.getFirst().getBatchItemFailures()).hasSize(1);
        JsonNode job = Json.parse(get("globex", importId).getBody());
        assertThat(job.get("status").asText()).isEqualTo("succeeded");
        assertThat(job.get("counts").get("written").asInt()).isEqualTo(2);
        assertThat(itemCount("globex")).isEqualTo(2);
    }

    @Test
    void anotherTenantsImportIsNotFound() {
        APIGatewayV2HTTPResponse accepted = start("acme", "[{\"name\":\"one\"}]", "application/json", Optional.empty());
        String importId = Json.parse(accepted.getBody()).get("id").asText();

        APIGatewayV2HTTPResponse foreign = get("globex", importId);

        assertThat(foreign.getStatusCode()).isEqualTo(404);
        assertThat(foreign.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.parse(foreign.getBody()).get("type").asText())
                .isEqualTo("https://groundwork.dev/problems/import-not-found");
        assertThat(get("acme", importId).getStatusCode()).isEqualTo(200);
        drain();
        assertThat(itemCount("globex")).isZero();
        assertThat(itemCount("acme")).isEqualTo(1);
    }

    @Test
    void reportsRejectedLinesOfAJsonArrayWithoutWritingThem() {
        var sample = Requests.from("create-import/json-array.json").event();
        APIGatewayV2HTTPResponse accepted = Contract.checked(
                sample,
                createImport.handleRequest(sample, new TestContext("CreateImportFunction", CREATE_IMPORT_TIMEOUT)));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        JsonNode job = Json.parse(accepted.getBody());
        assertThat(job.get("counts").get("accepted").asInt()).isEqualTo(2);
        assertThat(job.get("rejectedLines").findValuesAsText("line")).containsExactly("3", "4");
        drain();
        assertThat(itemCount("acme")).isEqualTo(2);
        assertThat(Json.parse(get("acme", job.get("id").asText()).getBody())
                        .get("status")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    void rejectsAJsonArrayItemWithAKeyGivenTwiceAloneAndImportsTheRest() {
        // (A key of a lone surrogate is rejected alone too, ImportBodiesTest: the contract's own JSON reader cannot
        // read such a request to check it.)
        String body = "[{\"name\":\"one\"},\n"
                + " {\"name\":\"two\",\"attributes\":{\"colour\":\"red\",\"colour\":\"blue\"}},\n"
                + " {\"name\":\"three\",\"name\":\"drei\"},\n"
                + " {\"name\":\"four\"}]";

        APIGatewayV2HTTPResponse accepted = start("acme", body, "application/json", Optional.empty());

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        JsonNode job = Json.parse(accepted.getBody());
        assertThat(job.get("counts").get("accepted").asInt()).isEqualTo(2);
        assertThat(job.get("rejectedLines").findValuesAsText("line")).containsExactly("2", "3");
        assertThat(job.get("rejectedLines").findValuesAsText("field")).containsExactly("attributes.colour", "name");
        drain();
        assertThat(itemCount("acme")).isEqualTo(2);
    }

    @Test
    void refusesAJsonArrayWithAnItemsFaultWholeWhenItIsBrokenElsewhereAndWritesNothing() {
        String body = "[{\"name\":\"one\",\"name\":\"uno\"}, {\"name\":\"two\"} {\"name\":\"three\"}]";

        APIGatewayV2HTTPResponse refused = start("acme", body, "application/json", Optional.empty());

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(refused.getBody()).get("type").asText()).endsWith("malformed-json");
        drain();
        assertThat(itemCount("acme")).isZero();
    }

    @Test
    void rejectsLinesTheStoresCannotHoldAndImportsTheRestWholeAndOnce() {
        StringBuilder ndjson = new StringBuilder();
        for (int line = 1; line <= 149; line++) {
            ndjson.append("{\"name\":\"good ").append(line).append(" \\ud83d\\ude00 \\u00e9\"}\n");
        }
        ndjson.append("{\"name\":\"x\\ud800\"}\n") // line 150: a lone surrogate
                .append("{\"name\":\"x\\uffff\"}\n") // 151: a noncharacter SQS refuses
                .append("{\"name\":\"x\",\"attributes\":{\"a\":1e-2147483649}}\n") // 152: an exponent beyond an int
                .append("{\"name\":\"x\",\"attributes\":")
                .append("{\"a\":".repeat(32))
                .append("1")
                .append("}".repeat(32))
                .append("}\n"); // 153: a value at level 33

        APIGatewayV2HTTPResponse accepted =
                start("acme", ndjson.toString(), "application/x-ndjson", Optional.of("hostile-1"));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        JsonNode job = Json.parse(accepted.getBody());
        assertThat(job.get("counts").get("accepted").asInt()).isEqualTo(149);
        assertThat(job.get("rejectedLines").findValuesAsText("line")).containsExactly("150", "151", "152", "153");
        assertThat(job.get("rejectedLines").findValuesAsText("field"))
                .containsExactly("name", "name", "attributes.a", "attributes" + ".a".repeat(31));
        APIGatewayV2HTTPResponse replayed =
                start("acme", ndjson.toString(), "application/x-ndjson", Optional.of("hostile-1"));
        assertThat(Json.parse(replayed.getBody()).get("id").asText())
                .isEqualTo(job.get("id").asText());
        drain();
        assertThat(itemCount("acme")).isEqualTo(149);
        assertThat(Json.parse(get("acme", job.get("id").asText()).getBody())
                        .get("status")
                        .asText())
                .isEqualTo("succeeded");
    }

    @Test
    void rejectsALineOfInvalidUtf8InsteadOfStoringAReplacementCharacter() {
        byte[] body = "{\"name\":\"fine\"}\n{\"name\":\"x?\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        body[body.length - 4] = (byte) 0xFF; // never part of UTF-8
        var request = Requests.from("create-import/json-array.json")
                .withoutHeader("Idempotency-Key")
                .header("Content-Type", "application/x-ndjson")
                .event();
        request.setBody(java.util.Base64.getEncoder().encodeToString(body));
        request.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse accepted = Contract.checked(
                request,
                createImport.handleRequest(request, new TestContext("CreateImportFunction", CREATE_IMPORT_TIMEOUT)));

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        JsonNode rejected = Json.parse(accepted.getBody()).get("rejectedLines");
        assertThat(rejected.findValuesAsText("line")).containsExactly("2");
        assertThat(rejected.get(0).get("errors").findValuesAsText("field"))
                .as("the field that holds the byte")
                .containsExactly("name");
        drain();
        assertThat(itemCount("acme")).isEqualTo(1);
    }

    @Test
    void aCompressedImportIsA415NamingContentEncodingThatUsesUpNeitherTheKeyNorAJob() throws Exception {
        String ndjson = "{\"name\":\"one\"}\n{\"name\":\"two\"}\n";
        var buffer = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(buffer)) {
            gzip.write(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        APIGatewayV2HTTPResponse refused = startBytes(buffer.toByteArray(), Map.of("Content-Encoding", "gzip"), "gz-1");

        assertThat(refused.getStatusCode()).isEqualTo(415);
        assertThat(refused.getHeaders()).containsEntry("Accept-Encoding", "identity");
        JsonNode problem = Json.parse(refused.getBody());
        assertThat(problem.get("type").asText())
                .isEqualTo("https://groundwork.dev/problems/unsupported-content-encoding");
        assertThat(problem.get("detail").asText()).contains("Content-Encoding");
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .as("no job, no idempotency record")
                .isZero();
        assertThat(cloud.depth(importJobs.url())).isZero();
        // and the key is still free: the same key with the plain body starts the import
        assertThat(start("acme", ndjson, "application/x-ndjson", Optional.of("gz-1"))
                        .getStatusCode())
                .isEqualTo(202);
    }

    @Test
    void importsALineOfEmojiAsItCameThroughTheQueue() {
        // 80,000 bytes of UTF-8, under a line's 128 KB; as JSON escapes it was 240,000, and rejected
        String emoji = "\uD83D\uDE00".repeat(20_000);

        APIGatewayV2HTTPResponse accepted = start(
                "acme",
                "{\"name\":\"smiles\",\"attributes\":{\"text\":\"" + emoji + "\"}}\n",
                "application/x-ndjson",
                Optional.empty());

        assertThat(accepted.getStatusCode()).isEqualTo(202);
        assertThat(Json.parse(accepted.getBody()).get("rejectedLines")).isEmpty();
        drain();
        var stored = cloud.dynamoDb()
                .query(query -> query.tableName(itemsTable)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :items)")
                        .expressionAttributeValues(Map.of(
                                ":pk", AttributeValue.fromS("TENANT#acme"), ":items", AttributeValue.fromS("ITEM#"))))
                .items();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().get("attributes").m().get("text").s()).isEqualTo(emoji);
    }

    @Test
    void theSameKeyAndBytesSentAsAnotherMediaTypeAreRefusedInsteadOfReplayed() {
        String body = "[{\"name\":\"a\"}]"; // one line that is no object as NDJSON, one item as a JSON array

        APIGatewayV2HTTPResponse asNdjson = start("acme", body, "application/x-ndjson", Optional.of("media-1"));
        APIGatewayV2HTTPResponse asArray = start("acme", body, "application/json", Optional.of("media-1"));

        assertThat(asNdjson.getStatusCode()).isEqualTo(202);
        assertThat(asArray.getStatusCode()).isEqualTo(422);
        assertThat(Json.parse(asArray.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(start("acme", body, "application/x-ndjson; charset=utf-8", Optional.of("media-1"))
                        .getHeaders())
                .as("the same media type spelled otherwise is the same request")
                .containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void anImportInUtf16OrStartingWithAByteOrderMarkIsRefusedWholeNamingTheEncoding() {
        String ndjson = "{\"name\":\"one\"}\n{\"name\":\"two\"}\n";
        Map<String, byte[]> bodies = Map.of(
                "UTF-16", ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_16LE),
                "UTF-8 with a byte order mark", ("\uFEFF" + ndjson).getBytes(java.nio.charset.StandardCharsets.UTF_8));

        bodies.forEach((encoding, body) -> {
            APIGatewayV2HTTPResponse refused = startBytes(body, Map.of(), "bom-1");

            assertThat(refused.getStatusCode()).as(encoding).isEqualTo(400);
            JsonNode problem = Json.parse(refused.getBody());
            assertThat(problem.get("type").asText()).endsWith("/malformed-json");
            assertThat(problem.get("detail").asText()).contains("is " + encoding + ", not UTF-8");
        });
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .isZero();
        assertThat(start("acme", ndjson, "application/x-ndjson", Optional.of("bom-1"))
                        .getStatusCode())
                .isEqualTo(202);
    }

    /** An NDJSON import of these bytes, base64-encoded as API Gateway hands it, with an Idempotency-Key. */
    private APIGatewayV2HTTPResponse startBytes(byte[] body, Map<String, String> headers, String key) {
        Requests request = Requests.from("create-import/json-array.json")
                .header("Content-Type", "application/x-ndjson")
                .header("Idempotency-Key", key);
        headers.forEach(request::header);
        var event = request.event();
        event.setBody(java.util.Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return Contract.checked(
                event,
                createImport.handleRequest(event, new TestContext("CreateImportFunction", CREATE_IMPORT_TIMEOUT)));
    }

    @Test
    void aRetryWithTheSameKeyFinishesTheJobAnAttemptLeftHalfSentAndWritesEachItemOnce() {
        FlakySqs sqs = new FlakySqs(cloud.sqs());
        CreateImportHandler flakyStart = startingWith(sqs);
        String ndjson = namedItems(1_500);

        // given: SQS takes the first call's chunks, then fails; the worker writes what arrived
        sqs.failAfterFirstBatch.set(true);
        APIGatewayV2HTTPResponse failed = start(flakyStart, "acme", ndjson, Optional.of("half-sent"));
        assertThat(failed.getStatusCode()).isEqualTo(503);
        drain();
        assertThat(itemCount("acme")).as("some, not all").isBetween(1, 1_499);

        // when: the client retries with the same key and SQS works again
        sqs.failAfterFirstBatch.set(false);
        APIGatewayV2HTTPResponse retried = start(flakyStart, "acme", ndjson, Optional.of("half-sent"));
        drain();

        // then: one job, finished, every item once
        assertThat(retried.getStatusCode()).isEqualTo(202);
        JsonNode done = Json.parse(
                get("acme", Json.parse(retried.getBody()).get("id").asText()).getBody());
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.get("counts").get("written").asInt()).isEqualTo(1_500);
        assertThat(itemCount("acme")).isEqualTo(1_500);
        assertThat(jobCount("acme")).isEqualTo(1);
    }

    @Test
    void anAttemptWithoutAKeyThatFailsHalfWayWritesNothingSoItsRetryWritesEachItemOnce() {
        FlakySqs sqs = new FlakySqs(cloud.sqs());
        CreateImportHandler flakyStart = startingWith(sqs);
        String ndjson = namedItems(1_500);

        sqs.failAfterFirstBatch.set(true);
        assertThat(start(flakyStart, "acme", ndjson, Optional.empty()).getStatusCode())
                .isEqualTo(503);
        drain();
        assertThat(itemCount("acme"))
                .as("the chunks that were sent belong to an abandoned job")
                .isZero();

        sqs.failAfterFirstBatch.set(false);
        assertThat(start(flakyStart, "acme", ndjson, Optional.empty()).getStatusCode())
                .isEqualTo(202);
        drain();
        assertThat(itemCount("acme")).isEqualTo(1_500);
    }

    private static String namedItems(int lines) {
        return IntStream.rangeClosed(1, lines)
                .mapToObj(line -> "{\"name\":\"item " + line + "\"}")
                .collect(Collectors.joining("\n"));
    }

    /** The front function as ImportsApplication wires it, over an SQS client the test can break. */
    private CreateImportHandler startingWith(SqsClient sqs) {
        Clock clock = Clock.systemUTC();
        return new CreateImportHandler(ImportsApplication.start(
                new HttpFunction("tenant_id", new RecordingMetrics(), TenantScope.IN_MEMORY),
                jobs,
                new SqsSender(sqs, importJobs.url(), Backoff.none()),
                clock,
                new IdempotentRequests(
                        new DynamoDbIdempotencyRecords(
                                cloud.dynamoDb(), itemsTable, TableAccess.asFunction(), IdempotentRequests.RETENTION),
                        clock),
                AwsSettings.CallTimeouts.DEFAULT.call()));
    }

    private APIGatewayV2HTTPResponse start(
            CreateImportHandler handler, String tenant, String body, Optional<String> key) {
        Requests request = Requests.from("create-import/json-array.json")
                .tenant(tenant)
                .body(body)
                .header("Content-Type", "application/x-ndjson")
                .withoutHeader("Idempotency-Key");
        key.ifPresent(value -> request.header("Idempotency-Key", value));
        return Contract.checked(
                request.event(),
                handler.handleRequest(request.event(), new TestContext("CreateImportFunction", CREATE_IMPORT_TIMEOUT)));
    }

    private int jobCount(String tenant) {
        return cloud.dynamoDb()
                .query(query -> query.tableName(itemsTable)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :imports)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS("TENANT#" + tenant),
                                ":imports",
                                AttributeValue.fromS("IMPORT#"))))
                .count();
    }

    /** SQS that, while told to, takes the first SendMessageBatch of a request and fails every later one. */
    private static final class FlakySqs implements SqsClient {
        final AtomicBoolean failAfterFirstBatch = new AtomicBoolean();
        private final SqsClient sqs;
        private final AtomicInteger batches = new AtomicInteger();

        FlakySqs(SqsClient sqs) {
            this.sqs = sqs;
        }

        @Override
        public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
            if (failAfterFirstBatch.get() && batches.incrementAndGet() > 1) {
                batches.set(0);
                throw SdkClientException.create("the network is down");
            }
            return sqs.sendMessageBatch(request);
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {}
    }

    @Test
    void refusesMoreThanTenThousandItemsWhole() {
        String body = IntStream.rangeClosed(1, 10_001)
                .mapToObj(line -> "{\"name\":\"n\"}")
                .collect(Collectors.joining("\n"));

        APIGatewayV2HTTPResponse refused = start("acme", body, "application/x-ndjson", Optional.empty());

        assertThat(refused.getStatusCode()).isEqualTo(413);
        assertThat(cloud.depth(importJobs.url())).isZero();
        assertThat(cloud.dynamoDb().scan(scan -> scan.tableName(itemsTable)).count())
                .isZero();
    }

    private APIGatewayV2HTTPResponse start(String tenant, String body, String contentType, Optional<String> key) {
        Requests request = Requests.from("create-import/json-array.json")
                .tenant(tenant)
                .body(body)
                .header("Content-Type", contentType)
                .withoutHeader("Idempotency-Key");
        key.ifPresent(value -> request.header("Idempotency-Key", value));
        return Contract.checked(
                request.event(),
                createImport.handleRequest(
                        request.event(), new TestContext("CreateImportFunction", CREATE_IMPORT_TIMEOUT)));
    }

    private APIGatewayV2HTTPResponse get(String tenant, String importId) {
        var event = Requests.from("get-import/valid.json").tenant(tenant).event();
        event.setPathParameters(Map.of("importId", importId));
        event.setRawPath("/v1/imports/" + importId);
        return Contract.checked(event, getImport.handleRequest(event, new TestContext("GetImportFunction")));
    }

    private SQSBatchResponse work(SQSEvent batch) {
        long started = System.nanoTime();
        try {
            return worker.handleRequest(batch, new TestContext("ImportWorkerFunction"));
        } finally {
            workerNanos += System.nanoTime() - started;
            chunksWorked += batch.getRecords().size();
        }
    }

    private void drain() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (cloud.depth(importJobs.url()) > 0 && System.nanoTime() < deadline) {
            if (queue.pollOnce(this::work, QueuePoller.Delivery.asLambda()) == 0) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        assertThat(cloud.depth(importJobs.url())).isZero();
        assertThat(cloud.depth(importJobs.deadLetterUrl())).isZero();
    }

    private int itemCount(String tenant) {
        AtomicInteger count = new AtomicInteger();
        cloud.dynamoDb()
                .queryPaginator(query -> query.tableName(itemsTable)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :items)")
                        .expressionAttributeValues(Map.of(
                                ":pk",
                                AttributeValue.fromS("TENANT#" + tenant),
                                ":items",
                                AttributeValue.fromS("ITEM#"))))
                .forEach(page -> count.addAndGet(page.count()));
        return count.get();
    }
}
