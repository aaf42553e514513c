package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UpdateErrorsTest {
    private static final Map<String, AttributeValue> VALUES =
            item("{':v':{'S':'x'},':n':{'N':'1'},':l':{'L':[]},':ss':{'SS':['a']},':yes':{'BOOL':true}}");

    private static void assertRejected(String expression, String message) {
        ExpressionContext context = new ExpressionContext(Map.of("#a", "a"), VALUES);
        assertThatThrownBy(() -> Expressions.update(expression, context))
                .hasMessage("Invalid UpdateExpression: " + message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "INVALID SYNTAX HERE | Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
                "ADD hits : incr | Syntax error; token: \":\", near: \"hits : incr\"",
                "SET a = :v b = :v | Syntax error; token: \"b\", near: \":v b =\"",
                "SET a = :v, #, b = :v | Syntax error; token: \"#\", near: \", #,\"",
                "SET a | Syntax error; token: \"<EOF>\", near: \"a\"",
                "SET a = :v + :n + :n | Syntax error; token: \"+\", near: \":n + :n\"",
                "REMOVE a = :v | Syntax error; token: \"=\", near: \"a = :v\"",
                "ADD a b | Syntax error; token: \"b\", near: \"a b\"",
                "SET | Syntax error; token: \"<EOF>\", near: \"SET\"",
                "SET a-b = :v | Syntax error; token: \"-\", near: \"a-b\"",
                "SET _123 = :v | Syntax error; token: \"_\", near: \"SET _123\"",
                "SET a[:v] = :v | Syntax error; token: \":v\", near: \"[:v]\"",
                "SET :v = :v | Syntax error; token: \":v\", near: \"SET :v =\"",
                "SET c = if_not_exists(c, :v + :n) | Syntax error; token: \"+\", near: \":v + :n\""
            })
    void reportsSyntaxErrors(String expression, String message) {
        assertRejected(expression, message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertRejected("", "The expression can not be empty;");
    }

    @Test
    void allowsEachClauseOnlyOnce() {
        assertRejected("SET a = :v SET b = :v", "The \"SET\" section can only be used once in an update expression;");
        assertRejected("REMOVE a remove b", "The \"REMOVE\" section can only be used once in an update expression;");
    }

    @Test
    void rejectsUndefinedPlaceholders() {
        assertRejected(
                "SET a = :nope",
                "An expression attribute value used in expression is not defined; attribute value: :nope");
        assertRejected(
                "SET #nope = :v",
                "An expression attribute name used in the document path is not defined; attribute name: #nope");
    }

    @Test
    void rejectsReservedWords() {
        assertRejected("SET a = :v REMOVE comment", "Attribute name is a reserved keyword; reserved keyword: comment");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SET a = :v, a = :n | [a] | [a]",
                "SET a = :v REMOVE a.b | [a] | [a, b]",
                "SET a.b[1] = :v ADD a :n | [a, b, [1]] | [a]",
                "REMOVE #a, a | [a] | [a]"
            })
    void rejectsOverlappingPaths(String expression, String one, String two) {
        assertRejected(
                expression,
                "Two document paths overlap with each other; must remove or rewrite one of these paths; " + "path one: "
                        + one + ", path two: " + two);
    }

    @Test
    void rejectsConflictingPaths() {
        assertRejected(
                "SET a.b = :v, a[0] = :n",
                "Two document paths conflict with each other; must remove or rewrite one of "
                        + "these paths; path one: [a, b], path two: [a, [0]]");
    }

    @Test
    void acceptsSiblingPaths() {
        Expressions.update("SET a.b = :v, a.c = :n, l[0] = :v, l[1] = :v", new ExpressionContext(Map.of(), VALUES));
    }

    @Test
    void rejectsUnknownFunctions() {
        assertRejected("SET a = size(b)", "Invalid function name; function: size");
    }

    @Test
    void treatsFunctionNamesCaseSensitively() {
        assertRejected("SET a = LIST_APPEND(:l, :l)", "Invalid function name; function: LIST_APPEND");
    }

    @Test
    void refusesListAppendInsideListAppendButNotIfNotExists() {
        assertRejected(
                "SET a = list_append(list_append(:l, :l), :l)",
                "The function is not allowed to be used this way in an expression; function: list_append");
        Expressions.update(
                "SET a = list_append(if_not_exists(a, :l), :l), b = if_not_exists(b, if_not_exists(c, :n))",
                new ExpressionContext(Map.of(), VALUES));
    }

    @Test
    void rejectsWrongOperandsForFunctionsAndArithmetic() {
        assertRejected(
                "SET a = if_not_exists(:v, :n)",
                "Operator or function requires a document path; operator or function: if_not_exists");
        assertRejected(
                "SET a = list_append(:v, b)",
                "Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
        assertRejected(
                "SET a = b + :v",
                "Incorrect operand type for operator or function; operator or function: +, operand type: S");
        assertRejected(
                "SET a = list_append(b)",
                "Incorrect number of operands for operator or function; operator or function: list_append, number of operands: 1");
    }

    @Test
    void rejectsAddAndDeleteOperandsOfTheWrongType() {
        assertRejected(
                "ADD a :v", "Incorrect operand type for operator or function; operator: ADD, operand type: STRING");
        assertRejected(
                "ADD a :l", "Incorrect operand type for operator or function; operator: ADD, operand type: LIST");
        assertRejected(
                "DELETE a :n",
                "Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER");
        assertRejected(
                "DELETE a :yes",
                "Incorrect operand type for operator or function; operator: DELETE, operand type: BOOLEAN");
    }
}
