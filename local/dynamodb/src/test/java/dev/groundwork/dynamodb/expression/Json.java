package dev.groundwork.dynamodb.expression;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import java.util.Map;

/** Items and values written as DynamoDB JSON with single quotes, to keep tests readable. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    static Map<String, AttributeValue> item(String json) {
        try {
            return AttributeValues.itemFromJson(MAPPER.readTree(json.replace('\'', '"')));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    static String text(Map<String, AttributeValue> item) {
        return AttributeValues.itemToJson(item).toString().replace('"', '\'');
    }
}
