package dev.groundwork.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionContextTest {
    private static Map<String, AttributeValue> values(String... keys) {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (String key : keys) values.put(key, AttributeValue.s("x"));
        return values;
    }

    private static Map<String, String> names(String... keys) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String key : keys) names.put(key, "n" + key.substring(1));
        return names;
    }

    @Test
    void acceptsPlaceholdersUsedAcrossTheRequestsExpressions() {
        ExpressionContext context = new ExpressionContext(names("#a", "#b"), values(":v", ":w"));
        Expressions.condition("#a = :v", context);
        Expressions.update("SET #b = :w", context);
        assertThatCode(context::checkAllUsed).doesNotThrowAnyException();
    }

    @Test
    void rejectsUnusedValues() {
        ExpressionContext context = new ExpressionContext(Map.of(), values(":v", ":unused", ":other"));
        Expressions.update("SET a = :v", context);
        assertThatThrownBy(context::checkAllUsed)
                .hasMessage(
                        "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused, :other}");
    }

    @Test
    void rejectsUnusedNamesBeforeUnusedValues() {
        ExpressionContext context = new ExpressionContext(names("#unused"), values(":unused"));
        Expressions.projection("a", context);
        assertThatThrownBy(context::checkAllUsed)
                .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void rejectsMalformedPlaceholderKeys() {
        assertThatThrownBy(() -> new ExpressionContext(Map.of("a", "a"), Map.of()))
                .hasMessage("ExpressionAttributeNames contains invalid key: Syntax error; key: \"a\"");
        assertThatThrownBy(() -> new ExpressionContext(Map.of(), values(":a-b")))
                .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \":a-b\"");
    }
}
