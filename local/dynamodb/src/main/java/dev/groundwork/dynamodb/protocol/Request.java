package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.expression.ExpressionContext;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request's JSON body, read with AWS's validation wording: "1 validation error detected: Value null at
 * 'tableName' failed to satisfy constraint: Member must not be null".
 *
 * <p>Its typed accessors are where the JSON types are checked: a member of the wrong JSON type is a 400
 * SerializationException, as DynamoDB's deserializer answers before any validation, worded as DynamoDB words it
 * ("NUMBER_VALUE cannot be converted to String", "Unexpected field type", "Start of structure or map found where not
 * expected", "Unrecognized collection type ..."). The wording is dynalite's checkTypes, whose test suite was recorded
 * against live DynamoDB; "Unexpected field type" is also a live answer in JuliaCloud/AWS.jl#673.
 */
final class Request {
    private final JsonNode body;
    private final Access access;

    /** A structure nested in a request (a transaction's action, a batch's table): authorised through its request. */
    Request(JsonNode body) {
        this(body, null);
    }

    /** {@code access} is null when the server enforces no IAM policies. */
    Request(JsonNode body, Access access) {
        this.body = body;
        this.access = access;
    }

    /** The caller to authorise, or null when the server enforces no IAM policies. */
    Access access() {
        return access;
    }

    JsonNode body() {
        return body;
    }

    boolean has(String field) {
        JsonNode node = body.get(field);
        return node != null && !node.isNull();
    }

    JsonNode node(String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : node;
    }

    JsonNode requiredNode(String field) {
        JsonNode node = node(field);
        if (node == null) throw missing(field);
        return node;
    }

    String optionalString(String field) {
        JsonNode node = node(field);
        return node == null ? null : string(node);
    }

    String requiredString(String field) {
        String value = optionalString(field);
        if (value == null) throw missing(field);
        return value;
    }

    String tableName() {
        return checkedTableName(requiredString("TableName"), "tableName");
    }

    static String checkedTableName(String name, String member) {
        if (name.length() < 3 || name.length() > 255) {
            throw DynamoDbException.validation(
                    "TableName must be at least 3 characters long and at most 255 characters long");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '_' && c != '-' && c != '.') {
                throw violation(name, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
            }
        }
        return name;
    }

    /** An optional whole number within DynamoDB's bounds for it; the bound it breaks is named as DynamoDB names it. */
    Integer optionalIntBetween(String field, String member, int min, int max) {
        Integer value = optionalInt(field);
        if (value != null && value < min)
            throw violation(value, member, "Member must have value greater than or equal to " + min);
        if (value != null && value > max)
            throw violation(value, member, "Member must have value less than or equal to " + max);
        return value;
    }

    Integer optionalInt(String field) {
        JsonNode node = node(field);
        if (node == null) return null;
        if (node.isNumber()) {
            // DynamoDB's Integer members take a JSON number and drop its fraction; one beyond an int is out of range.
            if (!node.canConvertToInt())
                throw DynamoDbException.serialization("NUMBER_VALUE cannot be converted to Integer");
            return node.intValue();
        }
        throw wrongScalar(node, "Integer", "java.lang.Integer");
    }

    /**
     * DynamoDB's deserializer reads a Boolean member from true/false, and also from the strings "true", "1", "yes",
     * "false", "0", "no" in any case; any other string is "Unexpected token received from parser".
     */
    boolean bool(String field, boolean otherwise) {
        JsonNode node = node(field);
        return node == null ? otherwise : bool(node);
    }

    /** A Boolean member's value; see {@link #bool(String, boolean)}. */
    static boolean bool(JsonNode node) {
        if (node.isBoolean()) return node.booleanValue();
        if (node.isTextual()) {
            switch (node.textValue().toUpperCase(java.util.Locale.ROOT)) {
                case "TRUE", "1", "YES" -> {
                    return true;
                }
                case "FALSE", "0", "NO" -> {
                    return false;
                }
                default -> throw DynamoDbException.serialization("Unexpected token received from parser");
            }
        }
        throw wrongScalar(node, "Boolean", "java.lang.Boolean");
    }

    Map<String, AttributeValue> item(String field) {
        JsonNode node = map(field, "AttributeValue");
        return node == null ? null : AttributeValues.itemFromJson(node);
    }

    Map<String, AttributeValue> requiredItem(String field) {
        Map<String, AttributeValue> item = item(field);
        if (item == null) throw missing(field);
        return item;
    }

    /** A JSON object member whose values are of DynamoDB's type {@code valueType} (a map in DynamoDB's model). */
    JsonNode map(String field, String valueType) {
        JsonNode node = node(field);
        if (node == null) return null;
        checkMap(node, valueType);
        return node;
    }

    JsonNode requiredMap(String field, String valueType) {
        JsonNode node = map(field, valueType);
        if (node == null) throw missing(field);
        return node;
    }

    /** A JSON array member (a list in DynamoDB's model). */
    JsonNode list(String field) {
        JsonNode node = node(field);
        if (node == null) return null;
        checkList(node);
        return node;
    }

    JsonNode requiredList(String field) {
        JsonNode node = list(field);
        if (node == null) throw missing(field);
        return node;
    }

    /** A JSON object member holding a structure of DynamoDB's type {@code type}, such as PutRequest. */
    Request structure(String field, String type) {
        JsonNode node = node(field);
        if (node == null) return null;
        if (!node.isArray() && !node.isObject()) throw DynamoDbException.serialization("Unexpected field type");
        return element(node, type);
    }

    /**
     * A structure of DynamoDB's type {@code type} held in a map or a list, such as a KeysAndAttributes in BatchGetItem's
     * RequestItems; DynamoDB words a scalar there differently from a scalar in a member ({@link #structure}).
     */
    static Request element(JsonNode node, String type) {
        if (node.isArray())
            throw DynamoDbException.serialization(
                    "Unrecognized collection type class com.amazonaws.dynamodb.v20120810." + type);
        if (!node.isObject()) throw DynamoDbException.serialization("Unexpected value type in payload");
        return new Request(node);
    }

    static void checkMap(JsonNode node, String valueType) {
        if (node.isArray()) {
            String qualified = valueType.contains(".") ? valueType : "com.amazonaws.dynamodb.v20120810." + valueType;
            throw DynamoDbException.serialization(
                    "Unrecognized collection type java.util.Map<java.lang.String, " + qualified + ">");
        }
        if (!node.isObject()) throw DynamoDbException.serialization("Unexpected field type");
    }

    /**
     * A scalar where a list or map nested in another collection belongs (BatchGetItem's keys, BatchWriteItem's lists of
     * writes): DynamoDB's deserializer fails with a ClassCastException and sends its text, recorded by dynalite.
     */
    private static final String NESTED_COLLECTION_EXPECTED =
            "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to class java.lang.Class"
                    + " (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and java.lang.Class are in module"
                    + " java.base of loader 'bootstrap')";

    /** A list held in a map, such as BatchWriteItem's list of writes for one table. */
    static void checkNestedList(JsonNode node) {
        if (node.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        if (!node.isArray()) throw DynamoDbException.serialization(NESTED_COLLECTION_EXPECTED);
    }

    /** An item or key held in a list, such as one of BatchGetItem's keys. */
    static void checkNestedItem(JsonNode node) {
        if (node.isArray())
            throw DynamoDbException.serialization("Unrecognized collection type java.util.Map<java.lang.String, "
                    + "com.amazonaws.dynamodb.v20120810.AttributeValue>");
        if (!node.isObject()) throw DynamoDbException.serialization(NESTED_COLLECTION_EXPECTED);
    }

    static void checkList(JsonNode node) {
        if (node.isObject())
            throw DynamoDbException.serialization("Start of structure or map found where not expected");
        if (!node.isArray()) throw DynamoDbException.serialization("Unexpected field type");
    }

    /** A Long member of DynamoDB's model (a throughput): a JSON number, its fraction dropped. */
    static long longValue(JsonNode node) {
        if (node.isNumber()) return node.longValue();
        throw wrongScalar(node, "Long", "java.lang.Long");
    }

    /** A String member of DynamoDB's model. */
    static String string(JsonNode node) {
        if (node.isTextual()) return node.textValue();
        throw wrongScalar(node, "String", "java.lang.String");
    }

    /** DynamoDB's words for a scalar member ({@code type}, of Java class {@code javaClass}) given the wrong JSON. */
    private static DynamoDbException wrongScalar(JsonNode node, String type, String javaClass) {
        if (node.isBoolean())
            return DynamoDbException.serialization(
                    (node.booleanValue() ? "TRUE_VALUE" : "FALSE_VALUE") + " cannot be converted to " + type);
        if (node.isNumber())
            return DynamoDbException.serialization(
                    (node.isIntegralNumber() ? "NUMBER_VALUE" : "DECIMAL_VALUE") + " cannot be converted to " + type);
        if (node.isTextual()) return DynamoDbException.serialization("STRING_VALUE cannot be converted to " + type);
        if (node.isArray()) return DynamoDbException.serialization("Unrecognized collection type class " + javaClass);
        return DynamoDbException.serialization("Start of structure or map found where not expected");
    }

    String choice(String field, String otherwise, String member, String... allowed) {
        String value = optionalString(field);
        if (value == null) return otherwise;
        for (String candidate : allowed) {
            if (candidate.equals(value)) return value;
        }
        throw enumViolation(value, member, "[" + String.join(", ", allowed) + "]");
    }

    /** The request's ExpressionAttributeNames and ExpressionAttributeValues. */
    ExpressionContext expressionContext() {
        Map<String, String> names = new LinkedHashMap<>();
        JsonNode namesNode = map("ExpressionAttributeNames", "java.lang.String");
        if (namesNode != null) {
            if (namesNode.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            namesNode.properties().forEach(entry -> names.put(entry.getKey(), string(entry.getValue())));
            ExpressionContext.checkNameKeys(names.keySet());
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        JsonNode valuesNode = map("ExpressionAttributeValues", "AttributeValue");
        if (valuesNode != null) {
            if (valuesNode.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            List<String> keys = new ArrayList<>(valuesNode.size());
            valuesNode.fieldNames().forEachRemaining(keys::add);
            ExpressionContext.checkValueKeys(keys);
            for (var entry : valuesNode.properties()) {
                if (entry.getValue().isNull()) continue;
                try {
                    values.put(entry.getKey(), AttributeValues.fromJson(entry.getValue()));
                } catch (DynamoDbException invalid) {
                    // DynamoDB names the value it refuses (dynalite's validations, recorded against DynamoDB).
                    if (!invalid.code().equals(DynamoDbException.VALIDATION)) throw invalid;
                    throw DynamoDbException.validation("ExpressionAttributeValues contains invalid value: "
                            + invalid.getMessage() + " for key " + entry.getKey());
                }
            }
        }
        return new ExpressionContext(names, values);
    }

    /** AWS refuses placeholders in a request that has no expression to use them in. */
    void checkNoPlaceholdersWithoutExpressions() {
        if (has("ExpressionAttributeNames")) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (has("ExpressionAttributeValues")) {
            throw DynamoDbException.validation(
                    "ExpressionAttributeValues can only be specified when using expressions");
        }
    }

    static DynamoDbException missing(String field) {
        return DynamoDbException.validation("1 validation error detected: Value null at '" + member(field)
                + "' failed to satisfy constraint: Member must not be null");
    }

    static DynamoDbException violation(Object value, String member, String constraint) {
        return DynamoDbException.validation("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: " + constraint);
    }

    static DynamoDbException enumViolation(String value, String member, String allowed) {
        return violation(value, member, "Member must satisfy enum value set: " + allowed);
    }

    /** AWS names members in validation messages in lower camel case: TableName → tableName. */
    static String member(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
