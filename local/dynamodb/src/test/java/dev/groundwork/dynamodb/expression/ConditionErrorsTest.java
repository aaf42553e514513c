package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionErrorsTest {
    private static final Map<String, AttributeValue> VALUES = item("{':v':{'S':'x'},':n':{'N':'1'},':n5':{'N':'5'},"
            + "':yes':{'BOOL':true},':l':{'L':[]},':type':{'S':'STRING'},':s':{'S':'S'}}");

    private static void assertRejected(String expression, String message) {
        ExpressionContext context = new ExpressionContext(Map.of("#a", "a"), VALUES);
        assertThatThrownBy(() -> Expressions.condition(expression, context))
                .isInstanceOfSatisfying(
                        DynamoDbException.class,
                        e -> org.assertj.core.api.Assertions.assertThat(e.code())
                                .isEqualTo("ValidationException"))
                .hasMessage("Invalid ConditionExpression: " + message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a-b | Syntax error; token: \"-\", near: \"a-b\"",
                "!! | Syntax error; token: \"!\", near: \"!!\"",
                "() | Syntax error; token: \")\", near: \"()\"",
                "a = | Syntax error; token: \"<EOF>\", near: \"=\"",
                "a = :v b | Syntax error; token: \"b\", near: \":v b\"",
                "a : v | Syntax error; token: \":\", near: \"a : v\"",
                "a = :v AND | Syntax error; token: \"<EOF>\", near: \"AND\"",
                "a BETWEEN :n OR :n5 | Syntax error; token: \"OR\", near: \":n OR :n5\"",
                "a IN :v | Syntax error; token: \":v\", near: \"IN :v\"",
                "a[x] = :v | Syntax error; token: \"x\", near: \"[x]\"",
                "a = :v AND (b = :v | Syntax error; token: \"<EOF>\", near: \":v\"",
                "a AND b | Syntax error; token: \"AND\", near: \"a AND b\"",
                "AND = :v | Syntax error; token: \"AND\", near: \"AND =\"",
                "a.[0] = :v | Syntax error; token: \"[\", near: \".[0\""
            })
    void reportsSyntaxErrorsWithTheTokenAndItsNeighbours(String expression, String message) {
        assertRejected(expression, message);
    }

    @Test
    void rejectsAnEmptyExpression() {
        assertRejected("", "The expression can not be empty;");
    }

    @Test
    void rejectsAnUndefinedValue() {
        assertRejected(
                "a = :nope", "An expression attribute value used in expression is not defined; attribute value: :nope");
    }

    @Test
    void rejectsAnUndefinedName() {
        assertRejected(
                "#nope = :v",
                "An expression attribute name used in the document path is not defined; attribute name: #nope");
    }

    @Test
    void rejectsReservedWordsUsedAsNames() {
        assertRejected("name = :v", "Attribute name is a reserved keyword; reserved keyword: name");
        assertRejected("a.Status = :v", "Attribute name is a reserved keyword; reserved keyword: Status");
    }

    @Test
    void reportsReservedWordsBeforeUndefinedPlaceholders() {
        assertRejected("a = :nope AND size = :v", "Attribute name is a reserved keyword; reserved keyword: size");
    }

    @Test
    void rejectsUnknownFunctions() {
        assertRejected("fly(a)", "Invalid function name; function: fly");
    }

    @Test
    void rejectsWrongNumberOfOperands() {
        assertRejected(
                "begins_with(a)",
                "Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1");
        assertRejected(
                "attribute_exists(a, b)",
                "Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2");
    }

    @Test
    void rejectsFunctionsUsedAsValues() {
        assertRejected(
                "attribute_exists(a) = :v",
                "The function is not allowed to be used this way in an expression; function: attribute_exists");
        assertRejected("size(a)", "The function is not allowed to be used this way in an expression; function: size");
    }

    @Test
    void requiresADocumentPathWhereAFunctionNeedsOne() {
        assertRejected(
                "attribute_exists(:v)",
                "Operator or function requires a document path; operator or function: attribute_exists");
    }

    @Test
    void rejectsOperandsOfTypesAFunctionCannotUse() {
        assertRejected(
                "begins_with(a, :n)",
                "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertRejected(
                "size(:n) = :n",
                "Incorrect operand type for operator or function; operator or function: size, operand type: N");
        assertRejected(
                "a < :yes",
                "Incorrect operand type for operator or function; operator or function: <, operand type: BOOL");
        assertRejected(
                ":l >= a",
                "Incorrect operand type for operator or function; operator or function: >=, operand type: L");
        assertRejected(
                "a BETWEEN :yes AND :yes",
                "Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL");
    }

    @Test
    void rejectsUnknownAttributeTypeNames() {
        assertRejected(
                "attribute_type(a, :type)",
                "Invalid attribute type name found; type: STRING, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        assertRejected(
                "attribute_type(a, :n)",
                "Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N");
    }

    @Test
    void requiresDistinctOperands() {
        assertRejected(
                "a.b = a.b",
                "The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b]");
        assertRejected(
                "contains(#a, a)",
                "The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [a]");
    }

    @Test
    void rejectsBetweenBoundsOfDifferentTypesOrInTheWrongOrder() {
        assertRejected(
                "a BETWEEN :n AND :v",
                "The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:x}");
        assertRejected(
                "a BETWEEN :n5 AND :n",
                "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}");
    }

    @Test
    void rejectsRedundantParentheses() {
        assertRejected("((a = :v))", "The expression has redundant parentheses;");
        assertRejected("((a)) = :v", "The expression has redundant parentheses;");
    }

    @Test
    void limitsInToOneHundredOperandsCountingTheTestedValue() {
        String accepted = IntStream.range(0, 99).mapToObj(i -> ":v").collect(Collectors.joining(", "));
        Expressions.condition("a IN (" + accepted + ")", new ExpressionContext(Map.of(), VALUES));
        assertRejected(
                "a IN (" + accepted + ", :n)",
                "The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void refusesUpdateFunctionsInConditions() {
        assertRejected(
                "if_not_exists(a, :v) = :v",
                "The function is not allowed to be used this way in an expression; function: if_not_exists");
        assertRejected(
                "list_append(a, :l) = :l",
                "The function is not allowed to be used this way in an expression; function: list_append");
    }

    @Test
    void rejectsAnEmptyInList() {
        assertRejected("a IN ()", "Syntax error; token: \")\", near: \"()\"");
    }

    @Test
    void limitsExpressionsTo300Operators() {
        String expression =
                IntStream.range(0, 151).mapToObj(i -> "a" + i + " = :v").collect(Collectors.joining(" OR "));
        assertRejected(expression, "The expression contains too many operators; operator count: 301");
    }

    @Test
    void limitsExpressionsTo4096Bytes() {
        String expression = "a = :v AND attribute_exists(" + "x".repeat(4070) + ")";
        assertRejected(
                expression,
                "Expression size has exceeded the maximum allowed size; expression size: " + expression.length());
    }

    @Test
    void limitsDocumentPathsTo32Levels() {
        String path = "a" + ".b".repeat(32);
        assertRejected(path + " = :v", "The document path has too many nesting levels; nesting levels: 33");
    }

    @Test
    void namesTheFilterExpressionInFilterErrors() {
        assertThatThrownBy(() -> Expressions.filter("a = ", ExpressionContext.empty()))
                .hasMessage("Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"=\"");
    }
}
