package dev.groundwork.imports.dynamodb;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportedItems;
import dev.groundwork.imports.domain.ImportedItems.OutcomeUnknown;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.platform.dynamodb.PrimingAnswers;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.dynamodb.TransactionCancellations;
import dev.groundwork.platform.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Imported items in the items table, in the same record form as items created one by one. A chunk is one
 * {@code TransactWriteItems}: its record ({@code IMPORT-CHUNK#<import>#<chunk>}, put only if absent) and each of its
 * items (put only if absent), all or none. So the table never holds part of a chunk: a delivery after a crash, or one
 * beside another, finds the chunk's record and writes nothing, where a check of which items exist could not tell an
 * item never written from one the tenant deleted since. The record is read first (strongly consistent), so a delivery
 * of a chunk written before sends no transaction, which would hold its items for a moment against the tenant's own
 * writes, and is kept as long as its job (about 100 bytes for 99 items): a message can come back after any number of
 * redrives, each of which starts its retention anew. What makes a transaction wait (another on the same record,
 * throttling) is tried again with exponential backoff and full jitter
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). A transactional write costs twice a
 * plain one's write units (docs/performance.md, "Cost per million requests, by route").
 */
public final class DynamoDbImportedItems implements ImportedItems {
    private static final String CHUNK_PREFIX = "IMPORT-CHUNK#";

    private static final Map<String, String> PK_NAME = Map.of("#pk", TenantKeys.PK);
    private static final int ATTEMPTS = 8;
    private static final Duration BASE_DELAY = Duration.ofMillis(25);
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbImportedItems.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableAccess access;
    private final Backoff backoff;

    /** @param access as whom every call reaches the table: the worker writes each chunk as the chunk's tenant */
    public DynamoDbImportedItems(DynamoDbClient dynamoDb, String table, TableAccess access, Backoff backoff) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.access = access;
        this.backoff = backoff;
    }

    /** From 25 ms, doubling each attempt, never more than 3.2 s. */
    public static Backoff backoff() {
        return Backoff.of(BASE_DELAY, BASE_DELAY.multipliedBy(1L << 7));
    }

    @Override
    public boolean isWritten(ImportChunk chunk) {
        return dynamoDb.getItem(get -> get.tableName(table)
                        .overrideConfiguration(access.override())
                        .key(chunkKey(chunk))
                        .consistentRead(true))
                .hasItem();
    }

    @Override
    public boolean write(ImportChunk chunk, List<Item> items) {
        return write(chunk, items, TenantKeys.NO_RECORD_YET);
    }

    /**
     * @param chunkCondition the condition on the chunk's record: {@link TenantKeys#NO_RECORD_YET}, or for a priming
     *     {@link TenantKeys#NO_RECORD_MEETS}, which DynamoDB refuses whatever is stored
     */
    private boolean write(ImportChunk chunk, List<Item> items, String chunkCondition) {
        List<TransactWriteItem> actions = new ArrayList<>(items.size() + 1);
        actions.add(put(chunkKey(chunk), chunkCondition)); // first: its reason is the first of a cancellation's
        for (Item item : items) {
            actions.add(put(ItemRecords.toRecord(chunk.tenant(), item), TenantKeys.NO_RECORD_YET));
        }
        for (int attempt = 1; ; attempt++) {
            try {
                logCapacity(transact(actions));
                return true;
            } catch (TransactionCanceledException cancelled) {
                // Nothing was written. The chunk's record decides: there already, or held by the transaction of a
                // delivery beside this one (which may have put some of the items already), or absent.
                List<String> reasons = TransactionCancellations.reasons(cancelled);
                String record = reasons.isEmpty() ? "None" : reasons.getFirst();
                if (TransactionCancellations.CONDITION_FAILED.equals(record)) {
                    return false; // the chunk's record is there: its items are too, all of them
                }
                boolean passes =
                        TransactionCancellations.passes(record) || TransactionCancellations.onlyTransient(cancelled);
                if (!passes && reasons.contains(TransactionCancellations.CONDITION_FAILED)) {
                    // An item of the chunk, under an id only this chunk makes, without the chunk's record: never
                    // overwritten. The chunk fails, and its dead letter says why.
                    throw new IllegalStateException("import " + chunk.importId() + " chunk " + chunk.number()
                            + ": an item it writes is in the table, but not the chunk's record; nothing written");
                }
                if (!passes) {
                    throw cancelled;
                }
                if (attempt >= ATTEMPTS) {
                    throw new IllegalStateException("import " + chunk.importId() + " chunk " + chunk.number()
                            + ": the transaction was cancelled " + ATTEMPTS + " times: " + reasons);
                }
                backoff.beforeAttempt(attempt + 1);
            } catch (TransactionInProgressException | SdkClientException lost) {
                // Sent, perhaps, and its answer lost (a timeout, or the SDK's retry of it meeting the first attempt):
                // the chunk may be written, so it must not be counted as failed (WriteImportChunk).
                throw new OutcomeUnknown("import " + chunk.importId() + " chunk " + chunk.number(), lost);
            } catch (DynamoDbException refused) {
                if (refused.statusCode() < 500) {
                    throw refused; // refused as asked (validation, access): nothing written
                }
                throw new OutcomeUnknown("import " + chunk.importId() + " chunk " + chunk.number(), refused);
            }
        }
    }

    private static Map<String, AttributeValue> chunkKey(ImportChunk chunk) {
        return TenantKeys.key(chunk.tenant(), CHUNK_PREFIX + chunk.importId().value() + "#" + chunk.number());
    }

    private TransactWriteItem put(Map<String, AttributeValue> record, String condition) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(table)
                        .item(record)
                        .conditionExpression(condition)
                        .expressionAttributeNames(PK_NAME)
                        .build())
                .build();
    }

    /** The one call site of a chunk's write, the priming's too: it links the lambda a write runs. */
    private TransactWriteItemsResponse transact(List<TransactWriteItem> actions) {
        return dynamoDb.transactWriteItems(write -> write.transactItems(actions)
                .overrideConfiguration(access.override())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    private static void logCapacity(TransactWriteItemsResponse response) {
        if (LOG.isDebugEnabled() && response.hasConsumedCapacity()) {
            LOG.debug(
                    "consumed capacity",
                    entry("operation", "TransactWriteItems"),
                    entry(
                            "capacity_units",
                            response.consumedCapacity().stream()
                                    .mapToDouble(capacity -> capacity.capacityUnits())
                                    .sum()));
        }
    }

    /**
     * The items as {@link dev.groundwork.imports.domain.WriteImportChunk} uses them, for the import worker's SnapStart
     * priming: read as a delivery reads them, and written by {@link #primeWrite}, which writes nothing.
     */
    public ImportedItems writingNothing() {
        DynamoDbImportedItems items = this;
        return new ImportedItems() {
            @Override
            public boolean isWritten(ImportChunk chunk) {
                return items.isWritten(chunk);
            }

            @Override
            public boolean write(ImportChunk chunk, List<Item> chunkItems) {
                return items.primeWrite(chunk, chunkItems);
            }
        };
    }

    /**
     * A SnapStart priming of {@link #write} that writes nothing: the chunk's transaction, its record's condition one
     * DynamoDB refuses whatever is stored ({@link TenantKeys#NO_RECORD_MEETS}), so DynamoDB cancels it whole, nothing
     * written, nothing streamed, and it is read as a chunk an earlier delivery wrote.
     *
     * @return false, as for a chunk written before
     * @throws IllegalStateException when DynamoDB answers otherwise: the checkpoint then fails
     */
    public boolean primeWrite(ImportChunk chunk, List<Item> items) {
        if (write(chunk, items, TenantKeys.NO_RECORD_MEETS)) {
            throw new IllegalStateException("DynamoDB took a priming's chunk, whose condition nothing meets");
        }
        // The answer to a transaction that succeeded, built as the SDK builds it from DynamoDB's answer and read as
        // write reads it: the cancelled one never gets one, so without this the first chunk after a restore makes its
        // classes and their field accessors.
        logCapacity(TransactWriteItemsResponse.builder()
                .consumedCapacity(PrimingAnswers.consumedCapacity(table, 2.0))
                .build());
        return false;
    }
}
