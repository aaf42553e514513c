package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.groundwork.dynamodb.expression.Condition;
import dev.groundwork.dynamodb.expression.ExpressionContext;
import dev.groundwork.dynamodb.expression.Expressions;
import dev.groundwork.dynamodb.expression.Projection;
import dev.groundwork.dynamodb.expression.Update;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Capacity;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.ItemWrite;
import dev.groundwork.dynamodb.storage.StoredItem;
import dev.groundwork.dynamodb.storage.Table;
import java.util.Map;
import java.util.function.BiFunction;

/** PutItem, GetItem, UpdateItem and DeleteItem. */
final class ItemOperations {
    /** DynamoDB's model of GetItem: its members in order (dynalite's validations/getItem.js). */
    private static final Constraints GET_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            LegacyParameters.attributesToGetList(),
            Constraints.name("TableName", true),
            Constraints.map("Key", "AttributeValue", true, 0),
            Constraints.bool("ConsistentRead"),
            Constraints.string("ProjectionExpression"),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));
    /** DynamoDB's model of PutItem: its members in order (dynalite's validations/putItem.js). */
    private static final Constraints PUT_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.name("TableName", true),
            Constraints.map("Item", "AttributeValue", true, 0),
            LegacyParameters.conditionalOperator(),
            LegacyParameters.expectedMap(),
            Constraints.oneOf("ReturnValues", "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
            Constraints.oneOf("ReturnItemCollectionMetrics", "SIZE", "NONE"),
            Constraints.string("ConditionExpression"),
            Constraints.map("ExpressionAttributeValues", "AttributeValue", false, 0),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));
    /** DynamoDB's model of DeleteItem: its members in order (dynalite's validations/deleteItem.js). */
    private static final Constraints DELETE_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.name("TableName", true),
            Constraints.oneOf("ReturnValues", "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
            Constraints.oneOf("ReturnItemCollectionMetrics", "SIZE", "NONE"),
            Constraints.map("Key", "AttributeValue", true, 0),
            LegacyParameters.conditionalOperator(),
            LegacyParameters.expectedMap(),
            Constraints.string("ConditionExpression"),
            Constraints.map("ExpressionAttributeValues", "AttributeValue", false, 0),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));
    /** DynamoDB's model of UpdateItem: its members in order (dynalite's validations/updateItem.js). */
    private static final Constraints UPDATE_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.name("TableName", true),
            Constraints.oneOf("ReturnItemCollectionMetrics", "SIZE", "NONE"),
            Constraints.oneOf("ReturnValues", "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
            Constraints.map("Key", "AttributeValue", true, 0),
            LegacyParameters.conditionalOperator(),
            LegacyParameters.expectedMap(),
            LegacyParameters.attributeUpdatesMap(),
            Constraints.string("ConditionExpression"),
            Constraints.string("UpdateExpression"),
            Constraints.map("ExpressionAttributeValues", "AttributeValue", false, 0),
            Constraints.map("ExpressionAttributeNames", "java.lang.String", false, 0));

    private final Database database;

    ItemOperations(Database database) {
        this.database = database;
    }

    ObjectNode putItem(Request request) {
        PUT_ITEM.check(request);
        LegacyParameters.PUT_ITEM.check(request);
        String tableName = request.tableName();
        String returnValues = oldItemReturnValues(request);
        boolean returnOldOnFailure = returnOldOnConditionFailure(request);
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean collectionMetrics = ItemCollectionMetrics.wanted(request);
        Map<String, AttributeValue> item = request.requiredItem("Item");
        // Before the conditions and the table, as DynamoDB checks it (dynalite's putItem validations).
        ItemSize.withinLimit(item, ItemSize.TOO_LARGE);
        Condition condition = conditionOf(request, LegacyParameters.PUT_ITEM);
        Access.item(request, database, "PutItem", tableName, item);
        Table table = database.table(tableName);
        ItemWrite write = ItemWrite.put(table, item, condition, returnOldOnFailure);
        if (returnValues.equals("ALL_OLD")) write.wantingOldItem();
        return run(write, returnValues, returnCapacity, collectionMetrics, null);
    }

    /** PutItem and DeleteItem can only return the item as it was: AWS refuses the other ReturnValues for them. */
    private static String oldItemReturnValues(Request request) {
        String returnValues = request.choice(
                "ReturnValues", "NONE", "returnValues", "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        if (!returnValues.equals("NONE") && !returnValues.equals("ALL_OLD")) {
            throw DynamoDbException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return returnValues;
    }

    ObjectNode deleteItem(Request request) {
        DELETE_ITEM.check(request);
        LegacyParameters.DELETE_ITEM.check(request);
        String tableName = request.tableName();
        String returnValues = oldItemReturnValues(request);
        boolean returnOldOnFailure = returnOldOnConditionFailure(request);
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean collectionMetrics = ItemCollectionMetrics.wanted(request);
        Map<String, AttributeValue> key = request.requiredItem("Key");
        Condition condition = conditionOf(request, LegacyParameters.DELETE_ITEM);
        Access.item(request, database, "DeleteItem", tableName, key);
        Table table = database.table(tableName);
        return run(
                ItemWrite.delete(table, key, condition, returnOldOnFailure),
                returnValues,
                returnCapacity,
                collectionMetrics,
                null);
    }

    ObjectNode updateItem(Request request) {
        UPDATE_ITEM.check(request);
        LegacyParameters.UPDATE_ITEM.check(request);
        String tableName = request.tableName();
        String returnValues = request.choice(
                "ReturnValues", "NONE", "returnValues", "NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
        boolean returnOldOnFailure = returnOldOnConditionFailure(request);
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean collectionMetrics = ItemCollectionMetrics.wanted(request);
        Map<String, AttributeValue> key = request.requiredItem("Key");
        Update update;
        Condition condition;
        if (LegacyParameters.UPDATE_ITEM.usedBy(request)) {
            request.checkNoPlaceholdersWithoutExpressions();
            update = LegacyParameters.attributeUpdates(request);
            condition = LegacyParameters.expected(request);
        } else {
            ExpressionContext context = request.expressionContext();
            String updateExpression = request.optionalString("UpdateExpression");
            String conditionExpression = request.optionalString("ConditionExpression");
            update = updateExpression == null ? null : Expressions.update(updateExpression, context);
            condition = conditionExpression == null ? null : Expressions.condition(conditionExpression, context);
            if (update == null && condition == null) request.checkNoPlaceholdersWithoutExpressions();
            context.checkAllUsed();
        }
        Access.item(request, database, "UpdateItem", tableName, key);
        Table table = database.table(tableName);
        ItemWrite write = ItemWrite.update(table, key, update, condition, returnOldOnFailure);
        return run(
                write, returnValues, returnCapacity, collectionMetrics, update == null ? null : update.updatedPaths());
    }

    /** {@code updatedPaths} is the update's written paths as a projection (UPDATED_OLD, UPDATED_NEW), or null. */
    private ObjectNode run(
            ItemWrite write,
            String returnValues,
            ReturnCapacity returnCapacity,
            boolean collectionMetrics,
            Projection updatedPaths) {
        Table table = write.table;
        Capacity capacity = new Capacity(table.name);
        ItemWrite.Outcome outcome;
        try (Table.Hold locked = table.lockForWriting()) {
            outcome = write.evaluate();
            capacity.addTable(write.commit(outcome, capacity));
        }
        ObjectNode response = Json.object();
        Map<String, AttributeValue> attributes = switch (returnValues) {
            case "ALL_OLD" -> outcome.oldItem();
            case "ALL_NEW" -> outcome.newItem();
            case "UPDATED_OLD" ->
                outcome.oldItem() == null || updatedPaths == null ? null : updatedPaths.apply(outcome.oldItem());
            case "UPDATED_NEW" ->
                outcome.newItem() == null || updatedPaths == null ? null : updatedPaths.apply(outcome.newItem());
            default -> null;
        };
        if (attributes != null && !attributes.isEmpty())
            response.set("Attributes", AttributeValues.itemToJson(attributes));
        ObjectNode consumed = returnCapacity.json(capacity);
        if (consumed != null) response.set("ConsumedCapacity", consumed);
        ObjectNode metrics = collectionMetrics ? ItemCollectionMetrics.of(write) : null;
        if (metrics != null) response.set("ItemCollectionMetrics", metrics);
        return response;
    }

    ObjectNode getItem(Request request) {
        GET_ITEM.check(request);
        LegacyParameters.GET_ITEM.check(request);
        String tableName = request.tableName();
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean consistent = request.bool("ConsistentRead", false);
        Map<String, AttributeValue> key = request.requiredItem("Key");
        Projection projection = readProjectionOf(request);
        Access.item(request, database, "GetItem", tableName, key);
        Table table = database.table(tableName);
        table.keys.checkKey(key);
        StoredItem stored;
        try (Table.Hold locked = table.lockForReading()) {
            stored = table.get(table.keys.storageKey(key));
        }
        ObjectNode response = Json.object();
        if (stored != null) {
            if (projection == null) {
                response.putRawValue("Item", new RawValue(stored.json));
            } else {
                response.set("Item", AttributeValues.itemToJson(projection.apply(stored.decode())));
            }
        }
        ObjectNode consumed = returnCapacity.json(
                new Capacity(tableName).addTable(Capacity.readUnits(stored == null ? 0 : stored.size, consistent)));
        if (consumed != null) response.set("ConsumedCapacity", consumed);
        return response;
    }

    static boolean returnOldOnConditionFailure(Request request) {
        return request.choice(
                        "ReturnValuesOnConditionCheckFailure",
                        "NONE",
                        "returnValuesOnConditionCheckFailure",
                        "ALL_OLD",
                        "NONE")
                .equals("ALL_OLD");
    }

    /** The request's ConditionExpression, with its placeholders checked. */
    static Condition conditionOf(Request request) {
        return expressionOf(request, "ConditionExpression", Expressions::condition);
    }

    /** The request's condition: its Expected (and ConditionalOperator) when it uses them, else its ConditionExpression. */
    private static Condition conditionOf(Request request, LegacyParameters.Forms forms) {
        if (!forms.usedBy(request)) return conditionOf(request);
        request.checkNoPlaceholdersWithoutExpressions();
        return LegacyParameters.expected(request);
    }

    /** The request's ProjectionExpression, with its placeholders checked. */
    static Projection projectionOf(Request request) {
        return expressionOf(request, "ProjectionExpression", Expressions::projection);
    }

    /** A GetItem's or BatchGetItem table's projection: its AttributesToGet when it has them, else its expression. */
    static Projection readProjectionOf(Request request) {
        if (!request.has(LegacyParameters.ATTRIBUTES_TO_GET)) return projectionOf(request);
        request.checkNoPlaceholdersWithoutExpressions();
        return LegacyParameters.attributesToGet(request);
    }

    /**
     * A request's one expression parameter, parsed; null when absent. Either way every placeholder the request
     * defines must be used, as AWS insists.
     */
    private static <T> T expressionOf(
            Request request, String parameter, BiFunction<String, ExpressionContext, T> parse) {
        String expression = request.optionalString(parameter);
        if (expression == null) {
            request.checkNoPlaceholdersWithoutExpressions();
            return null;
        }
        ExpressionContext context = request.expressionContext();
        T parsed = parse.apply(expression, context);
        context.checkAllUsed();
        return parsed;
    }
}
