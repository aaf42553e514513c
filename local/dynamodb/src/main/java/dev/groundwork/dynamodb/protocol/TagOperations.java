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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** TagResource, UntagResource and ListTagsOfResource on tables (named by their ARN), and CreateTable's Tags. */
final class TagOperations {
    /** AWS allows 50 tags on a resource. */
    static final int MAX_TAGS = 50;

    /** Six colon-separated parts, the last with a resource path: the shape of any resource's ARN. */
    private static final Pattern ARN = Pattern.compile("^.+:.+:.+:.+:.+:.+/.+$");
    /** A DynamoDB table's ARN: its region, its account and a name of at least three characters. */
    private static final Pattern TABLE_ARN = Pattern.compile("^arn:aws:dynamodb:(.+):(\\d+):table/[^/]{2}[^/]+$");

    /** A tag as DynamoDB's model constrains it (the TagResource API reference). */
    static final Constraints.Rule TAG = Constraints.structure(
            "Tag",
            Constraints.field("Key", Constraints.aString(), Constraints.notNull(), Constraints.length(1, 128)),
            Constraints.field("Value", Constraints.aString(), Constraints.notNull(), Constraints.length(0, 256)));

    private static final Constraints TAG_RESOURCE =
            Constraints.of(Constraints.member("Tags", "List", Constraints.elements(TAG)));
    private static final Constraints UNTAG_RESOURCE = Constraints.of(Constraints.member(
            "TagKeys", "List", Constraints.elements(Constraints.aString(), Constraints.length(1, 128))));

    private final Database database;

    TagOperations(Database database) {
        this.database = database;
    }

    ObjectNode tagResource(Request request) {
        TAG_RESOURCE.readTypes(request);
        String arn = validArn(request, "TagResource", "Tags", "Atleast one Tag needs to be provided as Input.");
        TAG_RESOURCE.check(request);
        Map<String, String> tags = fromJson(request.requiredNode("Tags"));
        Table table = tableOf(request, "TagResource", arn);
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
        UNTAG_RESOURCE.readTypes(request);
        String arn =
                validArn(request, "UntagResource", "TagKeys", "Atleast one Tag Key needs to be provided as Input.");
        UNTAG_RESOURCE.check(request);
        JsonNode keys = request.requiredNode("TagKeys");
        Table table = tableOf(request, "UntagResource", arn);
        try (Table.Hold locked = table.lockForWriting()) {
            keys.forEach(key -> table.untag(key.asText()));
            database.journal().tableDefined(table.description());
        }
        return Json.object();
    }

    ObjectNode listTagsOfResource(Request request) {
        Table table = tableOf(request, "ListTagsOfResource", validArn(request, "ListTagsOfResource", null, null));
        ObjectNode response = Json.object();
        response.set("Tags", toJson(table.tags()));
        return response;
    }

    /**
     * The request's ResourceArn, checked as DynamoDB checks it before anything else (dynalite's tagging validations,
     * recorded against DynamoDB): none at all is "Invalid TableArn"; one without an ARN's six parts and a resource path
     * is not a resource the caller may act on, whatever its JSON types (read first) (AccessDeniedException, naming {@code *} for an empty one); then the
     * list member ({@code Tags}, {@code TagKeys}) must be there; then the ARN must name a DynamoDB table of at least
     * three characters; then the list must not be empty. An ARN of another account is denied, as DynamoDB denies
     * access across accounts without a resource policy; one of another region is not a table of this endpoint
     * (ExtendDB/extenddb#227 records both against DynamoDB).
     */
    private String validArn(Request request, String operation, String listMember, String emptyListMessage) {
        String arn = request.optionalString("ResourceArn");
        JsonNode list = listMember == null ? null : request.list(listMember);
        if (arn == null) throw DynamoDbException.validation("Invalid TableArn");
        if (!ARN.matcher(arn).matches()) throw denied(request, operation, arn.isEmpty() ? "*" : arn);
        if (listMember != null && list == null) throw Request.missing(listMember);
        Matcher table = TABLE_ARN.matcher(arn);
        if (!table.matches()) throw invalidArn(arn);
        if (!table.group(2).equals(Database.ACCOUNT)) throw denied(request, operation, arn);
        if (!table.group(1).equals(database.region())) throw invalidArn(arn);
        if (list != null && list.isEmpty()) throw DynamoDbException.validation(emptyListMessage);
        return arn;
    }

    /** The table {@code arn} names, once the caller is allowed {@code operation} on it. */
    private Table tableOf(Request request, String operation, String arn) {
        Access.resource(request, operation, arn);
        Table table = database.tableOrNull(arn.substring(arn.indexOf('/') + 1));
        if (table == null) {
            // UntagResource names nothing; the others name the ARN (dynalite's tagging tests, recorded against
            // DynamoDB).
            throw DynamoDbException.resourceNotFound(
                    operation.equals("UntagResource")
                            ? "Requested resource not found"
                            : "Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return table;
    }

    private static DynamoDbException invalidArn(String arn) {
        return DynamoDbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }

    private static DynamoDbException denied(Request request, String operation, String resource) {
        return DynamoDbException.accessDenied("User: " + Access.callerArn(request)
                + " is not authorized to perform: dynamodb:" + operation + " on resource: " + resource);
    }

    static Map<String, String> fromJson(JsonNode tags) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            // Each tag's key and value were checked with the request's member constraints.
            parsed.put(tag.path("Key").asText(), tag.path("Value").asText());
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
