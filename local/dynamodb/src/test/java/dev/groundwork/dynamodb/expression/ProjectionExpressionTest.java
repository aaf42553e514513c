package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static dev.groundwork.dynamodb.expression.Json.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectionExpressionTest {
    private static final String ITEM =
            "{'pk':{'S':'k'},'a':{'S':'x'},'m':{'M':{'b':{'N':'1'},'c':{'L':[{'S':'p'},{'S':'q'},{'M':{'d':{'S':'r'}}}]}}},"
                    + "'l':{'L':[{'N':'0'},{'N':'1'},{'N':'2'}]}}";

    private static String project(String expression) {
        Projection projection = Expressions.projection(expression, new ExpressionContext(Map.of("#m", "m"), Map.of()));
        return text(projection.apply(item(ITEM)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "a | {'a':{'S':'x'}}",
                "pk, a | {'pk':{'S':'k'},'a':{'S':'x'}}",
                "m.b | {'m':{'M':{'b':{'N':'1'}}}}",
                "#m.b, #m.c[1] | {'m':{'M':{'b':{'N':'1'},'c':{'L':[{'S':'q'}]}}}}",
                "m.c[2].d | {'m':{'M':{'c':{'L':[{'M':{'d':{'S':'r'}}}]}}}}",
                "l[2], l[0] | {'l':{'L':[{'N':'0'},{'N':'2'}]}}",
                "absent, m.zz, l[7], a.b, m.b[0] | {}",
                "absent, a | {'a':{'S':'x'}}"
            })
    void keepsTheNestedStructureOfWhatItProjects(String expression, String expected) {
        assertThat(project(expression)).isEqualTo(expected);
    }

    @Test
    void listsTopLevelNamesOnce() {
        Projection projection = Expressions.projection("m.b, a, m.c", ExpressionContext.empty());
        assertThat(projection.topLevelNames()).containsExactly("m", "a");
    }

    private static void assertRejected(String expression, String message) {
        assertThatThrownBy(() -> Expressions.projection(expression, ExpressionContext.empty()))
                .hasMessage("Invalid ProjectionExpression: " + message);
    }

    @Test
    void rejectsReservedWords() {
        assertRejected("a, name", "Attribute name is a reserved keyword; reserved keyword: name");
    }

    @Test
    void rejectsUndefinedNames() {
        assertRejected(
                "#x", "An expression attribute name used in the document path is not defined; attribute name: #x");
    }

    @Test
    void rejectsOverlappingAndConflictingPaths() {
        assertRejected(
                "a, a.b",
                "Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
        assertRejected(
                "a.b, a[0]",
                "Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]");
    }

    @Test
    void rejectsSyntaxErrors() {
        assertRejected("a,", "Syntax error; token: \"<EOF>\", near: \",\"");
        assertRejected("a b", "Syntax error; token: \"b\", near: \"a b\"");
        assertRejected(":v", "Syntax error; token: \":v\", near: \":v\"");
        assertRejected("", "The expression can not be empty;");
    }
}
