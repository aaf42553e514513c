package dev.groundwork.dynamodb.expression;

import static dev.groundwork.dynamodb.expression.Json.item;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionExpressionTest {
    private static final Map<String, AttributeValue> VALUES = values();

    private static Map<String, AttributeValue> values() {
        Map<String, AttributeValue> values =
                new LinkedHashMap<>(item("{':one':{'N':'1'},':two':{'N':'2'},':ten':{'N':'10'},"
                        + "':a':{'S':'a'},':ab':{'S':'ab'},':b':{'S':'b'},':yes':{'BOOL':true},':bin':{'B':'AQI='},':b1':{'B':'AQ=='},"
                        + "':bff':{'B':'/w=='},':S':{'S':'S'},':N':{'S':'N'},':SS':{'S':'SS'},':L':{'S':'L'},':M':{'S':'M'},"
                        + "':list':{'L':[{'S':'a'},{'N':'1'}]},':set':{'SS':['a','b']}}"));
        return values;
    }

    private static final Map<String, AttributeValue> ITEM = item("{'s':{'S':'abc'},'n':{'N':'5'},'n2':{'N':'5.0'},"
            + "'b':{'B':'AQID'},'t':{'BOOL':true},'z':{'NULL':true},'l':{'L':[{'S':'a'},{'N':'1'},{'M':{'x':{'S':'deep'}}}]},"
            + "'m':{'M':{'k':{'S':'v'},'nested':{'M':{'n':{'N':'2'}}}}},'ss':{'SS':['a','b']},'ns':{'NS':['1','2']},"
            + "'bs':{'BS':['AQ==']},'u':{'S':'\u00e9\uD834\uDD1E'},'dotted.name':{'S':'x'}}");

    private static boolean test(String expression) {
        return test(expression, ITEM);
    }

    private static boolean test(String expression, Map<String, AttributeValue> item) {
        ExpressionContext context = new ExpressionContext(Map.of("#d", "dotted.name", "#k", "k"), VALUES);
        return Expressions.condition(expression, context).test(item);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "n = n2 | true",
                "n <> n2 | false",
                "n = :one | false",
                "n > :one | true",
                "n >= :ten | false",
                "n < :ten | true",
                "n <= n2 | true",
                "s > :ab | true",
                "s < :b | true",
                "s = :a | false",
                ":one < :two | true",
                "n = s | false",
                "n <> s | true",
                "n < s | false",
                "t = :yes | true",
                "t <> :yes | false",
                "absent = :one | false",
                "absent <> :one | true",
                "absent < :one | false",
                "l[1] = :one | true",
                "l[2].x = m.k | false",
                "m.nested.n = :two | true",
                "m.#k = :a | false",
                "#d = s | false",
                "b > :b1 | true",
                "b < :bff | true",
                "l = :list | false",
                "ss = :set | true"
            })
    void comparesWithDynamoDbSemantics(String expression, boolean expected) {
        assertThat(test(expression)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "n BETWEEN :one AND :ten | true",
                "n BETWEEN :one AND :two | false",
                "s BETWEEN :a AND :b | true",
                "n BETWEEN :a AND :b | false",
                "absent BETWEEN :one AND :ten | false",
                "n IN (:one, :two, :ten) | false",
                "n IN (:one, n2) | true",
                "s IN (:a, :ab) | false",
                "absent IN (:one) | false",
                "l[0] IN (:a) | true"
            })
    void evaluatesBetweenAndIn(String expression, boolean expected) {
        assertThat(test(expression)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "attribute_exists(s) | true",
                "attribute_exists(absent) | false",
                "attribute_exists(m.nested.n) | true",
                "attribute_exists(l[5]) | false",
                "attribute_not_exists(absent) | true",
                "attribute_not_exists(z) | false",
                "attribute_type(s, :S) | true",
                "attribute_type(n, :N) | true",
                "attribute_type(ss, :SS) | true",
                "attribute_type(l, :L) | true",
                "attribute_type(m, :M) | true",
                "attribute_type(s, :N) | false",
                "attribute_type(absent, :S) | false",
                "begins_with(s, :ab) | true",
                "begins_with(s, :b) | false",
                "begins_with(b, :b1) | true",
                "begins_with(n, :a) | false",
                "begins_with(absent, :a) | false",
                "contains(s, :b) | true",
                "contains(s, :ab) | true",
                "contains(ss, :a) | true",
                "contains(ss, :ab) | false",
                "contains(ns, :two) | true",
                "contains(l, :one) | true",
                "contains(l, :b) | false",
                "contains(b, :b1) | true",
                "contains(n, :one) | false",
                "contains(absent, :a) | false"
            })
    void evaluatesFunctions(String expression, boolean expected) {
        assertThat(test(expression)).as(expression).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "size(s) = :two | false", "size(s) > :two | true", "size(ss) = :two | true", "size(l) > :two | true",
                "size(m) = :two | true", "size(b) > :two | true", "size(bs) = :one | true", "size(n) = :one | false",
                "size(absent) = :one | false", "size(absent) <> :one | true", "size(u) = :two | false"
            })
    void evaluatesSize(String expression, boolean expected) {
        assertThat(test(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void countsStringSizeInUtf16UnitsAsAwsDoes() {
        assertThat(test("size(u) > :two")).isTrue();
        assertThat(test("size(u) < :ten")).isTrue();
        Map<String, AttributeValue> values = Map.of(":three", AttributeValue.n(3));
        assertThat(Expressions.condition("size(u) = :three", new ExpressionContext(Map.of(), values))
                        .test(ITEM))
                .isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "n = :one OR n = n2 AND s = :a | false",
                "(n = :one OR n = n2) AND s = :a | false",
                "n = :one AND s = :a OR n = n2 | true",
                "NOT n = :one AND s = :a | false",
                "NOT (n = :one AND s = :a) | true",
                "NOT n = :one OR s = :a | true",
                "NOT NOT attribute_exists(s) | true",
                "not n = :one and s <> :a | true",
                "n = :one or (s <> :a and not contains(s, :b)) | false",
                "(attribute_exists(s)) | true",
                "(n) = (n2) | true"
            })
    void appliesNotBeforeAndBeforeOr(String expression, boolean expected) {
        assertThat(test(expression)).as(expression).isEqualTo(expected);
    }

    @Test
    void treatsAnAbsentItemAsEmpty() {
        assertThat(test("attribute_not_exists(pk)", Map.of())).isTrue();
        assertThat(test("attribute_exists(pk)", Map.of())).isFalse();
    }

    @Test
    void reportsTheTopLevelNamesItReads() {
        Condition condition = Expressions.condition(
                "a.b = :one AND (size(c[1]) > :two OR contains(#d, :a))",
                new ExpressionContext(Map.of("#d", "d"), VALUES));
        assertThat(condition.topLevelNames()).containsExactly("a", "c", "d");
    }

    @Test
    void parsesDeepNestingQuickly() {
        String nested = "n = :one OR (n = :one OR (".repeat(70) + "(n) = n2" + "))".repeat(70);
        String redundant = "(".repeat(500) + "n" + ")".repeat(500) + " = :one";
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThat(test(nested)).isTrue();
            assertThatThrownBy(() -> test(redundant))
                    .hasMessage("Invalid ConditionExpression: The expression has redundant parentheses;");
        });
    }

    @Test
    void acceptsWhitespaceInsidePaths() {
        assertThat(test("m . nested . n = :two AND l [ 1 ] = :one")).isTrue();
    }
}
