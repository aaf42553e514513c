package dev.groundwork.imports.dynamodb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.domain.ImportJobs;
import dev.groundwork.imports.domain.ImportRequestId;
import dev.groundwork.imports.domain.ImportStatus;
import dev.groundwork.imports.domain.RejectedLine;
import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.json.PlainJson;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Import jobs in the items table, in the tenant's partition ({@code IMPORT#<id>}), so a job is reachable only by its
 * owner. A chunk's progress is one conditional update that also adds the chunk's number to a set, which makes it
 * count once however often the chunk is delivered. {@code running} is not stored: a queued job with progress is
 * running, so no update has to order itself against another's status change.
 */
public final class DynamoDbImportJobs implements ImportJobs {
    private static final String IMPORT_PREFIX = "IMPORT#";
    /** The request id a priming's transaction names: the priming's request has no Idempotency-Key. */
    private static final ImportRequestId PRIMING_REQUEST = new ImportRequestId("0".repeat(64));

    private static final Map<String, String> ABSENT_NAMES = Map.of("#pk", TenantKeys.PK);
    private static final String IMPORT_REQUEST_PREFIX = "IMPORT-REQUEST#";
    /** As long as the request's Idempotency-Key answers retries (table TTL on {@code expiresAt}). */
    private static final Duration REQUEST_RETENTION = IdempotentRequests.RETENTION;

    private static final JsonFactory JSON = new JsonFactory();

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableAccess access;

    public DynamoDbImportJobs(DynamoDbClient dynamoDb, String table, TableAccess access) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.access = access;
    }

    private static Map<String, AttributeValue> key(TenantId tenant, ImportId id) {
        return key(tenant, IMPORT_PREFIX + id.value());
    }

    private static Map<String, AttributeValue> key(TenantId tenant, String sortKey) {
        return TenantKeys.key(tenant, sortKey);
    }

    @Override
    public Optional<ImportJob> startedBy(TenantId tenant, ImportRequestId request, Instant now) {
        Map<String, AttributeValue> pointer = dynamoDb.getItem(get -> get.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(requestKey(tenant, request))
                        .consistentRead(true))
                .item();
        // TTL deletes late: a pointer past its time names a request whose key no longer answers retries.
        if (pointer == null
                || pointer.isEmpty()
                || Long.parseLong(pointer.get(TenantKeys.EXPIRES_AT).n()) < now.getEpochSecond()) {
            return Optional.empty();
        }
        return ImportId.parse(pointer.get("importId").s()).flatMap(id -> find(tenant, id));
    }

    private static Map<String, AttributeValue> requestKey(TenantId tenant, ImportRequestId request) {
        return key(tenant, IMPORT_REQUEST_PREFIX + request.value());
    }

    @Override
    public void create(TenantId tenant, ImportJob job, Optional<ImportRequestId> request) {
        Map<String, AttributeValue> record = record(tenant, job);
        if (request.isEmpty()) {
            dynamoDb.putItem(newJob(record));
            return;
        }
        // The job and the record of the request that started it, in one transaction: a retry finds both or neither.
        dynamoDb.transactWriteItems(newJobOfRequest(record, pointer(tenant, request.get(), job)));
    }

    /**
     * The jobs as {@link dev.groundwork.imports.domain.StartImport} uses them, for CreateImport's SnapStart priming:
     * these, except that a job is created by writes that store nothing ({@link #primeCreate}) and is then never
     * updated (a failed send would finish it: the priming fails instead).
     */
    public ImportJobs creatingNothing() {
        return new PrimingJobs() {
            @Override
            public void create(TenantId tenant, ImportJob job, Optional<ImportRequestId> request) {
                primeCreate(tenant, job, request.orElse(PRIMING_REQUEST));
            }

            // A priming's job is never stored, so a priming that gets as far as updating it has gone wrong: it fails
            // here, loudly (StartImport keeps the failure that led here, a send's, as the cause), and the checkpoint
            // with it.
            @Override
            public ImportJob recordChunk(
                    TenantId tenant, ImportId id, int chunk, int lines, boolean written, Instant now) {
                throw new IllegalStateException("a priming's import job records no chunk");
            }

            @Override
            public void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
                throw new IllegalStateException("a priming's import job is never finished");
            }
        };
    }

    /**
     * The jobs as {@link dev.groundwork.imports.domain.WriteImportChunk} uses them, for the import worker's SnapStart
     * priming: read as a delivery reads them (a job not found is then read as a queued one), except that a chunk's
     * count is {@link #primeRecordChunk} answered with
     * the job counted whole, read as a found job is, and the finish that follows is {@link #primeFinish}; DynamoDB
     * refuses both whatever is stored. Nothing is written.
     */
    public ImportJobs writingNothing() {
        return new PrimingJobs() {
            @Override
            public void create(TenantId tenant, ImportJob job, Optional<ImportRequestId> request) {
                throw new IllegalStateException("the worker's priming creates no import job");
            }

            /**
             * Read as a delivery reads it; the made-up import has no job, so what is read is then the job POST
             * /v1/imports stores for the priming's chunk of one line, queued, read as a found job is.
             */
            @Override
            public Optional<ImportJob> find(TenantId tenant, ImportId id) {
                Instant now = Instant.now();
                return super.find(tenant, id)
                        .or(() -> Optional.of(asFound(
                                tenant,
                                new ImportJob(
                                        id,
                                        ImportStatus.QUEUED,
                                        1,
                                        0,
                                        0,
                                        0,
                                        1,
                                        List.of(),
                                        now,
                                        now,
                                        Optional.empty()))));
            }

            @Override
            public ImportJob recordChunk(
                    TenantId tenant, ImportId id, int chunk, int lines, boolean written, Instant now) {
                primeRecordChunk(tenant, id, chunk, lines, now);
                return asFound(
                        tenant,
                        new ImportJob(
                                id,
                                ImportStatus.RUNNING,
                                lines,
                                0,
                                written ? lines : 0,
                                written ? 0 : lines,
                                1,
                                List.of(),
                                now,
                                now,
                                Optional.empty()));
            }

            @Override
            public void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
                primeFinish(tenant, id, status, now);
            }
        };
    }

    /** The jobs for a priming: read as a request reads them; each priming says what becomes of its writes. */
    private abstract class PrimingJobs implements ImportJobs {
        @Override
        public Optional<ImportJob> startedBy(TenantId tenant, ImportRequestId request, Instant now) {
            return DynamoDbImportJobs.this.startedBy(tenant, request, now);
        }

        @Override
        public Optional<ImportJob> find(TenantId tenant, ImportId id) {
            return DynamoDbImportJobs.this.find(tenant, id);
        }

        @Override
        public boolean isWritten(TenantId tenant, ImportId id, int chunk) {
            return DynamoDbImportJobs.this.isWritten(tenant, id, chunk);
        }
    }

    /**
     * For CreateImport's SnapStart priming: the writes {@link #create} makes, built as it builds them. The job's put
     * is sent conditioned on {@link TenantKeys#NO_RECORD_MEETS}, which DynamoDB refuses whatever is stored, storing and
     * streaming nothing: so its marshalling, signing and call run too. The transaction an {@code Idempotency-Key}
     * makes, and the answers DynamoDB gives both, are built in memory only. The SDK makes a request type's classes (a
     * getter per field) the first time one is built: without this the first import after a restore makes about 50.
     *
     * @throws IllegalStateException when DynamoDB takes the put (it cannot meet the condition): the priming fails
     */
    public void primeCreate(TenantId tenant, ImportJob job, ImportRequestId request) {
        Map<String, AttributeValue> record = record(tenant, job);
        try {
            dynamoDb.putItem(newJob(record).toBuilder()
                    .conditionExpression(TenantKeys.NO_RECORD_MEETS)
                    .build());
        } catch (ConditionalCheckFailedException refused) {
            newJobOfRequest(record, pointer(tenant, request, job));
            PutItemResponse.builder().build();
            TransactWriteItemsResponse.builder().build();
            return;
        }
        throw new IllegalStateException(
                "DynamoDB took a priming's write of import job " + job.id().value());
    }

    private Map<String, AttributeValue> record(TenantId tenant, ImportJob job) {
        Map<String, AttributeValue> record = new HashMap<>(key(tenant, job.id()));
        record.put("importId", AttributeValue.fromS(job.id().value()));
        record.put("status", AttributeValue.fromS(job.status().name()));
        record.put("accepted", number(job.accepted()));
        record.put("rejected", number(job.rejected()));
        record.put("written", number(job.written()));
        record.put("failed", number(job.failed()));
        record.put("chunks", number(job.chunks()));
        record.put("rejectedLines", AttributeValue.fromS(rejectedLines(job.rejectedLines())));
        record.put("createdAt", AttributeValue.fromS(job.createdAt().toString()));
        record.put("updatedAt", AttributeValue.fromS(job.updatedAt().toString()));
        job.finishedAt().ifPresent(at -> record.put("finishedAt", AttributeValue.fromS(at.toString())));
        return record;
    }

    private Map<String, AttributeValue> pointer(TenantId tenant, ImportRequestId request, ImportJob job) {
        Map<String, AttributeValue> pointer = new HashMap<>(requestKey(tenant, request));
        pointer.put("importId", AttributeValue.fromS(job.id().value()));
        pointer.put(
                TenantKeys.EXPIRES_AT,
                number(job.createdAt().plus(REQUEST_RETENTION).getEpochSecond()));
        return pointer;
    }

    private PutItemRequest newJob(Map<String, AttributeValue> record) {
        return PutItemRequest.builder()
                .tableName(table)
                .overrideConfiguration(access.override())
                .item(record)
                .conditionExpression(TenantKeys.NO_RECORD_YET)
                .expressionAttributeNames(ABSENT_NAMES)
                .build();
    }

    private TransactWriteItemsRequest newJobOfRequest(
            Map<String, AttributeValue> record, Map<String, AttributeValue> pointer) {
        return TransactWriteItemsRequest.builder()
                .overrideConfiguration(access.override())
                .transactItems(
                        TransactWriteItem.builder().put(newRecord(record)).build(),
                        TransactWriteItem.builder().put(newRecord(pointer)).build())
                .build();
    }

    /** A transaction's put of a record that must not exist yet. */
    private Put newRecord(Map<String, AttributeValue> record) {
        return Put.builder()
                .tableName(table)
                .item(record)
                .conditionExpression(TenantKeys.NO_RECORD_YET)
                .expressionAttributeNames(ABSENT_NAMES)
                .build();
    }

    @Override
    public Optional<ImportJob> find(TenantId tenant, ImportId id) {
        Map<String, AttributeValue> record = dynamoDb.getItem(get -> get.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(key(tenant, id))
                        .consistentRead(true))
                .item();
        return record == null || record.isEmpty() ? Optional.empty() : Optional.of(job(record));
    }

    /**
     * For SnapStart primings: a job as a read finds it, in memory: its record as {@link #create} writes it, handed over
     * as the SDK hands over a found item, and read back as {@link #find} reads it. So that a priming whose read finds
     * nothing still maps a found job.
     */
    public ImportJob asFound(TenantId tenant, ImportJob job) {
        return job(GetItemResponse.builder().item(record(tenant, job)).build().item());
    }

    @Override
    public boolean isWritten(TenantId tenant, ImportId id, int chunk) {
        Map<String, AttributeValue> record = dynamoDb.getItem(get -> get.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(key(tenant, id))
                        .projectionExpression("#writtenChunks")
                        .expressionAttributeNames(Map.of("#writtenChunks", "writtenChunks"))
                        .consistentRead(true))
                .item();
        return record != null
                && record.containsKey("writtenChunks")
                && record.get("writtenChunks").ns().contains(Integer.toString(chunk));
    }

    @Override
    public ImportJob recordChunk(TenantId tenant, ImportId id, int chunk, int lines, boolean written, Instant now) {
        try {
            return count(tenant, id, chunk, lines, written, now, JOB_EXISTS);
        } catch (ConditionalCheckFailedException counted) {
            if (!written) {
                return find(tenant, id).orElseThrow();
            }
        }
        return moveToWritten(tenant, id, chunk, lines, now);
    }

    /**
     * For the import worker's SnapStart priming: the update {@link #recordChunk} sends first, its job's condition
     * {@link TenantKeys#NO_RECORD_MEETS}, which DynamoDB refuses whatever is stored: nothing is written, nothing
     * streamed, even where the job exists. The answer of an update that succeeds is built in memory, as the SDK builds
     * it.
     *
     * @throws IllegalStateException when DynamoDB takes it (it cannot meet the condition): the priming fails
     */
    public void primeRecordChunk(TenantId tenant, ImportId id, int chunk, int lines, Instant now) {
        UpdateItemResponse.builder().attributes(Map.of()).build();
        try {
            count(tenant, id, chunk, lines, true, now, TenantKeys.NO_RECORD_MEETS);
        } catch (ConditionalCheckFailedException refused) {
            return;
        }
        throw new IllegalStateException("a priming's count of a chunk of import " + id + " was taken");
    }

    /** A count's condition on the job: it exists (a priming's is {@link TenantKeys#NO_RECORD_MEETS}). */
    private static final String JOB_EXISTS = "attribute_exists(#pk)";

    /**
     * Counts a chunk once: refused when the job does not meet {@code jobCondition} or has counted the chunk already.
     */
    private ImportJob count(
            TenantId tenant, ImportId id, int chunk, int lines, boolean written, Instant now, String jobCondition) {
        Map<String, String> names = Map.of(
                "#pk",
                TenantKeys.PK,
                "#count",
                written ? "written" : "failed",
                "#writtenChunks",
                "writtenChunks",
                "#failedChunks",
                "failedChunks",
                "#updatedAt",
                "updatedAt");
        Map<String, AttributeValue> values = Map.of(
                ":lines",
                number(lines),
                ":chunk",
                number(chunk),
                ":chunkSet",
                AttributeValue.fromNs(List.of(Integer.toString(chunk))),
                ":now",
                AttributeValue.fromS(now.toString()));
        return update(
                tenant,
                id,
                "ADD #count :lines, " + (written ? "#writtenChunks" : "#failedChunks")
                        + " :chunkSet SET #updatedAt = :now",
                jobCondition + " AND NOT contains(#writtenChunks, :chunk) AND NOT contains(#failedChunks, :chunk)",
                names,
                values);
    }

    /** Counted as failed on what the queue took for its last delivery, then written after a redrive: move it over. */
    private ImportJob moveToWritten(TenantId tenant, ImportId id, int chunk, int lines, Instant now) {
        Map<String, String> moveNames = Map.of(
                "#written",
                "written",
                "#failed",
                "failed",
                "#writtenChunks",
                "writtenChunks",
                "#failedChunks",
                "failedChunks",
                "#updatedAt",
                "updatedAt");
        Map<String, AttributeValue> moveValues = Map.of(
                ":lines",
                number(lines),
                ":minusLines",
                number(-lines),
                ":chunk",
                number(chunk),
                ":chunkSet",
                AttributeValue.fromNs(List.of(Integer.toString(chunk))),
                ":now",
                AttributeValue.fromS(now.toString()));
        try {
            return update(
                    tenant,
                    id,
                    "ADD #written :lines, #failed :minusLines, #writtenChunks :chunkSet"
                            + " DELETE #failedChunks :chunkSet SET #updatedAt = :now",
                    "contains(#failedChunks, :chunk)",
                    moveNames,
                    moveValues);
        } catch (ConditionalCheckFailedException alreadyWritten) {
            return find(tenant, id).orElseThrow();
        }
    }

    private ImportJob update(
            TenantId tenant,
            ImportId id,
            String expression,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        return job(dynamoDb.updateItem(update -> update.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(key(tenant, id))
                        .updateExpression(expression)
                        .conditionExpression(condition)
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes());
    }

    @Override
    public void finish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
        try {
            setStatus(tenant, id, status, now, "attribute_exists(#pk) AND #status <> :status");
        } catch (ConditionalCheckFailedException alreadyThere) {
            // Finished with this status before (a redelivered last chunk): nothing to change.
        }
    }

    /**
     * For the import worker's SnapStart priming: the update {@link #finish} sends, conditioned on
     * {@link TenantKeys#NO_RECORD_MEETS}, which DynamoDB refuses whatever is stored: nothing is written, nothing
     * streamed.
     *
     * @throws IllegalStateException when DynamoDB takes it (it cannot meet the condition): the priming fails
     */
    public void primeFinish(TenantId tenant, ImportId id, ImportStatus status, Instant now) {
        try {
            setStatus(tenant, id, status, now, TenantKeys.NO_RECORD_MEETS);
        } catch (ConditionalCheckFailedException refused) {
            return;
        }
        throw new IllegalStateException("a priming's finish of import " + id + " was taken");
    }

    /** The one call site of a finish, the priming's too: it links the lambda a finish runs. */
    private void setStatus(TenantId tenant, ImportId id, ImportStatus status, Instant now, String condition) {
        dynamoDb.updateItem(update -> update.tableName(table)
                .overrideConfiguration(access.override())
                .key(key(tenant, id))
                .updateExpression("SET #status = :status, #finishedAt = :now, #updatedAt = :now")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of(
                        "#pk",
                        TenantKeys.PK,
                        "#status",
                        "status",
                        "#finishedAt",
                        "finishedAt",
                        "#updatedAt",
                        "updatedAt"))
                .expressionAttributeValues(Map.of(
                        ":status", AttributeValue.fromS(status.name()), ":now", AttributeValue.fromS(now.toString()))));
    }

    private static ImportJob job(Map<String, AttributeValue> record) {
        ImportStatus stored = ImportStatus.valueOf(record.get("status").s());
        int written = integer(record, "written");
        int failed = integer(record, "failed");
        ImportStatus status = stored == ImportStatus.QUEUED && written + failed > 0 ? ImportStatus.RUNNING : stored;
        return new ImportJob(
                new ImportId(record.get("importId").s()),
                status,
                integer(record, "accepted"),
                integer(record, "rejected"),
                written,
                failed,
                integer(record, "chunks"),
                rejectedLines(record.get("rejectedLines").s()),
                Instant.parse(record.get("createdAt").s()),
                Instant.parse(record.get("updatedAt").s()),
                Optional.ofNullable(record.get("finishedAt")).map(at -> Instant.parse(at.s())));
    }

    static String rejectedLines(List<RejectedLine> lines) {
        List<Map<String, Object>> json = lines.stream()
                .map(line -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("line", line.number());
                    entry.put(
                            "errors",
                            line.errors().stream()
                                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                                    .toList());
                    return entry;
                })
                .toList();
        return PlainJson.write(JSON, json);
    }

    private static List<RejectedLine> rejectedLines(String json) {
        JsonNode entries;
        try {
            entries = PlainJson.readTree(JSON, json);
        } catch (IOException corrupt) {
            throw new IllegalStateException("a job's rejected lines are not JSON", corrupt);
        }
        if (entries == null || !entries.isArray()) {
            throw new IllegalStateException("a job's rejected lines are not a JSON array");
        }
        List<RejectedLine> lines = new ArrayList<>();
        for (JsonNode entry : entries) {
            List<FieldError> errors = new ArrayList<>();
            for (JsonNode error : entry.path("errors")) {
                errors.add(new FieldError(
                        error.path("field").textValue(), error.path("message").textValue()));
            }
            lines.add(new RejectedLine(entry.path("line").intValue(), errors));
        }
        return lines;
    }

    private static int integer(Map<String, AttributeValue> record, String name) {
        AttributeValue value = record.get(name);
        return value == null ? 0 : Integer.parseInt(value.n());
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
