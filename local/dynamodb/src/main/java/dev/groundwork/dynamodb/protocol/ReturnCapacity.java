package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Capacity;

/** A request's ReturnConsumedCapacity: how much of the {@link Capacity} it consumed the answer tells. */
enum ReturnCapacity {
    NONE,
    TOTAL,
    INDEXES;

    static ReturnCapacity of(Request request) {
        String value = request.optionalString("ReturnConsumedCapacity");
        if (value == null) return NONE;
        return switch (value) {
            case "NONE" -> NONE;
            case "TOTAL" -> TOTAL;
            case "INDEXES" -> INDEXES;
            default -> throw Request.enumViolation(value, "returnConsumedCapacity", "[INDEXES, TOTAL, NONE]");
        };
    }

    /** The ConsumedCapacity element for TOTAL or INDEXES; null for NONE. */
    ObjectNode json(Capacity capacity) {
        if (this == NONE) return null;
        ObjectNode json = Json.object().put("TableName", capacity.tableName()).put("CapacityUnits", capacity.total());
        if (this == INDEXES) {
            json.putObject("Table").put("CapacityUnits", capacity.tableUnits());
            if (!capacity.globalIndexUnits().isEmpty()) {
                ObjectNode indexes = json.putObject("GlobalSecondaryIndexes");
                capacity.globalIndexUnits()
                        .forEach((name, units) -> indexes.putObject(name).put("CapacityUnits", units));
            }
            if (!capacity.localIndexUnits().isEmpty()) {
                ObjectNode indexes = json.putObject("LocalSecondaryIndexes");
                capacity.localIndexUnits()
                        .forEach((name, units) -> indexes.putObject(name).put("CapacityUnits", units));
            }
        }
        return json;
    }
}
