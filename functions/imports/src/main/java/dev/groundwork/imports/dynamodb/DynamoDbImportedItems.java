package dev.groundwork.imports.dynamodb;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.imports.domain.ImportedItems;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.dynamodb.ItemKeys;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.retry.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Imported items in the items table, in the same record form as items created one by one. Writes go 25 a
 * BatchWriteItem call; what DynamoDB leaves unprocessed (throttling, partition limits) is sent again with exponential
 * backoff and full jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 */
public final class DynamoDbImportedItems implements ImportedItems {
    /** BatchWriteItem takes 25 requests, BatchGetItem 100 keys (DynamoDB quotas). */
    private static final int WRITES_PER_CALL = 25;

    private static final int READS_PER_CALL = 100;
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
    public Set<ItemId> existing(TenantId tenant, Collection<ItemId> ids) {
        Set<ItemId> existing = new HashSet<>();
        List<ItemId> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += READS_PER_CALL) {
            List<Map<String, AttributeValue>> keys =
                    all.subList(from, Math.min(all.size(), from + READS_PER_CALL)).stream()
                            .map(id -> ItemKeys.item(tenant, id))
                            .toList();
            Map<String, KeysAndAttributes> request = Map.of(
                    table,
                    KeysAndAttributes.builder()
                            .keys(keys)
                            .consistentRead(true)
                            .projectionExpression("#id")
                            .expressionAttributeNames(Map.of("#id", "id"))
                            .build());
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(
                        get -> get.requestItems(pending).overrideConfiguration(access.override()));
                response.responses()
                        .getOrDefault(table, List.of())
                        .forEach(record ->
                                existing.add(new ItemId(record.get("id").s())));
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) {
                    backOff(attempt, "BatchGetItem");
                }
            }
        }
        return existing;
    }

    @Override
    public void writeAll(TenantId tenant, List<Item> items) {
        for (int from = 0; from < items.size(); from += WRITES_PER_CALL) {
            List<WriteRequest> writes = new ArrayList<>();
            for (Item item : items.subList(from, Math.min(items.size(), from + WRITES_PER_CALL))) {
                writes.add(put(tenant, item));
            }
            Map<String, List<WriteRequest>> request = Map.of(table, writes);
            for (int attempt = 1; !request.isEmpty(); attempt++) {
                BatchWriteItemResponse response = batchWrite(request);
                request = unprocessed(response);
                if (!request.isEmpty()) {
                    backOff(attempt, "BatchWriteItem");
                }
            }
        }
    }

    private static WriteRequest put(TenantId tenant, Item item) {
        return WriteRequest.builder()
                .putRequest(PutRequest.builder()
                        .item(ItemRecords.toRecord(tenant, item))
                        .build())
                .build();
    }

    /** The one call site of a batch write, the priming's too: it links the lambda a write runs. */
    private BatchWriteItemResponse batchWrite(Map<String, List<WriteRequest>> pending) {
        return dynamoDb.batchWriteItem(write -> write.requestItems(pending)
                .overrideConfiguration(access.override())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
    }

    /** What a batch write left for another call: nothing, when every list DynamoDB gives back is empty. */
    private static Map<String, List<WriteRequest>> unprocessed(BatchWriteItemResponse response) {
        if (LOG.isDebugEnabled() && response.hasConsumedCapacity()) {
            LOG.debug(
                    "consumed capacity",
                    entry("operation", "BatchWriteItem"),
                    entry(
                            "capacity_units",
                            response.consumedCapacity().stream()
                                    .mapToDouble(capacity -> capacity.capacityUnits())
                                    .sum()));
        }
        Map<String, List<WriteRequest>> left = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        return left.entrySet().stream().anyMatch(entry -> !entry.getValue().isEmpty()) ? left : Map.of();
    }

    /**
     * The items as {@link dev.groundwork.imports.domain.WriteImportChunk} uses them, for the import worker's SnapStart
     * priming: read as a delivery reads them, and written by {@link #primeWrite}, which writes nothing.
     */
    public ImportedItems writingNothing() {
        DynamoDbImportedItems items = this;
        return new ImportedItems() {
            @Override
            public Set<ItemId> existing(TenantId tenant, Collection<ItemId> ids) {
                return items.existing(tenant, ids);
            }

            @Override
            public void writeAll(TenantId tenant, List<Item> chunk) {
                chunk.forEach(item -> items.primeWrite(tenant, item));
            }
        };
    }

    /**
     * A SnapStart priming of {@link #existing} and {@link #writeAll} that writes nothing: the read of an item of a
     * made-up tenant, then a batch that DynamoDB must refuse as a whole before writing (the same item twice: "Provided
     * list of item keys contains duplicates").
     *
     * @throws IllegalStateException when DynamoDB answers otherwise: the checkpoint then fails
     */
    public void primeWrite(TenantId tenant, Item item) {
        if (!existing(tenant, List.of(item.id())).isEmpty()) {
            throw new IllegalStateException("a priming found an item of a made-up tenant: " + item.id());
        }
        WriteRequest put = put(tenant, item);
        try {
            batchWrite(Map.of(table, List.of(put, put)));
        } catch (DynamoDbException refused) {
            if (refused.statusCode() == 400 && refused.getMessage().contains("duplicates")) {
                // The answer to a batch write that succeeded, built as the SDK builds it from DynamoDB's answer and
                // read
                // as writeAll reads it: the refused batch never gets one, so without this the first chunk after a
                // restore makes its classes and their field accessors (about 40).
                unprocessed(BatchWriteItemResponse.builder()
                        .unprocessedItems(Map.of())
                        .consumedCapacity(ConsumedCapacity.builder()
                                .tableName(table)
                                .capacityUnits(1.0)
                                .table(Capacity.builder().capacityUnits(1.0).build())
                                .build())
                        .build());
                return;
            }
            throw refused;
        }
        throw new IllegalStateException("DynamoDB took a batch that puts one item twice while priming");
    }

    private void backOff(int attempt, String operation) {
        if (attempt >= ATTEMPTS) {
            throw new IllegalStateException(operation + " left items unprocessed after " + ATTEMPTS + " attempts");
        }
        backoff.beforeAttempt(attempt + 1);
    }
}
