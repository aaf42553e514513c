package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;
import dev.groundwork.dynamodb.storage.Database;
import dev.groundwork.dynamodb.storage.Table;
import java.util.LinkedHashMap;
import java.util.Map;

/** TagResource, UntagResource and ListTagsOfResource on tables (named by their ARN), and CreateTable's Tags. */
final class TagOperations {
    /** AWS allows 50 tags on a resource. */
    static final int MAX_TAGS = 50;

    private final Database database;

    TagOperations(Database database) {
        this.database = database;
    }

    ObjectNode tagResource(Request request) {
        Table table = tableOf(Access.resourceNamed(request, "TagResource", "ResourceArn"));
        Map<String, String> tags = fromJson(request.requiredNode("Tags"));
        try (Table.Hold locked = table.lockForWriting()) {
            Map<String, String> merged = new LinkedHashMap<>(table.tags());
            merged.putAll(tags);
            if (merged.size() > MAX_TAGS)
                throw new DynamoDbException(
                        DynamoDbException.LIMIT_EXCEEDED, "Too many tags on the resource: at most " + MAX_TAGS);
            table.tag(tags);
            database.journal().tableDefined(table.description());
        }
        return Json.object();
    }

    ObjectNode untagResource(Request request) {
        Table table = tableOf(Access.resourceNamed(request, "UntagResource", "ResourceArn"));
        JsonNode keys = request.requiredNode("TagKeys");
        try (Table.Hold locked = table.lockForWriting()) {
            keys.forEach(key -> table.untag(key.asText()));
            database.journal().tableDefined(table.description());
        }
        return Json.object();
    }

    ObjectNode listTagsOfResource(Request request) {
        Table table = tableOf(Access.resourceNamed(request, "ListTagsOfResource", "ResourceArn"));
        ObjectNode response = Json.object();
        response.set("Tags", toJson(table.tags()));
        return response;
    }

    private Table tableOf(String arn) {
        String prefix = database.tableArn("");
        if (!arn.startsWith(prefix) || arn.substring(prefix.length()).contains("/")) {
            throw DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
        }
        Table table = database.tableOrNull(arn.substring(prefix.length()));
        if (table == null)
            throw DynamoDbException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        return table;
    }

    static Map<String, String> fromJson(JsonNode tags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            String key = tag.path("Key").asText(null);
            String value = tag.path("Value").asText(null);
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw Request.violation(key, "tags.member.key", "Member must have length between 1 and 128");
            }
            if (value == null || value.length() > 256) {
                throw Request.violation(
                        value, "tags.member.value", "Member must have length less than or equal to 256");
            }
            parsed.put(key, value);
        }
        if (parsed.size() > MAX_TAGS)
            throw new DynamoDbException(
                    DynamoDbException.LIMIT_EXCEEDED, "Too many tags on the resource: at most " + MAX_TAGS);
        return parsed;
    }

    static ArrayNode toJson(Map<String, String> tags) {
        ArrayNode json = Json.NODES.arrayNode();
        tags.forEach((key, value) -> json.addObject().put("Key", key).put("Value", value));
        return json;
    }
}
