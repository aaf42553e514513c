package dev.groundwork.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.template.TableSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The template's tables in the embedded DynamoDB, created through the DynamoDB API as CloudFormation would: keys,
 * attribute definitions, global and local secondary indexes, the stream (view type) and TTL. A table that already
 * exists (kept in {@code --data-dir} from an earlier run) is used as it is.
 */
public final class LocalTables {

    /** CreateTable's own parameters among an AWS::DynamoDB::Table's properties; the rest is CloudFormation's. */
    private static final Set<String> INDEX_FIELDS =
            Set.of("IndexName", "KeySchema", "Projection", "ProvisionedThroughput", "OnDemandThroughput");

    private final AwsJsonClient dynamodb;
    private final Map<String, String> streamArns = new LinkedHashMap<>();
    private final Map<String, String> tableNames = new LinkedHashMap<>();
    private final Map<String, List<String>> keyAttributes = new LinkedHashMap<>();

    public LocalTables(URI endpoint, String region) {
        this.dynamodb = new AwsJsonClient(endpoint, "DynamoDB_20120810", "dynamodb", region);
    }

    public void create(List<TableSpec> tables) {
        for (TableSpec table : tables) {
            create(table);
        }
    }

    private void create(TableSpec table) {
        Map<String, Object> properties = table.properties();
        ObjectNode request = dynamodb.object();
        request.put("TableName", table.tableName());
        request.set("AttributeDefinitions", AwsJsonClient.JSON.valueToTree(properties.get("AttributeDefinitions")));
        request.set("KeySchema", AwsJsonClient.JSON.valueToTree(properties.get("KeySchema")));
        String billing = String.valueOf(properties.getOrDefault("BillingMode", "PROVISIONED"));
        request.put("BillingMode", billing);
        if (!billing.equals("PAY_PER_REQUEST")) {
            Object throughput = properties.getOrDefault(
                    "ProvisionedThroughput", Map.of("ReadCapacityUnits", 5, "WriteCapacityUnits", 5));
            request.set("ProvisionedThroughput", numbers(AwsJsonClient.JSON.valueToTree(throughput)));
        }
        for (String indexes : List.of("GlobalSecondaryIndexes", "LocalSecondaryIndexes")) {
            if (properties.get(indexes) instanceof List<?> list) {
                var array = request.putArray(indexes);
                for (Object index : list) {
                    ObjectNode converted = AwsJsonClient.JSON.valueToTree(index);
                    converted.properties().removeIf(field -> !INDEX_FIELDS.contains(field.getKey()));
                    if (converted.has("ProvisionedThroughput")) {
                        converted.set("ProvisionedThroughput", numbers(converted.get("ProvisionedThroughput")));
                    }
                    array.add(converted);
                }
            }
        }
        if (properties.get("StreamSpecification") instanceof Map<?, ?> stream && stream.get("StreamViewType") != null) {
            request.putObject("StreamSpecification")
                    .put("StreamEnabled", true)
                    .put("StreamViewType", String.valueOf(stream.get("StreamViewType")));
        }
        JsonNode description;
        try {
            description = dynamodb.call("CreateTable", request).path("TableDescription");
        } catch (AwsJsonClient.AwsException e) {
            if (!e.type().equals("ResourceInUseException")) {
                throw e;
            }
            ObjectNode describe = dynamodb.object().put("TableName", table.tableName());
            description = dynamodb.call("DescribeTable", describe).path("Table");
        }
        tableNames.put(table.logicalId(), table.tableName());
        List<String> keys = new ArrayList<>();
        request.path("KeySchema")
                .forEach(key -> keys.add(key.path("AttributeName").asText()));
        keyAttributes.put(table.tableName(), keys);
        if (description.hasNonNull("LatestStreamArn")) {
            streamArns.put(
                    table.logicalId(), description.path("LatestStreamArn").asText());
        }
        if (properties.get("TimeToLiveSpecification") instanceof Map<?, ?> ttl
                && Boolean.parseBoolean(String.valueOf(ttl.get("Enabled")))) {
            ObjectNode update = dynamodb.object().put("TableName", table.tableName());
            update.putObject("TimeToLiveSpecification")
                    .put("AttributeName", String.valueOf(ttl.get("AttributeName")))
                    .put("Enabled", true);
            try {
                dynamodb.call("UpdateTimeToLive", update);
            } catch (AwsJsonClient.AwsException alreadyEnabled) {
                // "TimeToLive is already enabled": kept from an earlier run
            }
        }
    }

    /**
     * Deletes every item of every table this created, so that the next request finds the tables as a fresh deployment
     * does (the cold-start bench gives every invoke the same state to work on).
     */
    public void empty() {
        keyAttributes.forEach((table, keys) -> {
            JsonNode startKey = null;
            do {
                ObjectNode scan = dynamodb.object().put("TableName", table);
                ObjectNode names = scan.putObject("ExpressionAttributeNames");
                List<String> projection = new ArrayList<>();
                for (int i = 0; i < keys.size(); i++) {
                    names.put("#k" + i, keys.get(i));
                    projection.add("#k" + i);
                }
                scan.put("ProjectionExpression", String.join(",", projection));
                if (startKey != null) {
                    scan.set("ExclusiveStartKey", startKey);
                }
                JsonNode page = dynamodb.call("Scan", scan);
                for (JsonNode key : page.path("Items")) {
                    ObjectNode delete = dynamodb.object().put("TableName", table);
                    delete.set("Key", key);
                    dynamodb.call("DeleteItem", delete);
                }
                startKey = page.hasNonNull("LastEvaluatedKey") ? page.get("LastEvaluatedKey") : null;
            } while (startKey != null);
        });
    }

    private static JsonNode numbers(JsonNode throughput) {
        ObjectNode converted = AwsJsonClient.JSON.createObjectNode();
        throughput
                .properties()
                .forEach(field -> converted.put(field.getKey(), field.getValue().asLong()));
        return converted;
    }

    /** The stream ARN of a table (by logical id), or null when the table has no stream. */
    public String streamArn(String logicalId) {
        return streamArns.get(logicalId);
    }

    public Map<String, String> tableNames() {
        return Map.copyOf(tableNames);
    }
}
