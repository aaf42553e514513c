package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import dev.groundwork.dynamodb.expression.Projection;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Capacity;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.ItemWrite;
import dev.groundwork.dynamodb.storage.StorageKey;
import dev.groundwork.dynamodb.storage.StoredItem;
import dev.groundwork.dynamodb.storage.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem (at most 100 keys) and BatchWriteItem (at most 25 puts and deletes). Every request of a batch is
 * validated before any runs; each then runs as its own single-item operation, as on AWS (a batch is not atomic). Writes
 * are always all processed (UnprocessedItems is empty); reads stop at AWS's 16 MB response limit and hand the rest
 * back in UnprocessedKeys, for the caller to ask again.
 */
final class BatchOperations {
    static final int MAX_GET_KEYS = 100;
    static final int MAX_WRITES = 25;
    /** DynamoDB's model of BatchGetItem: its members in order (dynalite's validations/batchGetItem.js), legacy ones left out. */
    private static final Constraints BATCH_GET_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.requestItems("KeysAndAttributes", 0, Constraints.KEYS_AND_ATTRIBUTES));
    /** DynamoDB's model of BatchWriteItem: its members in order (dynalite's validations/batchWriteItem.js), legacy ones left out. */
    private static final Constraints BATCH_WRITE_ITEM = Constraints.of(
            Constraints.oneOf("ReturnConsumedCapacity", "INDEXES", "TOTAL", "NONE"),
            Constraints.oneOf("ReturnItemCollectionMetrics", "SIZE", "NONE"),
            Constraints.requestItems(
                    "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>",
                    MAX_WRITES,
                    Constraints.elements(Constraints.fields(
                            Constraints.field(
                                    "DeleteRequest",
                                    Constraints.fields(Constraints.field("Key", Constraints.notNull()))),
                            Constraints.field(
                                    "PutRequest",
                                    Constraints.fields(Constraints.field("Item", Constraints.notNull())))))));

    /** AWS answers at most 16 MB of items per BatchGetItem. */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final Database database;

    BatchOperations(Database database) {
        this.database = database;
    }

    ObjectNode batchGetItem(Request request) {
        BATCH_GET_ITEM.check(request);
        JsonNode requestItems = request.requiredMap("RequestItems", "KeysAndAttributes");
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        if (requestItems.isEmpty()) {
            throw Request.violation("{}", "requestItems", "Member must have length greater than or equal to 1");
        }
        record TableRead(
                String tableName,
                List<Map<String, AttributeValue>> keys,
                Projection projection,
                boolean consistent,
                JsonNode parameters) {}
        List<TableRead> reads = new ArrayList<>();
        int total = 0;
        for (var entry : requestItems.properties()) {
            String tableName = Request.checkedTableName(entry.getKey(), "requestItems.key");
            Request tableRequest = Request.element(entry.getValue(), "KeysAndAttributes");
            JsonNode keysNode = tableRequest.requiredList("Keys");
            // Keys' and AttributesToGet's lengths were checked with the other constraints
            // (Constraints.KEYS_AND_ATTRIBUTES).
            LegacyParameters.BATCH_GET.check(tableRequest);
            total += keysNode.size();
            if (total > MAX_GET_KEYS)
                throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
            Projection projection = ItemOperations.readProjectionOf(tableRequest);
            List<Map<String, AttributeValue>> keys = new ArrayList<>();
            for (JsonNode key : keysNode) {
                Request.checkNestedItem(key);
                keys.add(AttributeValues.itemFromJson(key));
            }
            // Duplicates are found among the keys as sent, before the table is looked up (a map's order aside).
            if (new HashSet<>(keys).size() < keys.size())
                throw DynamoDbException.validation("Provided list of item keys contains duplicates");
            reads.add(new TableRead(
                    tableName, keys, projection, tableRequest.bool("ConsistentRead", false), entry.getValue()));
        }
        ObjectNode response = Json.object();
        ObjectNode responses = response.putObject("Responses");
        ArrayNode consumed = Json.NODES.arrayNode();
        // Tables are looked up only once the whole request is valid: DynamoDB answers a request that breaks a
        // constraint with a ValidationException even when a table it names does not exist.
        // Each table is authorised on its own, with all the partitions the request reads in it, before any is read.
        for (TableRead read : reads)
            Access.items(request.access(), database, "BatchGetItem", read.tableName(), read.keys());
        List<Table> tablesRead = new ArrayList<>();
        for (TableRead read : reads) tablesRead.add(database.table(read.tableName()));
        for (int r = 0; r < reads.size(); r++) {
            TableRead read = reads.get(r);
            Table table = tablesRead.get(r);
            for (Map<String, AttributeValue> key : read.keys()) table.keys.checkKey(key);
        }
        ObjectNode unprocessed = Json.object();
        long responseBytes = 0;
        for (int r = 0; r < reads.size(); r++) {
            TableRead read = reads.get(r);
            Table table = tablesRead.get(r);
            ArrayNode items = responses.putArray(table.name);
            Capacity capacity = new Capacity(table.name);
            ArrayNode leftOver = null;
            try (Table.Hold locked = table.lockForReading()) {
                for (Map<String, AttributeValue> key : read.keys()) {
                    if (responseBytes > MAX_RESPONSE_BYTES) {
                        if (leftOver == null) {
                            ObjectNode rest = read.parameters().deepCopy();
                            leftOver = rest.putArray("Keys");
                            unprocessed.set(table.name, rest);
                        }
                        leftOver.add(AttributeValues.itemToJson(key));
                        continue;
                    }
                    StoredItem stored = table.get(table.keys.storageKey(key));
                    capacity.addTable(Capacity.readUnits(stored == null ? 0 : stored.size, read.consistent()));
                    if (stored == null) continue;
                    responseBytes += stored.size;
                    if (read.projection() == null) items.addRawValue(new RawValue(stored.json));
                    else items.add(AttributeValues.itemToJson(read.projection().apply(stored.decode())));
                }
            }
            ObjectNode json = returnCapacity.json(capacity);
            if (json != null) consumed.add(json);
        }
        response.set("UnprocessedKeys", unprocessed);
        if (returnCapacity != ReturnCapacity.NONE) response.set("ConsumedCapacity", consumed);
        return response;
    }

    ObjectNode batchWriteItem(Request request) {
        BATCH_WRITE_ITEM.check(request);
        JsonNode requestItems =
                request.requiredMap("RequestItems", "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>");
        ReturnCapacity returnCapacity = ReturnCapacity.of(request);
        boolean collectionMetrics = ItemCollectionMetrics.wanted(request);
        int total = 0;
        for (var entry : requestItems.properties()) {
            Request.checkNestedList(entry.getValue());
            for (JsonNode writeRequest : entry.getValue()) {
                Request write = Request.element(writeRequest, "WriteRequest");
                Request put = write.structure("PutRequest", "PutRequest");
                if (put != null) put.item("Item");
                Request delete = write.structure("DeleteRequest", "DeleteRequest");
                if (delete != null) delete.item("Key");
            }
            total += entry.getValue().size();
        }
        if (requestItems.isEmpty() || total > MAX_WRITES || total == 0) {
            throw Request.violation(
                    requestItems,
                    "requestItems",
                    "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]");
        }
        record TableWrites(String tableName, List<JsonNode> requests, List<Map<String, AttributeValue>> parsed) {}
        List<TableWrites> tableWrites = new ArrayList<>();
        for (var entry : requestItems.properties()) {
            String tableName = Request.checkedTableName(entry.getKey(), "requestItems.key");
            List<JsonNode> requests = new ArrayList<>();
            entry.getValue().forEach(requests::add);
            List<Map<String, AttributeValue>> parsed = new ArrayList<>();
            for (JsonNode writeRequest : requests) {
                JsonNode put = writeRequest.get("PutRequest");
                JsonNode delete = writeRequest.get("DeleteRequest");
                if ((put == null) == (delete == null)) {
                    throw DynamoDbException.validation(
                            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
                }
                if (put != null) {
                    // Before any table is looked up, as DynamoDB checks it (dynalite's batchWriteItem validations).
                    Map<String, AttributeValue> item = AttributeValues.itemFromJson(put.path("Item"));
                    ItemSize.withinLimit(item, ItemSize.TOO_LARGE);
                    parsed.add(item);
                } else {
                    parsed.add(AttributeValues.itemFromJson(delete.path("Key")));
                }
            }
            tableWrites.add(new TableWrites(tableName, requests, parsed));
        }
        // Each table is authorised on its own, with all the partitions the request writes in it, before any write.
        for (TableWrites entry : tableWrites)
            Access.items(request.access(), database, "BatchWriteItem", entry.tableName(), entry.parsed());
        // Tables are looked up only once the whole request is valid, as DynamoDB does.
        List<ItemWrite> writes = new ArrayList<>();
        for (TableWrites entry : tableWrites) {
            List<JsonNode> requests = entry.requests();
            List<Map<String, AttributeValue>> parsed = entry.parsed();
            Table table = database.table(entry.tableName());
            Set<StorageKey> seen = new HashSet<>();
            for (int i = 0; i < requests.size(); i++) {
                Map<String, AttributeValue> attributes = parsed.get(i);
                ItemWrite write;
                try {
                    write = requests.get(i).has("PutRequest")
                            ? ItemWrite.put(table, attributes, null, false)
                            : ItemWrite.delete(table, attributes, null, false);
                } catch (DynamoDbException e) {
                    // AWS words every key problem of a batch write the same way.
                    if (e.getMessage().contains("Missing the key")
                            || e.getMessage().contains("Type mismatch for key")) {
                        throw DynamoDbException.validation("The provided key element does not match the schema");
                    }
                    throw e;
                }
                if (!seen.add(write.key))
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                writes.add(write);
            }
        }
        Map<String, Capacity> capacities = new LinkedHashMap<>();
        for (ItemWrite write : writes) {
            Table table = write.table;
            Capacity capacity = capacities.computeIfAbsent(table.name, Capacity::new);
            try (Table.Hold locked = table.lockForWriting()) {
                capacity.addTable(write.commit(write.evaluate(), capacity));
            }
        }
        ObjectNode response = Json.object();
        response.putObject("UnprocessedItems");
        if (returnCapacity != ReturnCapacity.NONE) {
            ArrayNode consumed = response.putArray("ConsumedCapacity");
            capacities.values().forEach(capacity -> consumed.add(returnCapacity.json(capacity)));
        }
        if (collectionMetrics) ItemCollectionMetrics.addTo(response, writes);
        return response;
    }
}
