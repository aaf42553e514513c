package dev.groundwork.dynamodb.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumed capacity by AWS's rules
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html): a write costs one
 * unit per started KB, a read one unit per started 4 KB (half of it when eventually consistent), a transactional
 * request twice as much, and each secondary index written costs its own units. One instance adds up one table's units
 * within a request.
 */
final class Capacity {
    private final String tableName;
    private double tableUnits;
    private final Map<String, Double> globalIndexes = new LinkedHashMap<>();
    private final Map<String, Double> localIndexes = new LinkedHashMap<>();

    Capacity(String tableName) {
        this.tableName = tableName;
    }

    static double writeUnits(long sizeBytes) {
        return Math.max(1, Math.ceil(sizeBytes / 1024.0));
    }

    static double readUnits(long sizeBytes, boolean consistent) {
        return Math.max(1, Math.ceil(sizeBytes / 4096.0)) * (consistent ? 1 : 0.5);
    }

    /** A Query or Scan page: the sizes of every item read are added up before rounding, once. */
    static double readUnitsOfTotal(long totalBytes, boolean consistent) {
        return Math.ceil(totalBytes / 4096.0) * (consistent ? 1 : 0.5);
    }

    Capacity addTable(double units) {
        tableUnits += units;
        return this;
    }

    /** Index write units; an index a write did not touch is left out of the answer. */
    Capacity addIndex(SecondaryIndex index, double units) {
        if (units == 0) return this;
        return addIndexRead(index, units);
    }

    /** Units of a read of an index; the index read is listed even when it read nothing, as AWS lists it. */
    Capacity addIndexRead(SecondaryIndex index, double units) {
        (index.global ? globalIndexes : localIndexes).merge(index.name, units, Double::sum);
        return this;
    }

    Capacity times(double factor) {
        tableUnits *= factor;
        globalIndexes.replaceAll((name, units) -> units * factor);
        localIndexes.replaceAll((name, units) -> units * factor);
        return this;
    }

    Capacity add(Capacity other) {
        tableUnits += other.tableUnits;
        other.globalIndexes.forEach((name, units) -> globalIndexes.merge(name, units, Double::sum));
        other.localIndexes.forEach((name, units) -> localIndexes.merge(name, units, Double::sum));
        return this;
    }

    double total() {
        double total = tableUnits;
        for (double units : globalIndexes.values()) total += units;
        for (double units : localIndexes.values()) total += units;
        return total;
    }

    String tableName() {
        return tableName;
    }

    /** The ConsumedCapacity element for ReturnConsumedCapacity TOTAL or INDEXES; null for NONE. */
    ObjectNode toJson(ReturnCapacity mode) {
        if (mode == ReturnCapacity.NONE) return null;
        ObjectNode json = Json.object().put("TableName", tableName).put("CapacityUnits", total());
        if (mode == ReturnCapacity.INDEXES) {
            json.putObject("Table").put("CapacityUnits", tableUnits);
            if (!globalIndexes.isEmpty()) {
                ObjectNode indexes = json.putObject("GlobalSecondaryIndexes");
                globalIndexes.forEach((name, units) -> indexes.putObject(name).put("CapacityUnits", units));
            }
            if (!localIndexes.isEmpty()) {
                ObjectNode indexes = json.putObject("LocalSecondaryIndexes");
                localIndexes.forEach((name, units) -> indexes.putObject(name).put("CapacityUnits", units));
            }
        }
        return json;
    }

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
    }
}
