package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.expression.Condition;
import dev.groundwork.dynamodb.expression.ExpressionContext;
import dev.groundwork.dynamodb.expression.Expressions;
import dev.groundwork.dynamodb.expression.Projection;
import dev.groundwork.dynamodb.expression.Update;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.DynamoDbException.CancellationReason;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Capacity;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.ItemWrite;
import dev.groundwork.dynamodb.storage.StoredItem;
import dev.groundwork.dynamodb.storage.Table;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems and TransactGetItems. A transaction takes the write (or read) locks of all its tables, in name
 * order so that two transactions cannot deadlock, evaluates every action, and commits all of them or none: readers,
 * which take the read lock, never see a part of one.
 */
final class TransactionOperations {
    static final int MAX_ACTIONS = 100;
    /** "The aggregate size of the items in the transaction cannot exceed 4 MB" (the TransactWriteItems reference). */
    static final long MAX_TRANSACTION_BYTES = 4L * 1024 * 1024;
    /** AWS keeps a ClientRequestToken for 10 minutes after the request that used it. */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofMinutes(10);

    /**
     * The table, key and item of each action, as DynamoDB's model constrains them; the expressions and the rest are
     * checked with the action.
     */
    private static final Constraints.Rule TABLE_NAME = Constraints.fields(Constraints.field(
            "TableName", Constraints.notNull(), Constraints.namePattern(), Constraints.length(3, 255)));

    private static final Constraints TRANSACT_WRITE_ITEMS = Constraints.of(
            Constraints.member(
                    "TransactItems",
                    "List",
                    Constraints.notNull(),
                    Constraints.length(1, MAX_ACTIONS),
                    Constraints.elements(Constraints.fields(
                            Constraints.field("ConditionCheck", TABLE_NAME),
                            Constraints.field("Put", TABLE_NAME),
                            Constraints.field("Delete", TABLE_NAME),
                            Constraints.field("Update", TABLE_NAME)))),
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.oneOf("ReturnItemCollectionMetrics", "SIZE", "NONE"),
            Constraints.member("ClientRequestToken", "String", Constraints.length(1, 36)));

    private static final Constraints TRANSACT_GET_ITEMS = Constraints.of(
            Constraints.member(
                    "TransactItems",
                    "List",
                    Constraints.notNull(),
                    Constraints.length(1, MAX_ACTIONS),
                    Constraints.elements(
                            Constraints.fields(Constraints.field("Get", Constraints.notNull(), TABLE_NAME)))),
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"));

    private final Database database;
    private final Map<String, TokenUse> tokens = new ConcurrentHashMap<>();

    TransactionOperations(Database database) {
        this.database = database;
    }

    private record TokenUse(JsonNode request, ObjectNode response, long atMillis) {}

    ObjectNode transactWriteItems(Request request) {
        TRANSACT_WRITE_ITEMS.check(request);
        JsonNode actions = request.requiredNode("TransactItems");
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean collectionMetrics = ItemCollectionMetrics.wanted(request);
        String token = request.optionalString("ClientRequestToken");
        List<ItemWrite> writes = new ArrayList<>();
        Set<List<Object>> items = new HashSet<>();
        long bytes = 0;
        for (JsonNode action : actions) {
            ItemWrite write = parse(action, request.access());
            if (!items.add(List.of(write.table.name, write.key))) {
                throw DynamoDbException.validation(
                        "Transaction request cannot include multiple operations on one item");
            }
            bytes += write.requestBytes();
            writes.add(write);
        }
        if (bytes > MAX_TRANSACTION_BYTES) {
            // Refused whole before any action runs, as every validation error of a transaction is.
            throw DynamoDbException.validation("Transaction request cannot be larger than 4 MB");
        }
        if (token == null) return execute(writes, returnCapacity, collectionMetrics);

        JsonNode fingerprint = request.body().deepCopy();
        ((ObjectNode) fingerprint).remove("ReturnConsumedCapacity");
        long now = database.clock().millis();
        tokens.values().removeIf(use -> use.response() != null && now - use.atMillis() > IDEMPOTENCY_WINDOW.toMillis());
        TokenUse claim = new TokenUse(fingerprint, null, now);
        TokenUse previous = tokens.putIfAbsent(token, claim);
        if (previous != null) {
            if (!previous.request().equals(fingerprint)) {
                throw new DynamoDbException(
                        DynamoDbException.IDEMPOTENT_PARAMETER_MISMATCH,
                        "Request token already used with different parameters; a token must identify one request for 10 minutes");
            }
            if (previous.response() == null) {
                throw new DynamoDbException(
                        DynamoDbException.TRANSACTION_IN_PROGRESS,
                        "The transaction with the given request token is already in progress.");
            }
            return previous.response();
        }
        try {
            ObjectNode response = execute(writes, returnCapacity, collectionMetrics);
            tokens.put(
                    token, new TokenUse(fingerprint, response, database.clock().millis()));
            return response;
        } catch (RuntimeException e) {
            tokens.remove(token, claim);
            throw e;
        }
    }

    /** One action of a TransactWriteItems, authorised as its own DynamoDB action before its table is looked up. */
    private ItemWrite parse(JsonNode action, Access access) {
        int kinds = (action.has("Put") ? 1 : 0)
                + (action.has("Update") ? 1 : 0)
                + (action.has("Delete") ? 1 : 0)
                + (action.has("ConditionCheck") ? 1 : 0);
        if (kinds != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = action.fieldNames().next();
        Request body = new Request(action.get(kind));
        String tableName = body.tableName();
        boolean returnOld = ItemOperations.returnOldOnConditionFailure(body);
        ExpressionContext context = body.expressionContext();
        String conditionExpression = body.optionalString("ConditionExpression");
        Condition condition = conditionExpression == null ? null : Expressions.condition(conditionExpression, context);
        switch (kind) {
            case "Put" -> {
                context.checkAllUsed();
                if (condition == null) body.checkNoPlaceholdersWithoutExpressions();
                Map<String, AttributeValue> item = body.requiredItem("Item");
                Access.item(access, database, "PutItem", tableName, item);
                return ItemWrite.put(database.table(tableName), item, condition, returnOld);
            }
            case "Update" -> {
                Update update = Expressions.update(body.requiredString("UpdateExpression"), context);
                context.checkAllUsed();
                Map<String, AttributeValue> key = body.requiredItem("Key");
                Access.item(access, database, "UpdateItem", tableName, key);
                return ItemWrite.update(database.table(tableName), key, update, condition, returnOld);
            }
            case "Delete" -> {
                context.checkAllUsed();
                if (condition == null) body.checkNoPlaceholdersWithoutExpressions();
                Map<String, AttributeValue> key = body.requiredItem("Key");
                Access.item(access, database, "DeleteItem", tableName, key);
                return ItemWrite.delete(database.table(tableName), key, condition, returnOld);
            }
            default -> {
                if (condition == null) throw Request.missing("ConditionExpression");
                context.checkAllUsed();
                Map<String, AttributeValue> key = body.requiredItem("Key");
                Access.item(access, database, "ConditionCheckItem", tableName, key);
                return ItemWrite.check(database.table(tableName), key, condition, returnOld);
            }
        }
    }

    private ObjectNode execute(List<ItemWrite> writes, ReturnCapacity returnCapacity, boolean collectionMetrics) {
        List<Table.Hold> locks = locks(writes.stream().map(write -> write.table).toList(), true);
        List<ItemWrite.Outcome> outcomes = new ArrayList<>();
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        try {
            List<CancellationReason> reasons = new ArrayList<>();
            boolean cancelled = false;
            for (ItemWrite write : writes) {
                try {
                    outcomes.add(write.evaluate());
                    reasons.add(CancellationReason.NONE);
                } catch (DynamoDbException e) {
                    outcomes.add(null);
                    cancelled = true;
                    if (e.code().equals(DynamoDbException.CONDITIONAL_CHECK_FAILED)) {
                        reasons.add(CancellationReason.conditionalCheckFailed(
                                e.item().orElse(null)));
                    } else {
                        reasons.add(new CancellationReason("ValidationError", e.getMessage(), null));
                    }
                }
            }
            if (cancelled) throw DynamoDbException.transactionCanceled(reasons);
            for (int i = 0; i < writes.size(); i++) {
                ItemWrite write = writes.get(i);
                Capacity capacity = new Capacity(write.table.name);
                capacity.addTable(write.commit(outcomes.get(i), capacity));
                // A transactional write costs twice a plain one
                // (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling).
                capacities.computeIfAbsent(write.table.name, Capacity::new).add(capacity.times(2));
            }
        } finally {
            unlock(locks);
        }
        ObjectNode response = Json.object();
        if (returnCapacity != ReturnCapacity.NONE) {
            ArrayNode consumed = response.putArray("ConsumedCapacity");
            capacities.values().forEach(capacity -> consumed.add(returnCapacity.json(capacity)));
        }
        if (collectionMetrics) ItemCollectionMetrics.addTo(response, writes);
        return response;
    }

    ObjectNode transactGetItems(Request request) {
        TRANSACT_GET_ITEMS.check(request);
        JsonNode actions = request.requiredNode("TransactItems");
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        record Read(Table table, Map<String, AttributeValue> key, Projection projection) {}
        List<Read> reads = new ArrayList<>();
        Set<List<Object>> items = new HashSet<>();
        for (JsonNode action : actions) {
            JsonNode get = action.get("Get");
            if (get == null) throw Request.missing("Get");
            Request body = new Request(get);
            String tableName = body.tableName();
            Map<String, AttributeValue> key = body.requiredItem("Key");
            Projection projection = ItemOperations.projectionOf(body);
            Access.item(request.access(), database, "GetItem", tableName, key);
            Table table = database.table(tableName);
            table.keys.checkKey(key);
            if (!items.add(List.of(table.name, table.keys.storageKey(key)))) {
                throw DynamoDbException.validation(
                        "Transaction request cannot include multiple operations on one item");
            }
            reads.add(new Read(table, key, projection));
        }
        List<Table.Hold> locks = locks(reads.stream().map(Read::table).toList(), false);
        ObjectNode response = Json.object();
        ArrayNode responses = response.putArray("Responses");
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        try {
            for (Read read : reads) {
                StoredItem stored = read.table().get(read.table().keys.storageKey(read.key()));
                ObjectNode entry = responses.addObject();
                if (stored != null) {
                    Map<String, AttributeValue> item = stored.decode();
                    entry.set(
                            "Item",
                            AttributeValues.itemToJson(
                                    read.projection() == null
                                            ? item
                                            : read.projection().apply(item)));
                }
                capacities
                        .computeIfAbsent(read.table().name, Capacity::new)
                        .addTable(2 * Capacity.readUnits(stored == null ? 0 : stored.size, true));
            }
        } finally {
            unlock(locks);
        }
        if (returnCapacity != ReturnCapacity.NONE) {
            ArrayNode consumed = response.putArray("ConsumedCapacity");
            capacities.values().forEach(capacity -> consumed.add(returnCapacity.json(capacity)));
        }
        return response;
    }

    /** Locks every table once, in name order, so concurrent transactions over the same tables cannot deadlock. */
    private static List<Table.Hold> locks(List<Table> tables, boolean write) {
        TreeMap<String, Table> ordered = new TreeMap<>(Comparator.naturalOrder());
        tables.forEach(table -> ordered.put(table.name, table));
        List<Table.Hold> locks = new ArrayList<>();
        for (Table table : ordered.values()) {
            locks.add(write ? table.lockForWriting() : table.lockForReading());
        }
        return locks;
    }

    private static void unlock(List<Table.Hold> locks) {
        for (int i = locks.size() - 1; i >= 0; i--) locks.get(i).close();
    }
}
