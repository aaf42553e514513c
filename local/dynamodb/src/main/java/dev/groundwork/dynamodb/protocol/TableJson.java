package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.IndexProjection;
import dev.groundwork.dynamodb.storage.KeySchema;
import dev.groundwork.dynamodb.storage.TableDescription;
import java.util.Map;

/**
 * A table's two JSON forms: the TableDescription that DescribeTable (and CreateTable, UpdateTable, DeleteTable with
 * their status) answers, and the definition the journal and snapshots keep, which reads as a CreateTable request plus
 * what later calls changed, so that a restart replays it through {@link TableOperations#restore}.
 */
final class TableJson {
    private TableJson() {}

    static ObjectNode description(TableDescription table, String status) {
        ObjectNode json = Json.object();
        json.set("AttributeDefinitions", attributeDefinitions(table.attributeTypes()));
        json.put("TableName", table.name());
        json.set("KeySchema", keySchema(table.keys()));
        json.put("TableStatus", status);
        json.put("CreationDateTime", table.createdAtMillis() / 1000.0);
        ObjectNode throughput = json.putObject("ProvisionedThroughput");
        if (table.lastIncreaseMillis() != 0)
            throughput.put("LastIncreaseDateTime", table.lastIncreaseMillis() / 1000.0);
        if (table.lastDecreaseMillis() != 0)
            throughput.put("LastDecreaseDateTime", table.lastDecreaseMillis() / 1000.0);
        throughput
                .put("NumberOfDecreasesToday", table.decreases())
                .put("ReadCapacityUnits", table.readCapacity())
                .put("WriteCapacityUnits", table.writeCapacity());
        if (table.payPerRequest()) {
            throughput.put("ReadCapacityUnits", 0).put("WriteCapacityUnits", 0);
            json.putObject("BillingModeSummary")
                    .put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", table.createdAtMillis() / 1000.0);
        }
        json.put("TableSizeBytes", table.sizeBytes())
                .put("ItemCount", table.itemCount())
                .put("TableArn", table.arn())
                .put("TableId", table.id());
        // A global index created with its table is CREATING while the table is (dynalite's createTable tests).
        addIndexes(json, table, true, status.equals("CREATING"));
        TableDescription.Stream stream = table.stream();
        if (stream != null) {
            if (stream.enabled()) {
                json.putObject("StreamSpecification")
                        .put("StreamEnabled", true)
                        .put("StreamViewType", stream.viewType());
            }
            json.put("LatestStreamLabel", stream.label()).put("LatestStreamArn", stream.arn());
        }
        json.put("DeletionProtectionEnabled", table.deletionProtected());
        return json;
    }

    static ObjectNode definition(TableDescription table) {
        ObjectNode json = Json.object()
                .put("TableName", table.name())
                .put("TableId", table.id())
                .put("CreationDateTimeMillis", table.createdAtMillis());
        json.set("AttributeDefinitions", attributeDefinitions(table.attributeTypes()));
        json.set("KeySchema", keySchema(table.keys()));
        addIndexes(json, table, false, false);
        json.put("BillingMode", table.billingMode());
        if (table.billingMode().equals("PROVISIONED")) {
            json.putObject("ProvisionedThroughput")
                    .put("ReadCapacityUnits", table.readCapacity())
                    .put("WriteCapacityUnits", table.writeCapacity());
        }
        TableDescription.Stream stream = table.stream();
        if (stream != null && stream.enabled()) {
            json.putObject("StreamSpecification").put("StreamEnabled", true).put("StreamViewType", stream.viewType());
        }
        if (table.timeToLiveAttribute() != null) json.put("TimeToLiveAttribute", table.timeToLiveAttribute());
        if (!table.tags().isEmpty()) json.set("Tags", TagOperations.toJson(table.tags()));
        if (table.deletionProtected()) json.put("DeletionProtectionEnabled", true);
        return json;
    }

    static ArrayNode keySchema(KeySchema keys) {
        ArrayNode schema = Json.NODES.arrayNode();
        schema.addObject().put("AttributeName", keys.hashName()).put("KeyType", "HASH");
        if (keys.hasRange())
            schema.addObject().put("AttributeName", keys.rangeName()).put("KeyType", "RANGE");
        return schema;
    }

    private static ArrayNode attributeDefinitions(Map<String, String> attributeTypes) {
        ArrayNode definitions = Json.NODES.arrayNode();
        attributeTypes.forEach((attribute, type) ->
                definitions.addObject().put("AttributeName", attribute).put("AttributeType", type));
        return definitions;
    }

    private static void addIndexes(ObjectNode json, TableDescription table, boolean described, boolean tableCreating) {
        ArrayNode local = Json.NODES.arrayNode();
        ArrayNode global = Json.NODES.arrayNode();
        for (TableDescription.Index index : table.indexes()) {
            (index.global() ? global : local)
                    .add(described ? indexDescription(index, tableCreating) : indexDefinition(index));
        }
        if (!local.isEmpty()) json.set("LocalSecondaryIndexes", local);
        if (!global.isEmpty()) json.set("GlobalSecondaryIndexes", global);
    }

    private static ObjectNode indexDefinition(TableDescription.Index index) {
        ObjectNode json = Json.object().put("IndexName", index.name());
        json.set("KeySchema", keySchema(index.keys()));
        json.set("Projection", projection(index.projection()));
        if (index.global()) {
            json.putObject("ProvisionedThroughput")
                    .put("ReadCapacityUnits", index.readCapacity())
                    .put("WriteCapacityUnits", index.writeCapacity());
        }
        return json;
    }

    private static ObjectNode indexDescription(TableDescription.Index index, boolean tableCreating) {
        ObjectNode json = indexDefinition(index);
        if (index.global()) {
            // DynamoDB reports Backfilling only for an index added by UpdateTable, while it is being built.
            json.put("IndexStatus", index.creating() || tableCreating ? "CREATING" : "ACTIVE");
            if (index.creating()) json.put("Backfilling", true);
            json.putObject("ProvisionedThroughput")
                    .put("NumberOfDecreasesToday", 0)
                    .put("ReadCapacityUnits", index.readCapacity())
                    .put("WriteCapacityUnits", index.writeCapacity());
        }
        json.put("IndexSizeBytes", index.sizeBytes())
                .put("ItemCount", index.itemCount())
                .put("IndexArn", index.arn());
        return json;
    }

    private static ObjectNode projection(IndexProjection projection) {
        ObjectNode json = Json.object().put("ProjectionType", projection.type());
        if (!projection.nonKeyAttributes().isEmpty()) {
            var names = json.putArray("NonKeyAttributes");
            projection.nonKeyAttributes().forEach(names::add);
        }
        return json;
    }
}
