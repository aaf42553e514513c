package dev.groundwork.dynamodb.storage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Consumed capacity by AWS's rules
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html): a write costs one
 * unit per started KB, a read one unit per started 4 KB (half of it when eventually consistent), a transactional
 * request twice as much, and each secondary index written costs its own units. One instance adds up one table's units
 * within a request.
 */
public final class Capacity {
    private final String tableName;
    private double tableUnits;
    private final Map<String, Double> globalIndexes = new LinkedHashMap<>();
    private final Map<String, Double> localIndexes = new LinkedHashMap<>();

    public Capacity(String tableName) {
        this.tableName = tableName;
    }

    static double writeUnits(long sizeBytes) {
        return Math.max(1, Math.ceil(sizeBytes / 1024.0));
    }

    public static double readUnits(long sizeBytes, boolean consistent) {
        return Math.max(1, Math.ceil(sizeBytes / 4096.0)) * (consistent ? 1 : 0.5);
    }

    /** A Query or Scan page: the sizes of every item read are added up before rounding, once. */
    public static double readUnitsOfTotal(long totalBytes, boolean consistent) {
        return Math.ceil(totalBytes / 4096.0) * (consistent ? 1 : 0.5);
    }

    public Capacity addTable(double units) {
        tableUnits += units;
        return this;
    }

    /** Index write units; an index a write did not touch is left out of the answer. */
    Capacity addIndex(SecondaryIndex index, double units) {
        if (units == 0) return this;
        return addIndexRead(index, units);
    }

    /** Units of a read of an index; the index read is listed even when it read nothing, as AWS lists it. */
    public Capacity addIndexRead(SecondaryIndex index, double units) {
        (index.global ? globalIndexes : localIndexes).merge(index.name, units, Double::sum);
        return this;
    }

    public Capacity times(double factor) {
        tableUnits *= factor;
        globalIndexes.replaceAll((name, units) -> units * factor);
        localIndexes.replaceAll((name, units) -> units * factor);
        return this;
    }

    public Capacity add(Capacity other) {
        tableUnits += other.tableUnits;
        other.globalIndexes.forEach((name, units) -> globalIndexes.merge(name, units, Double::sum));
        other.localIndexes.forEach((name, units) -> localIndexes.merge(name, units, Double::sum));
        return this;
    }

    public double total() {
        double total = tableUnits;
        for (double units : globalIndexes.values()) total += units;
        for (double units : localIndexes.values()) total += units;
        return total;
    }

    public String tableName() {
        return tableName;
    }

    public double tableUnits() {
        return tableUnits;
    }

    /** Units by global secondary index name, in the order the indexes were first charged. */
    public Map<String, Double> globalIndexUnits() {
        return globalIndexes;
    }

    public Map<String, Double> localIndexUnits() {
        return localIndexes;
    }
}
