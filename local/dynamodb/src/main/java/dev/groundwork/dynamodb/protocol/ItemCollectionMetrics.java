package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.ItemWrite;
import dev.groundwork.dynamodb.storage.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ReturnItemCollectionMetrics: SIZE}: for a table with a local secondary index, the item collection (the items
 * of one partition key) that a write touched, with its size as AWS reports it, a range in whole gigabytes
 * ({@code [0.0, 1.0]} for any collection under 1 GB). A table without a local index has no item collections, and AWS
 * returns no metrics for it; nor for a condition check, which writes nothing.
 */
final class ItemCollectionMetrics {
    private static final double GIGABYTE = 1024.0 * 1024 * 1024;

    private ItemCollectionMetrics() {}

    /** Whether the request asks for the metrics; AWS refuses any other value than SIZE or NONE. */
    static boolean wanted(Request request) {
        return request.choice("ReturnItemCollectionMetrics", "NONE", "returnItemCollectionMetrics", "SIZE", "NONE")
                .equals("SIZE");
    }

    /** The metrics of the collection {@code write} touched, or null where AWS returns none. */
    static ObjectNode of(ItemWrite write) {
        Table table = write.table;
        if (write.kind == ItemWrite.Kind.CHECK || table.indexes().stream().allMatch(index -> index.global)) return null;
        AttributeValue hash = write.key.hash;
        long bytes = table.partitionBytes(hash);
        double lower = Math.floor(bytes / GIGABYTE);
        ObjectNode metrics = Json.object();
        metrics.putObject("ItemCollectionKey").set(table.keys.hashName(), AttributeValues.toJson(hash));
        metrics.putArray("SizeEstimateRangeGB").add(lower).add(lower + 1);
        return metrics;
    }

    /** BatchWriteItem's and TransactWriteItems' form, when any write has metrics: by table, one per collection written. */
    static void addTo(ObjectNode response, List<ItemWrite> writes) {
        Map<String, Map<AttributeValue, ObjectNode>> tables = new LinkedHashMap<>();
        for (ItemWrite write : writes) {
            ObjectNode metrics = of(write);
            if (metrics != null) {
                tables.computeIfAbsent(write.table.name, name -> new LinkedHashMap<>())
                        .put(write.key.hash, metrics);
            }
        }
        if (tables.isEmpty()) return;
        ObjectNode byTable = response.putObject("ItemCollectionMetrics");
        tables.forEach((table, collections) -> {
            ArrayNode list = byTable.putArray(table);
            collections.values().forEach(list::add);
        });
    }
}
