package dev.groundwork.items.dynamodb;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.RefusedVersions;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.dynamodb.TenantKeys;
import dev.groundwork.platform.dynamodb.TransactionCancellations;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link Items} on one DynamoDB table. Every write is a single conditional write (no transaction on the hot path; a
 * create with an Idempotency-Key is one, with its request's mark), every expression uses placeholders ({@code name} is a reserved word), and a failed condition is an outcome.
 */
public final class DynamoDbItems implements Items {
    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbItems.class);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final TableAccess access;

    public DynamoDbItems(DynamoDbClient dynamoDb, String table, TableAccess access) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.access = access;
    }

    @Override
    public boolean add(TenantId tenant, Item item) {
        return putIf(tenant, item, TenantKeys.NO_RECORD_YET, Map.of("#pk", TenantKeys.PK), Map.of());
    }

    /**
     * One transaction: the request's mark ({@code MADE-BY#<digest>}: the item's id and creation time, expiring with the
     * request's Idempotency-Key) and the item, each only if absent. A mark already there fails its condition and comes
     * back with the cancellation, naming the item the request made before. The SDK sends a transaction whose answer
     * was lost again with the same client token, which DynamoDB answers as the first (for 10 minutes); after that, the
     * mark answers it.
     */
    @Override
    public Addition addOnce(TenantId tenant, Item item, String request) {
        Map<String, AttributeValue> mark = new HashMap<>(ItemKeys.madeBy(tenant, request));
        mark.put(ItemRecords.ID, AttributeValue.fromS(item.id().value()));
        mark.put(ItemRecords.CREATED_AT, AttributeValue.fromS(item.createdAt().toString()));
        mark.put(
                TenantKeys.EXPIRES_AT,
                AttributeValue.fromN(Long.toString(
                        item.createdAt().plus(IdempotentRequests.RETENTION).getEpochSecond())));
        try {
            var response = dynamoDb.transactWriteItems(transaction -> transaction
                    .overrideConfiguration(access.override())
                    .transactItems(
                            TransactWriteItem.builder()
                                    .put(put -> put.tableName(table)
                                            .item(mark)
                                            // TTL deletes an expired mark only eventually: one past its time is gone.
                                            .conditionExpression("attribute_not_exists(#pk) OR #expiresAt < :now")
                                            .expressionAttributeNames(
                                                    Map.of("#pk", TenantKeys.PK, "#expiresAt", TenantKeys.EXPIRES_AT))
                                            .expressionAttributeValues(Map.of(
                                                    ":now",
                                                    AttributeValue.fromN(Long.toString(
                                                            item.createdAt().getEpochSecond()))))
                                            .returnValuesOnConditionCheckFailure(
                                                    ReturnValuesOnConditionCheckFailure.ALL_OLD))
                                    .build(),
                            TransactWriteItem.builder()
                                    .put(put -> put.tableName(table)
                                            .item(ItemRecords.toRecord(tenant, item))
                                            .conditionExpression(TenantKeys.NO_RECORD_YET)
                                            .expressionAttributeNames(Map.of("#pk", TenantKeys.PK)))
                                    .build())
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            if (response.hasConsumedCapacity()) {
                response.consumedCapacity().forEach(capacity -> logCapacity("TransactWriteItems", capacity));
            }
            return new Added();
        } catch (TransactionCanceledException cancelled) {
            List<CancellationReason> reasons =
                    cancelled.hasCancellationReasons() ? cancelled.cancellationReasons() : List.of();
            if (reasons.size() == 2) {
                CancellationReason markReason = reasons.get(0);
                if (TransactionCancellations.CONDITION_FAILED.equals(markReason.code()) && markReason.hasItem()) {
                    Map<String, AttributeValue> before = markReason.item();
                    return new AddedBefore(
                            new ItemId(before.get(ItemRecords.ID).s()),
                            Instant.parse(before.get(ItemRecords.CREATED_AT).s()));
                }
                if (TransactionCancellations.CONDITION_FAILED.equals(
                        reasons.get(1).code())) {
                    return new IdTaken();
                }
            }
            throw cancelled;
        }
    }

    /**
     * Strongly consistent, as every read of items here: an eventually consistent read, at half the read units, may
     * miss a write of the last second, which no test on the embedded DynamoDB (always consistent) would show.
     */
    @Override
    public Optional<Item> findLatest(TenantId tenant, ItemId id) {
        GetItemResponse response = dynamoDb.getItem(get -> get.tableName(table)
                .overrideConfiguration(access.override())
                .key(ItemKeys.item(tenant, id))
                .consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        logCapacity("GetItem", response.consumedCapacity());
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(ItemRecords.fromRecord(response.item()))
                : Optional.empty();
    }

    @Override
    public Slice newestFirst(TenantId tenant, int limit, long maxBytes, Optional<ItemId> after) {
        // One more than asked tells whether a next page exists, so the last page carries no cursor.
        int wanted = limit + 1;
        List<Item> items = new ArrayList<>();
        long bytes = 0;
        Map<String, AttributeValue> startAfter =
                after.map(id -> ItemKeys.item(tenant, id)).orElse(null);
        do {
            Map<String, AttributeValue> exclusiveStart = startAfter;
            QueryResponse page = dynamoDb.query(query -> query.tableName(table)
                    .overrideConfiguration(access.override())
                    .keyConditionExpression("#pk = :pk AND begins_with(#sk, :items)")
                    .expressionAttributeNames(Map.of("#pk", TenantKeys.PK, "#sk", TenantKeys.SK))
                    .expressionAttributeValues(Map.of(
                            ":pk", TenantKeys.partition(tenant),
                            ":items", AttributeValue.fromS(ItemKeys.ITEM_PREFIX)))
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(wanted - items.size())
                    .exclusiveStartKey(exclusiveStart)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            logCapacity("Query", page.consumedCapacity());
            for (Map<String, AttributeValue> record : page.items()) {
                Item item = ItemRecords.fromRecord(record);
                items.add(item);
                bytes += ItemDocument.storedSize(item.content());
            }
            // A query page also ends at 1 MB of data: keep reading until the slice is full, holds more than the
            // budget (a hundred items of 350 KB would otherwise be read, 36 MB, for a page that answers one), or the
            // partition ends.
            startAfter =
                    page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startAfter != null && items.size() < wanted && bytes <= maxBytes);
        boolean hasMore = items.size() > limit || startAfter != null;
        return new Slice(items.size() > limit ? items.subList(0, limit) : items, hasMore);
    }

    @Override
    public boolean replace(TenantId tenant, Item item, long expectedVersion) {
        return putIf(
                tenant,
                item,
                "#version = :expected",
                Map.of("#version", ItemRecords.VERSION),
                Map.of(":expected", AttributeValue.fromN(Long.toString(expectedVersion))));
    }

    /**
     * Puts the item when {@code condition} holds; false when it does not (an existing, stale or missing item), unless
     * the item there is this very write: DynamoDB may apply a write and lose its answer (a 500, a timeout), and the
     * SDK then sends it again, which fails its own condition. Read as a failure, that would make a create write a
     * second item under a new id, and a PATCH answer 412 for a patch it made. The record carries a random token of
     * this write ({@link ItemRecords#WRITE_ID}), the same on each attempt, by which it knows itself.
     */
    private boolean putIf(
            TenantId tenant,
            Item item,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        Map<String, AttributeValue> record = ItemRecords.toRecord(tenant, item);
        try {
            var response = dynamoDb.putItem(put -> put.tableName(table)
                    .overrideConfiguration(access.override())
                    .item(record)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    // DynamoDB refuses an empty ExpressionAttributeValues: leave it out when there are none.
                    .expressionAttributeValues(values.isEmpty() ? null : values)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
            logCapacity("PutItem", response.consumedCapacity());
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return conditionFailed.hasItem() && ItemRecords.sameWrite(record, conditionFailed.item());
        }
    }

    @Override
    public Removal remove(TenantId tenant, ItemId id, Preconditions conditions) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", TenantKeys.PK));
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder condition = new StringBuilder("attribute_exists(#pk)");
        if (conditions.ifMatch().isPresent()) {
            condition
                    .append(" AND #version IN (")
                    .append(versions(conditions.ifMatch().get().versions(), ":v", names, values))
                    .append(')');
        }
        if (conditions.ifNoneMatch().isPresent()) {
            RefusedVersions refused = conditions.ifNoneMatch().get();
            // If-None-Match: * holds only where no item is: never, beside attribute_exists, so the delete fails as a
            // stale one and the failure says whether an item was there (412) or not (404).
            condition.append(
                    refused.any()
                            ? " AND attribute_not_exists(#pk)"
                            : " AND NOT (#version IN (" + versions(refused.versions(), ":n", names, values) + "))");
        }
        try {
            deleteIf(tenant, id, condition.toString(), names, values);
            return new Removed();
        } catch (ConditionalCheckFailedException conditionFailed) {
            return conditionFailed.hasItem() && !conditionFailed.item().isEmpty()
                    ? new Stale(ItemRecords.fromRecord(conditionFailed.item()).version())
                    : new Absent();
        }
    }

    /** Placeholders for {@code versions}, named {@code prefix0, prefix1...}, with their values and the version's name. */
    private static String versions(
            Set<Long> versions, String prefix, Map<String, String> names, Map<String, AttributeValue> values) {
        names.put("#version", ItemRecords.VERSION);
        List<String> placeholders = new ArrayList<>();
        for (long version : versions) {
            String placeholder = prefix + placeholders.size();
            placeholders.add(placeholder);
            values.put(placeholder, AttributeValue.fromN(Long.toString(version)));
        }
        return String.join(", ", placeholders);
    }

    /**
     * A delete that cannot delete: conditioned on no item having the key, so DynamoDB removes nothing and streams
     * nothing, and answers as to a delete that succeeded. For the delete route's SnapStart priming, whose delete of an
     * absent item is otherwise refused: so that the first delete after a restore is not the first to read DynamoDB's
     * answer to a delete (the SDK's success path and the consumed capacity, about 20 classes).
     *
     * @throws IllegalStateException when an item has the id (a fresh one never does): the priming then fails
     */
    public void removeNothing(TenantId tenant, ItemId id) {
        try {
            deleteIf(tenant, id, TenantKeys.NO_RECORD_YET, Map.of("#pk", TenantKeys.PK), Map.of());
        } catch (ConditionalCheckFailedException anItemHasTheId) {
            throw new IllegalStateException("an item has the id " + id.value() + ", which a priming took for fresh");
        }
    }

    /** Deletes the item when {@code condition} holds; throws {@link ConditionalCheckFailedException} when not. */
    private void deleteIf(
            TenantId tenant,
            ItemId id,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        var response = dynamoDb.deleteItem(delete -> delete.tableName(table)
                .overrideConfiguration(access.override())
                .key(ItemKeys.item(tenant, id))
                .conditionExpression(condition)
                .expressionAttributeNames(names)
                .expressionAttributeValues(values.isEmpty() ? null : values)
                // A failed condition brings the item back, in the same call: a stale version tells itself from a
                // missing item without a read, which DeleteItem's tenant role may not make.
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        logCapacity("DeleteItem", response.consumedCapacity());
    }

    private static void logCapacity(String operation, ConsumedCapacity capacity) {
        if (capacity != null && LOG.isDebugEnabled()) {
            LOG.debug(
                    "consumed capacity",
                    entry("operation", operation),
                    entry("capacity_units", capacity.capacityUnits()));
        }
    }
}
