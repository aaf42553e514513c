package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.expression.RangeCondition.Operator;
import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KeyConditionTest {
    private static final Map<String, AttributeValue> VALUES =
            item("{':p':{'S':'p'},':a':{'N':'1'},':b':{'N':'5'},':s':{'S':'ab'},':yes':{'BOOL':true}}");

    private static KeyCondition parse(String expression) {
        return Expressions.keyCondition(expression, new ExpressionContext(Map.of("#pk", "pk"), VALUES));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pk = :p AND sk = :a | EQ",
                "pk = :p AND sk < :a | LT",
                "pk = :p AND sk <= :a | LE",
                "pk = :p AND sk > :a | GT",
                "pk = :p AND sk >= :a | GE",
                "pk = :p AND :a > sk | LT",
                "pk = :p AND :a <= sk | GE",
                "sk BETWEEN :a AND :b AND #pk = :p | BETWEEN",
                "begins_with(sk, :s) AND pk = :p | BEGINS_WITH",
                "(pk = :p) AND (sk = :a) | EQ"
            })
    void bindsTheSortKeyCondition(String expression, Operator operator) {
        KeyCondition condition = parse(expression).forKeySchema("pk", Optional.of("sk"));
        assertThat(condition.hashKeyName()).isEqualTo("pk");
        assertThat(condition.hashValue()).isEqualTo(AttributeValue.s("p"));
        assertThat(condition.range())
                .get()
                .extracting(RangeCondition::attributeName, RangeCondition::operator)
                .containsExactly("sk", operator);
    }

    @Test
    void tellsTheKeysApartByTheSchema() {
        KeyCondition parsed = parse("sk = :a AND pk = :p");
        assertThat(parsed.conditions())
                .extracting(RangeCondition::attributeName)
                .containsExactly("sk", "pk");
        KeyCondition bound = parsed.forKeySchema("pk", Optional.of("sk"));
        assertThat(bound.hashKeyName()).isEqualTo("pk");
        assertThat(bound.range().orElseThrow().operands()).containsExactly(AttributeValue.n(1));
    }

    @Test
    void acceptsAPartitionKeyAlone() {
        KeyCondition condition = parse("#pk = :p").forKeySchema("pk", Optional.empty());
        assertThat(condition.hashKeyName()).isEqualTo("pk");
        assertThat(condition.range()).isEmpty();
    }

    @Test
    void testsSortKeyValues() {
        RangeCondition between =
                new RangeCondition("sk", Operator.BETWEEN, List.of(AttributeValue.n(1), AttributeValue.n(5)));
        assertThat(between.test(AttributeValue.n(5))).isTrue();
        assertThat(between.test(AttributeValue.n(6))).isFalse();
        assertThat(between.test(AttributeValue.s("3"))).isFalse();
        RangeCondition prefix = new RangeCondition("sk", Operator.BEGINS_WITH, List.of(AttributeValue.s("ab")));
        assertThat(prefix.test(AttributeValue.s("abc"))).isTrue();
        assertThat(prefix.test(AttributeValue.s("b"))).isFalse();
        assertThat(new RangeCondition("sk", Operator.LT, List.of(AttributeValue.s("b"))).test(AttributeValue.s("a")))
                .isTrue();
    }

    private static void assertRejected(String expression, String message) {
        // DynamoDB words its refusals of the key rules on their own; those of the grammar and the operands start with
        // the parameter's name.
        String expected = message.startsWith("Invalid ") || message.startsWith("KeyConditionExpressions ")
                ? message
                : "Invalid KeyConditionExpression: " + message;
        assertThatThrownBy(() -> parse(expression)).hasMessage(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "pk = :p OR sk = :a | Invalid operator used in KeyConditionExpression: OR",
                "NOT pk = :p | Invalid operator used in KeyConditionExpression: NOT",
                "pk IN (:p) | Invalid operator used in KeyConditionExpression: IN",
                "pk <> :p | Invalid operator used in KeyConditionExpression: <>",
                "attribute_exists(pk) | Invalid operator used in KeyConditionExpression: attribute_exists",
                "pk = :p AND contains(sk, :s) | Invalid operator used in KeyConditionExpression: contains",
                "size(pk) = :a | KeyConditionExpressions cannot contain nested operations",
                ":a BETWEEN sk AND :b | Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand",
                "begins_with(:s, sk) | Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
                "pk = sk | Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
                ":p = :a | Invalid condition in KeyConditionExpression: No key attribute specified",
                "pk.x = :p | KeyConditionExpressions cannot have conditions on nested attributes",
                "pk = :p AND sk > :a AND sk < :b | KeyConditionExpressions must only contain one condition per key",
                "pk = :p AND begins_with(sk, :a) | Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
                "pk = :p AND sk < :yes | Incorrect operand type for operator or function; operator or function: <, operand type: BOOL",
                "pk = :p AND :yes >= sk | Incorrect operand type for operator or function; operator or function: >=, operand type: BOOL",
                "pk = | Syntax error; token: \"<EOF>\", near: \"=\""
            })
    void rejectsWhatAQueryCannotUse(String expression, String message) {
        assertRejected(expression, message);
    }

    @Test
    void rejectsAThirdConditionWhateverTheSchema() {
        assertThatThrownBy(() -> parse("pk = :p AND sk > :a AND extra = :b"))
                .hasMessage("Conditions can be of length 1 or 2 only");
    }

    @Test
    void rejectsConditionsThatDoNotFitTheSchema() {
        assertThatThrownBy(() -> parse("pk = :p AND sk > :a").forKeySchema("pk", Optional.empty()))
                .hasMessage(
                        "The number of query conditions (2) exceeds the number of key attributes defined in the schema (1)");
        assertThatThrownBy(() -> parse("sk = :a").forKeySchema("pk", Optional.of("sk")))
                .hasMessage("Query condition missed key schema element: pk");
        assertThatThrownBy(() -> parse("pk = :p AND sort2 = :a").forKeySchema("pk", Optional.of("sk")))
                .hasMessage("Query condition missed key schema element: sk");
        assertThatThrownBy(() -> parse("pk > :p").forKeySchema("pk", Optional.of("sk")))
                .hasMessage("Query key condition not supported");
        assertThatThrownBy(() -> parse("begins_with(pk, :s)").forKeySchema("pk", Optional.empty()))
                .hasMessage("Query key condition not supported");
    }
}
