package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.expression.ExpressionContext;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request's JSON body, read with AWS's validation wording: "1 validation error detected: Value null at
 * 'tableName' failed to satisfy constraint: Member must not be null".
 */
final class Request {
    private final JsonNode body;

    Request(JsonNode body) {
        this.body = body;
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
        if (node == null) return null;
        if (!node.isTextual()) throw DynamoDbException.serialization("Unexpected value type in payload");
        return node.textValue();
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
        if (!node.canConvertToInt()) throw DynamoDbException.serialization("Unexpected value type in payload");
        return node.intValue();
    }

    boolean bool(String field, boolean otherwise) {
        JsonNode node = node(field);
        if (node == null) return otherwise;
        if (!node.isBoolean()) throw DynamoDbException.serialization("Unexpected value type in payload");
        return node.booleanValue();
    }

    Map<String, AttributeValue> item(String field) {
        JsonNode node = node(field);
        return node == null ? null : AttributeValues.itemFromJson(node);
    }

    Map<String, AttributeValue> requiredItem(String field) {
        return AttributeValues.itemFromJson(requiredNode(field));
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
        JsonNode namesNode = node("ExpressionAttributeNames");
        if (namesNode != null) {
            if (namesNode.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
            namesNode
                    .properties()
                    .forEach(entry -> names.put(entry.getKey(), entry.getValue().asText()));
        }
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        JsonNode valuesNode = node("ExpressionAttributeValues");
        if (valuesNode != null) {
            if (valuesNode.isEmpty()) throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
            values.putAll(AttributeValues.itemFromJson(valuesNode));
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
