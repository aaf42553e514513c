package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The legacy front end's checks and meanings that the conformance suite does not reach through the SDK. */
class LegacyExpressionsTest {
    private static final AttributeValue FIVE = new AttributeValue.N(BigDecimal.valueOf(5));
    private static final AttributeValue X = new AttributeValue.S("x");

    @Test
    void expectedRefusesValueAndAttributeValueListTogether() {
        assertRefused(
                new ExpectedValue(X, null, "EQ", List.of(X)),
                "One or more parameter values were invalid: Value and AttributeValueList cannot be used together for Attribute: a");
    }

    @Test
    void expectedRefusesAnAttributeValueListWithoutAComparisonOperator() {
        assertRefused(
                new ExpectedValue(null, null, null, List.of(X)),
                "One or more parameter values were invalid: AttributeValueList can only be used with a ComparisonOperator for Attribute: a");
    }

    @Test
    void expectedRefusesAComparisonThatNeedsAValueAndHasNone() {
        assertRefused(
                new ExpectedValue(null, null, "EQ", null),
                "One or more parameter values were invalid: Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a");
    }

    @Test
    void expectedRefusesNeitherValueNorExists() {
        assertRefused(
                new ExpectedValue(null, null, null, null),
                "One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a");
    }

    @Test
    void expectedTakesAComparisonOperatorWithASingleValue() {
        Condition condition = LegacyExpressions.expected(Map.of("a", new ExpectedValue(FIVE, null, "GE", null)), null);

        assertThat(condition.test(item("{'a':{'N':'5'}}"))).isTrue();
        assertThat(condition.test(item("{'a':{'N':'4'}}"))).isFalse();
        assertThat(condition.test(Map.of())).isFalse();
    }

    @Test
    void anEmptyExpectedIsNoCondition() {
        assertThat(LegacyExpressions.expected(Map.of(), null)).isNull();
    }

    @Test
    void keyConditionsRefuseMoreThanTwoConditions() {
        Map<String, LegacyCondition> conditions = new LinkedHashMap<>();
        conditions.put("a", new LegacyCondition("EQ", List.of(X)));
        conditions.put("b", new LegacyCondition("EQ", List.of(X)));
        conditions.put("c", new LegacyCondition("EQ", List.of(X)));

        assertThatThrownBy(() -> LegacyExpressions.keyConditions(conditions))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage("Conditions can be of length 1 or 2 only");
    }

    @Test
    void keyConditionsBindToTheSchemaAsAKeyConditionExpressionDoes() {
        Map<String, LegacyCondition> conditions = new LinkedHashMap<>();
        conditions.put("sk", new LegacyCondition("BEGINS_WITH", List.of(new AttributeValue.S("ab"))));
        conditions.put("pk", new LegacyCondition("EQ", List.of(X)));

        KeyCondition key = LegacyExpressions.keyConditions(conditions).forKeySchema("pk", Optional.of("sk"));

        assertThat(key.hashValue()).isEqualTo(X);
        assertThat(key.range())
                .contains(new RangeCondition(
                        "sk", RangeCondition.Operator.BEGINS_WITH, List.of(new AttributeValue.S("ab"))));
    }

    @Test
    void addAppendsToAListAndDeleteOfTheLastMembersRemovesTheSet() {
        Map<String, AttributeUpdate> updates = new LinkedHashMap<>();
        updates.put(
                "list",
                new AttributeUpdate("ADD", item("{'v':{'L':[{'S':'b'}]}}").get("v")));
        updates.put(
                "tags", new AttributeUpdate("DELETE", item("{'v':{'SS':['a']}}").get("v")));
        updates.put("count", new AttributeUpdate(null, FIVE));

        Map<String, AttributeValue> updated = LegacyExpressions.attributeUpdates(updates)
                .apply(item("{'list':{'L':[{'S':'a'}]},'tags':{'SS':['a']}}"));

        assertThat(updated).isEqualTo(item("{'list':{'L':[{'S':'a'},{'S':'b'}]},'count':{'N':'5'}}"));
    }

    private static void assertRefused(ExpectedValue expected, String message) {
        assertThatThrownBy(() -> LegacyExpressions.expected(Map.of("a", expected), null))
                .isInstanceOf(DynamoDbException.class)
                .hasMessage(message);
    }
}
