package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An operation's member constraints, checked as DynamoDB checks them before it looks at any table: first every
 * member's JSON type (a SerializationException, from {@link Request}'s typed accessors), then every constraint, each
 * violation collected in the order of the members in DynamoDB's model of the operation, and all of them answered in
 * one ValidationException: "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint:
 * Member must not be null; Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: ...". The members'
 * order, the constraints and their wording are dynalite's validation tables, which were recorded against DynamoDB;
 * DynamoDB lists at most 10.
 */
final class Constraints {
    private static final String NAME_PATTERN = "[a-zA-Z0-9_.-]+";
    private static final int MAX_LISTED = 10;

    /** One member of the operation and what DynamoDB demands of it. */
    interface Member {
        /** Reads the member through its typed accessor, which refuses the wrong JSON type. */
        void read(Request request);

        /**
         * Throws for a violation DynamoDB answers on its own, before it lists any: a required member that is missing,
         * a table name of the wrong length.
         */
        default void require(Request request) {}

        void check(Request request, List<String> violations);
    }

    /**
     * A constraint on one value of a member, nested or not, as DynamoDB's model of the operation states it; {@code
     * path} is the value's member path as DynamoDB names it ({@code keySchema.1.member.keyType}).
     */
    interface Rule {
        void check(JsonNode value, String path, List<String> violations);

        /**
         * Refuses a JSON type inside the value that DynamoDB's deserializer cannot read, before any constraint is
         * checked; {@code inList}: the value is a list's member, where DynamoDB words a scalar in place of a structure
         * differently ("Unexpected value type in payload", not "Unexpected field type").
         */
        default void read(JsonNode value, boolean inList) {}
    }

    /** A field of a structure and the rules on its value, in DynamoDB's order. */
    record Field(String name, Rule... rules) {}

    /**
     * BatchGetItem's reads of one table (dynalite's validations/batchGetItem.js): the JSON types of all its members are
     * read before any constraint, so a wrong type anywhere is answered before a missing Keys.
     */
    static final Rule KEYS_AND_ATTRIBUTES = structure(
            "KeysAndAttributes",
            field("Keys", notNull(), length(1, 100), elements(nestedItem())),
            field("AttributesToGet", length(1, 255), elements(aString())),
            field("ConsistentRead", aBoolean()),
            field("ProjectionExpression", aString()),
            field("ExpressionAttributeNames", stringMap()));

    private final Member[] members;

    private Constraints(Member... members) {
        this.members = members;
    }

    static Constraints of(Member... members) {
        return new Constraints(members);
    }

    /**
     * Throws DynamoDB's SerializationException for a member of the wrong JSON type, nested or not, if the request has
     * one; for an operation whose own first checks come before its member constraints but after the types (tagging).
     */
    void readTypes(Request request) {
        for (Member member : members) member.read(request);
    }

    /** Throws DynamoDB's SerializationException or ValidationException for the request, if it has one. */
    void check(Request request) {
        readTypes(request);
        for (Member member : members) member.require(request);
        List<String> violations = new ArrayList<>(0);
        for (Member member : members) member.check(request, violations);
        if (violations.isEmpty()) return;
        List<String> listed = violations.subList(0, Math.min(MAX_LISTED, violations.size()));
        throw DynamoDbException.validation(listed.size() + " validation error" + (listed.size() > 1 ? "s" : "")
                + " detected: " + String.join("; ", listed));
    }

    /** A table or index name: required or not, {@code [a-zA-Z0-9_.-]+} of 3 to 255 characters. */
    static Member name(String field, boolean required) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                String value = request.optionalString(field);
                String member = Request.member(field);
                if (value == null) {
                    if (required) violations.add(violation("null", member, "Member must not be null"));
                    return;
                }
                if (!isName(value))
                    violations.add(violation(
                            quoted(value), member, "Member must satisfy regular expression pattern: " + NAME_PATTERN));
                if (value.length() < 3)
                    violations.add(
                            violation(quoted(value), member, "Member must have length greater than or equal to 3"));
                if (value.length() > 255)
                    violations.add(
                            violation(quoted(value), member, "Member must have length less than or equal to 255"));
            }
        };
    }

    /** A string member that must be one of {@code allowed}, listed in DynamoDB's order. */
    static Member oneOf(String field, String... allowed) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                String value = request.optionalString(field);
                if (value == null) return;
                for (String candidate : allowed) {
                    if (candidate.equals(value)) return;
                }
                violations.add(violation(
                        quoted(value),
                        Request.member(field),
                        "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]"));
            }
        };
    }

    /**
     * A batch's RequestItems: a map from table names to each table's requests ({@code valueType}), at least one. A key
     * that is not a table name breaks "Map keys must satisfy constraint" (all three rules of a name, whichever it
     * breaks); a list of requests of another length than 1 to {@code maxListLength} (0: not a list) breaks "Map value
     * must satisfy constraint"; then each value's own members are checked by {@code valueRule} at
     * {@code requestItems.<table>.member} (dynalite's batch validations, recorded against DynamoDB).
     */
    static Member requestItems(String valueType, int maxListLength, Rule valueRule) {
        Member map = map("RequestItems", valueType, true, 1);
        return new Member() {
            @Override
            public void read(Request request) {
                map.read(request);
            }

            @Override
            public void check(Request request, List<String> violations) {
                int before = violations.size();
                map.check(request, violations);
                JsonNode value = request.node("RequestItems");
                if (violations.size() > before || value == null || !value.isObject()) return;
                boolean keysBroken = false;
                boolean valuesBroken = false;
                for (var entry : value.properties()) {
                    String name = entry.getKey();
                    if (!isName(name) || name.length() < 3 || name.length() > 255) keysBroken = true;
                    JsonNode requests = entry.getValue();
                    if (maxListLength > 0
                            && requests.isArray()
                            && (requests.isEmpty() || requests.size() > maxListLength)) valuesBroken = true;
                }
                if (keysBroken)
                    violations.add(violation(
                            quoted(value.toString()),
                            "requestItems",
                            "Map keys must satisfy constraint: [Member must have length less than or equal to 255, "
                                    + "Member must have length greater than or equal to 3, "
                                    + "Member must satisfy regular expression pattern: " + NAME_PATTERN + "]"));
                if (valuesBroken)
                    violations.add(violation(
                            quoted(value.toString()),
                            "requestItems",
                            "Map value must satisfy constraint: [Member must have length less than or equal to "
                                    + maxListLength + ", Member must have length greater than or equal to 1]"));
                for (var entry : value.properties()) {
                    valueRule.check(entry.getValue(), "requestItems." + entry.getKey() + ".member", violations);
                }
            }
        };
    }

    /** A map member (an item, a key, RequestItems) that must be present, and hold at least {@code minSize} entries. */
    static Member map(String field, String valueType, boolean required, int minSize) {
        return new Member() {
            @Override
            public void read(Request request) {
                JsonNode map = request.map(field, valueType);
                if (map == null) return;
                // The JSON types of the values too, before any constraint (dynalite's checkTypes).
                switch (valueType) {
                    case "AttributeValue" -> map.forEach(value -> AttributeValues.checkTypes(value, false));
                    // A structure held in a map is worded as one in a list when it is not a structure.
                    case "KeysAndAttributes" -> map.forEach(value -> KEYS_AND_ATTRIBUTES.read(value, true));
                    case "java.lang.String" ->
                        map.forEach(value -> {
                            if (!value.isNull()) Request.string(value);
                        });
                    default -> {}
                }
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode value = request.map(field, valueType);
                String member = Request.member(field);
                if (value == null) {
                    if (required) violations.add(violation("null", member, "Member must not be null"));
                    return;
                }
                if (value.size() < minSize)
                    violations.add(violation(
                            quoted(value.isEmpty() ? "{}" : value.toString()),
                            member,
                            "Member must have length greater than or equal to " + minSize));
            }
        };
    }

    /** An integer member of at least {@code min}. */
    static Member atLeast(String field, int min) {
        return between(field, min, Integer.MAX_VALUE);
    }

    /** An integer member from {@code min} to {@code max}. */
    static Member between(String field, int min, int max) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalInt(field);
            }

            @Override
            public void check(Request request, List<String> violations) {
                Integer value = request.optionalInt(field);
                if (value != null && value < min)
                    violations.add(violation(
                            quoted(value.toString()),
                            Request.member(field),
                            "Member must have value greater than or equal to " + min));
                if (value != null && value > max)
                    violations.add(violation(
                            quoted(value.toString()),
                            Request.member(field),
                            "Member must have value less than or equal to " + max));
            }
        };
    }

    /** A member whose only constraint is its JSON type: a string. */
    static Member string(String field) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString(field);
            }

            @Override
            public void check(Request request, List<String> violations) {}
        };
    }

    /** A member whose only constraint is its JSON type: a boolean. */
    static Member bool(String field) {
        return new Member() {
            @Override
            public void read(Request request) {
                request.bool(field, false);
            }

            @Override
            public void check(Request request, List<String> violations) {}
        };
    }

    /**
     * The TableName of a table operation (CreateTable, DescribeTable, UpdateTable, DeleteTable, the TTL calls):
     * DynamoDB answers its absence and its length on their own, before any list ("The parameter 'TableName' is
     * required but was not present in the request"), and lists a name outside {@code [a-zA-Z0-9_.-]+}.
     */
    static Member tableName() {
        return new Member() {
            @Override
            public void read(Request request) {
                request.optionalString("TableName");
            }

            @Override
            public void require(Request request) {
                String value = request.optionalString("TableName");
                if (value == null)
                    throw DynamoDbException.validation(
                            "The parameter 'TableName' is required but was not present in the request");
                if (value.length() < 3 || value.length() > 255)
                    throw DynamoDbException.validation(
                            "TableName must be at least 3 characters long and at most 255 characters long");
            }

            @Override
            public void check(Request request, List<String> violations) {
                String value = request.optionalString("TableName");
                if (!isName(value))
                    violations.add(violation(
                            quoted(value),
                            "tableName",
                            "Member must satisfy regular expression pattern: " + NAME_PATTERN));
            }
        };
    }

    /**
     * A member whose value, and the values nested in it, are checked by {@code rules}; its JSON type is read as
     * {@code type} ("List", "Structure" or "String").
     */
    static Member member(String field, String type, Rule... rules) {
        return new Member() {
            @Override
            public void read(Request request) {
                switch (type) {
                    case "List" -> request.list(field);
                    case "String" -> request.optionalString(field);
                    default -> {
                        // An array is named by the structure's own rule, which knows its shape.
                        JsonNode node = request.node(field);
                        if (node != null && !node.isObject() && !node.isArray())
                            throw DynamoDbException.serialization("Unexpected field type");
                    }
                }
                JsonNode value = request.node(field);
                if (value != null) {
                    for (Rule rule : rules) rule.read(value, false);
                }
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode value = request.node(field);
                String path = Request.member(field);
                for (Rule rule : rules) rule.check(value, path, violations);
            }
        };
    }

    static Field field(String name, Rule... rules) {
        return new Field(name, rules);
    }

    /** The value must be there. */
    static Rule notNull() {
        return (value, path, violations) -> {
            if (value == null || value.isNull()) violations.add(violation("null", path, "Member must not be null"));
        };
    }

    /** A string value must be one of {@code allowed}, listed in DynamoDB's order. */
    static Rule oneOfValues(String... allowed) {
        return (value, path, violations) -> {
            if (value == null || value.isNull()) return;
            for (String candidate : allowed) {
                if (candidate.equals(value.asText())) return;
            }
            violations.add(violation(
                    quoted(text(value)),
                    path,
                    "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]"));
        };
    }

    /** A table or index name's characters. */
    static Rule namePattern() {
        return (value, path, violations) -> {
            if (value == null || value.isNull() || isName(value.asText())) return;
            violations.add(violation(
                    quoted(text(value)), path, "Member must satisfy regular expression pattern: " + NAME_PATTERN));
        };
    }

    /** A string's characters or a list's members: from {@code min} to {@code max} (0 and MAX_VALUE for no bound). */
    static Rule length(int min, int max) {
        return (value, path, violations) -> {
            if (value == null || value.isNull()) return;
            int length = value.isContainerNode() ? value.size() : value.asText().length();
            if (length < min)
                violations.add(violation(
                        quoted(text(value)), path, "Member must have length greater than or equal to " + min));
            if (length > max)
                violations.add(
                        violation(quoted(text(value)), path, "Member must have length less than or equal to " + max));
        };
    }

    /** A number of at least {@code min}. */
    static Rule atLeastValue(long min) {
        return (value, path, violations) -> {
            if (value == null || !value.isNumber() || value.asLong() >= min) return;
            violations.add(
                    violation(quoted(text(value)), path, "Member must have value greater than or equal to " + min));
        };
    }

    /** The fields of a structure, each checked at {@code path.field}; their JSON types are read elsewhere. */
    static Rule fields(Field... fields) {
        return (value, path, violations) -> {
            if (value == null || !value.isObject()) return;
            for (Field field : fields) {
                String fieldPath = path + "." + Request.member(field.name());
                for (Rule rule : field.rules()) rule.check(value.get(field.name()), fieldPath, violations);
            }
        };
    }

    /**
     * A structure of DynamoDB's model named {@code shape} ({@code ProvisionedThroughput}, {@code KeySchemaElement}):
     * its JSON types read as DynamoDB's deserializer reads them, then its fields checked as {@link #fields} does.
     */
    static Rule structure(String shape, Field... fields) {
        Rule checks = fields(fields);
        return new Rule() {
            @Override
            public void check(JsonNode value, String path, List<String> violations) {
                checks.check(value, path, violations);
            }

            @Override
            public void read(JsonNode value, boolean inList) {
                if (value.isNull()) return;
                if (value.isArray())
                    throw DynamoDbException.serialization(
                            "Unrecognized collection type class com.amazonaws.dynamodb.v20120810." + shape);
                if (!value.isObject())
                    throw DynamoDbException.serialization(
                            inList ? "Unexpected value type in payload" : "Unexpected field type");
                for (Field field : fields) {
                    JsonNode member = value.get(field.name());
                    if (member == null) continue;
                    for (Rule rule : field.rules()) rule.read(member, false);
                }
            }
        };
    }

    /** Every member of a list, each checked at {@code path.<1-based index>.member}. */
    static Rule elements(Rule... rules) {
        return new Rule() {
            @Override
            public void check(JsonNode value, String path, List<String> violations) {
                if (value == null || !value.isArray()) return;
                for (int i = 0; i < value.size(); i++) {
                    String elementPath = path + "." + (i + 1) + ".member";
                    for (Rule rule : rules) rule.check(value.get(i), elementPath, violations);
                }
            }

            @Override
            public void read(JsonNode value, boolean inList) {
                if (value.isNull()) return;
                Request.checkList(value);
                for (JsonNode element : value) {
                    for (Rule rule : rules) rule.read(element, true);
                }
            }
        };
    }

    /** An item or key held in a list, its values AttributeValues. */
    static Rule nestedItem() {
        return typed(value -> {
            Request.checkNestedItem(value);
            value.forEach(attribute -> AttributeValues.checkTypes(attribute, false));
        });
    }

    /** A map of Strings (ExpressionAttributeNames). */
    static Rule stringMap() {
        return typed(value -> {
            Request.checkMap(value, "java.lang.String");
            value.forEach(name -> {
                if (!name.isNull()) Request.string(name);
            });
        });
    }

    /** The value is a String of DynamoDB's model. */
    static Rule aString() {
        return typed(Request::string);
    }

    /** The value is a Long of DynamoDB's model. */
    static Rule aLong() {
        return typed(Request::longValue);
    }

    /** The value is a Boolean of DynamoDB's model. */
    static Rule aBoolean() {
        return typed(Request::bool);
    }

    private static Rule typed(Consumer<JsonNode> reader) {
        return new Rule() {
            @Override
            public void check(JsonNode value, String path, List<String> violations) {}

            @Override
            public void read(JsonNode value, boolean inList) {
                if (!value.isNull()) reader.accept(value);
            }
        };
    }

    /** A value as DynamoDB quotes it in a violation: a list's members joined by ", " in brackets, a structure as JSON. */
    private static String text(JsonNode value) {
        if (value.isArray()) {
            List<String> members = new ArrayList<>(value.size());
            value.forEach(member -> members.add(text(member)));
            return "[" + String.join(", ", members) + "]";
        }
        return value.isObject() ? value.toString() : value.asText();
    }

    /** {@code [a-zA-Z0-9_.-]+}, without a regular expression: this runs on every request. */
    private static boolean isName(String value) {
        if (value.isEmpty()) return false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '_'
                    || c == '.'
                    || c == '-';
            if (!allowed) return false;
        }
        return true;
    }

    static String quoted(String value) {
        return "'" + value + "'";
    }

    static String violation(String value, String member, String constraint) {
        return "Value " + value + " at '" + member + "' failed to satisfy constraint: " + constraint;
    }
}
