package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.b;
import static dev.groundwork.dynamodb.conformance.DynamoValues.bool;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.l;
import static dev.groundwork.dynamodb.conformance.DynamoValues.m;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.ns;
import static dev.groundwork.dynamodb.conformance.DynamoValues.nul;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static dev.groundwork.dynamodb.conformance.DynamoValues.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Condition and update expressions: paths, functions, operators and precedence, update actions, AWS's rejections. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class ExpressionsConformanceTest {

    private static final Map<String, AttributeValue> KEY = item("pk", s("k"));

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final String table;

    ExpressionsConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.table = new ScratchTables(dynamo).hashOnly();
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    // ---- update actions

    @Test
    void setsAttributesInsideNestedMaps() {
        put(item("pk", s("k"), "profile", m("address", m("city", s("Lyon")))));

        var updated = update(
                "SET profile.address.city = :c, profile.address.zip = :z",
                Map.of(),
                Map.of(":c", s("Oslo"), ":z", s("0150")));

        assertThat(updated).containsEntry("profile", m("address", m("city", s("Oslo"), "zip", s("0150"))));
    }

    @Test
    void setsAndRemovesListElementsByIndex() {
        put(item("pk", s("k"), "parts", l(s("a"), s("b"), s("c"))));

        var updated = update("SET parts[1] = :x REMOVE parts[0]", Map.of(), Map.of(":x", s("X")));

        assertThat(updated).containsEntry("parts", l(s("X"), s("c")));
    }

    @Test
    void setBeyondTheEndOfAListAppends() {
        put(item("pk", s("k"), "parts", l(s("a"), s("b"))));

        var updated = update("SET parts[10] = :x", Map.of(), Map.of(":x", s("z")));

        assertThat(updated).containsEntry("parts", l(s("a"), s("b"), s("z")));
    }

    @Test
    void addsAndSubtractsNumbersExactly() {
        put(item("pk", s("k"), "qty", n("10.1"), "score", n("99999999999999999999999999999999999999")));

        var updated = update("SET qty = qty + :a, score = score - :b", Map.of(), Map.of(":a", n("0.2"), ":b", n("1")));

        assertThat(updated)
                .containsEntry("qty", n("10.3"))
                .containsEntry("score", n("99999999999999999999999999999999999998"));
    }

    @Test
    void rejectsArithmeticWhoseResultNeedsMoreThanThirtyEightDigits() {
        assumeFalse(target.deviatesBy(KnownDeviation.ARITHMETIC_BEYOND_38_DIGITS_STORED), "38-digit arithmetic");
        put(item("pk", s("k"), "qty", n("99999999999999999999999999999999999999")));

        // The documented rule is the rejection; which of its two number-limit messages AWS picks for an arithmetic
        // result is not documented, so either is accepted.
        assertThat(assertValidationError(() -> update("SET qty = qty + :half", Map.of(), Map.of(":half", n("0.5"))))
                        .awsErrorDetails()
                        .errorMessage())
                .containsAnyOf(NUMBER_LIMIT_MESSAGES);
        assertThat(assertValidationError(() -> update("ADD qty :half", Map.of(), Map.of(":half", n("0.5"))))
                        .awsErrorDetails()
                        .errorMessage())
                .containsAnyOf(NUMBER_LIMIT_MESSAGES);
        assertThat(dynamo.getItem(r -> r.tableName(table).key(KEY)).item())
                .containsEntry("qty", n("99999999999999999999999999999999999999"));
    }

    private static final String[] NUMBER_LIMIT_MESSAGES = {
        "Attempting to store more than 38 significant digits in a Number",
        "Number overflow. Attempting to store a number with magnitude larger than supported range"
    };

    @Test
    void ifNotExistsKeepsTheFirstValue() {
        update("SET created = if_not_exists(created, :t)", Map.of(), Map.of(":t", n(1)));

        var updated = update("SET created = if_not_exists(created, :t)", Map.of(), Map.of(":t", n(2)));

        assertThat(updated).containsEntry("created", n(1));
    }

    @Test
    void listAppendJoinsListsInEitherOrder() {
        put(item("pk", s("k"), "parts", l(s("b")), "tail", l(s("y"))));

        var updated = update(
                "SET parts = list_append(:front, parts), tail = list_append(tail, :back)",
                Map.of(),
                Map.of(":front", l(s("a")), ":back", l(s("z"))));

        assertThat(updated).containsEntry("parts", l(s("a"), s("b"))).containsEntry("tail", l(s("y"), s("z")));
    }

    @Test
    void addCreatesThenIncrementsNumbers() {
        update("ADD qty :five", Map.of(), Map.of(":five", n(5)));

        var updated = update("ADD qty :five", Map.of(), Map.of(":five", n(5)));

        assertThat(updated).containsEntry("qty", n(10));
    }

    @Test
    void addUnitesSets() {
        put(item("pk", s("k"), "tags", ss("a", "b")));

        var updated = update("ADD tags :more", Map.of(), Map.of(":more", ss("b", "c")));

        assertThat(updated.get("tags").ss()).containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void deleteRemovesSetMembersAndTheEmptiedSet() {
        put(item("pk", s("k"), "tags", ss("a", "b"), "nums", ns("1", "2")));

        var updated =
                update("DELETE tags :a, nums :both", Map.of(), Map.of(":a", ss("a", "zzz"), ":both", ns("1", "2")));

        assertThat(updated.get("tags").ss()).containsExactly("b");
        assertThat(updated).doesNotContainKey("nums");
    }

    @Test
    void removesSeveralAttributesAndIgnoresAbsentOnes() {
        put(item("pk", s("k"), "a", s("1"), "b", s("2"), "c", s("3")));

        var updated = update("REMOVE a, c, absent", Map.of(), Map.of());

        assertThat(updated).isEqualTo(item("pk", s("k"), "b", s("2")));
    }

    @Test
    void placeholderNameWithDotsNamesOneTopLevelAttribute() {
        var updated = update("SET #dotted = :v", Map.of("#dotted", "a.b"), Map.of(":v", s("x")));

        assertThat(updated).containsEntry("a.b", s("x")).doesNotContainKey("a");
    }

    @Test
    void rejectsAddOnAString() {
        put(item("pk", s("k"), "title", s("t")));

        assertValidationError(
                () -> update("ADD title :one", Map.of(), Map.of(":one", n(1))),
                "An operand in the update expression has an incorrect data type");
    }

    @Test
    void rejectsArithmeticOnAString() {
        put(item("pk", s("k"), "title", s("t")));

        assertValidationError(
                () -> update("SET title = title + :one", Map.of(), Map.of(":one", n(1))),
                "An operand in the update expression has an incorrect data type");
    }

    @Test
    void rejectsArithmeticOnAnAbsentAttribute() {
        assertValidationError(
                () -> update("SET qty = qty + :one", Map.of(), Map.of(":one", n(1))),
                "The provided expression refers to an attribute that does not exist in the item");
    }

    @Test
    void rejectsSetThroughAMissingMap() {
        put(item("pk", s("k")));

        assertValidationError(
                () -> update("SET profile.city = :c", Map.of(), Map.of(":c", s("Oslo"))),
                "The document path provided in the update expression is invalid for update");
    }

    @Test
    void rejectsOverlappingPaths() {
        assertValidationError(
                () -> update("SET a = :v, a.b = :v", Map.of(), Map.of(":v", s("x"))),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]");
    }

    @Test
    void rejectsTheSamePathInTwoActions() {
        assertValidationError(
                () -> update("SET a = :v REMOVE a", Map.of(), Map.of(":v", s("x"))),
                "Two document paths overlap with each other");
    }

    @Test
    void rejectsASectionUsedTwice() {
        assertValidationError(
                () -> update("SET a = :v SET b = :v", Map.of(), Map.of(":v", s("x"))),
                "The \"SET\" section can only be used once in an update expression");
    }

    @Test
    void rejectsSetToAnEmptySetThroughDelete() {
        put(item("pk", s("k"), "tags", ss("a")));

        assertValidationError(
                () -> update("DELETE tags :v", Map.of(), Map.of(":v", s("a"))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING");
    }

    // ---- placeholders and reserved words

    @Test
    void rejectsAnUnusedValuePlaceholder() {
        assertValidationError(
                () -> update("SET a = :v", Map.of(), Map.of(":v", s("x"), ":unused", s("y"))),
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:unused}");
    }

    @Test
    void rejectsAnUnusedNamePlaceholder() {
        assertValidationError(
                () -> update("SET a = :v", Map.of("#unused", "b"), Map.of(":v", s("x"))),
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}");
    }

    @Test
    void rejectsAnUndefinedValuePlaceholder() {
        assertValidationError(
                () -> update("SET a = :missing", Map.of(), Map.of()),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :missing");
    }

    @Test
    void rejectsAnUndefinedNamePlaceholder() {
        assertValidationError(
                () -> update("SET #missing = :v", Map.of(), Map.of(":v", s("x"))),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #missing");
    }

    @Test
    void rejectsAReservedWordUsedAsAName() {
        assertValidationError(
                () -> holds(item("pk", s("k"), "name", s("n")), "name = :n", Map.of(), Map.of(":n", s("n"))),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name");
    }

    @Test
    void acceptsAReservedWordThroughAPlaceholder() {
        assertThat(holds(
                        item("pk", s("k"), "name", s("n")),
                        "#name = :n",
                        Map.of("#name", "name"),
                        Map.of(":n", s("n"))))
                .isTrue();
    }

    @Test
    void rejectsASyntaxError() {
        assumeFalse(target.deviatesBy(KnownDeviation.PARSER_SYNTAX_ERROR_WORDING), "syntax error wording");
        assertValidationError(
                () -> holds(item("pk", s("k")), "a = = :v", Map.of(), Map.of(":v", s("x"))),
                "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\"");
    }

    @Test
    void rejectsEmptyExpressionAttributeValues() {
        assertValidationError(
                () -> dynamo.updateItem(r ->
                        r.tableName(table).key(KEY).updateExpression("REMOVE a").expressionAttributeValues(Map.of())),
                "ExpressionAttributeValues must not be empty");
    }

    @Test
    void rejectsAnUnknownFunction() {
        assertValidationError(
                () -> holds(item("pk", s("k")), "no_such_function(a)", Map.of(), Map.of()),
                "Invalid ConditionExpression: Invalid function name; function: no_such_function");
    }

    // ---- conditions: comparators, functions, logic

    @Test
    void comparesNumbersNumericallyAndStringsByCodePoint() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "num", n(10), "str", s("10"));

        assertThat(holds(stored, "num > :nine", Map.of(), Map.of(":nine", n(9))))
                .isTrue();
        assertThat(holds(stored, "str > :nine", Map.of(), Map.of(":nine", s("9"))))
                .isFalse();
        assertThat(holds(stored, "num = :ten", Map.of(), Map.of(":ten", n("10.00"))))
                .isTrue();
        assertThat(holds(
                        stored,
                        "num <= :ten AND num >= :ten AND num <> :eleven",
                        Map.of(),
                        Map.of(":ten", n(10), ":eleven", n(11))))
                .isTrue();
    }

    @Test
    void valuesOfDifferentTypesAreNeverOrdered() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "num", n(10));

        assertThat(holds(stored, "num < :s", Map.of(), Map.of(":s", s("99")))).isFalse();
        assertThat(holds(stored, "num = :s", Map.of(), Map.of(":s", s("10")))).isFalse();
        assertThat(holds(stored, "num <> :s", Map.of(), Map.of(":s", s("10")))).isTrue();
    }

    @Test
    void comparisonWithAnAbsentAttributeIsFalse() {
        assertThat(holds(item("pk", s("k")), "qty < :n", Map.of(), Map.of(":n", n(5))))
                .isFalse();
    }

    @Test
    void comparesSetsWithoutOrderAndMapsByContent() {
        assumeFalse(target.deviatesBy(KnownDeviation.MAP_EQUALITY_DEPENDS_ON_KEY_ORDER), "map equality by key order");
        Map<String, AttributeValue> stored =
                item("pk", s("k"), "tags", ss("a", "b"), "info", m("x", n(1), "y", l(s("z"))));

        assertThat(holds(stored, "tags = :t", Map.of(), Map.of(":t", ss("b", "a"))))
                .as("set")
                .isTrue();
        assertThat(holds(stored, "info = :i", Map.of(), Map.of(":i", m("y", l(s("z")), "x", n("1")))))
                .as("map")
                .isTrue();
        assertThat(holds(stored, "info = :i", Map.of(), Map.of(":i", m("x", n("1.0"), "y", l(s("z"))))))
                .as("map 1.0")
                .isTrue();
    }

    @Test
    void evaluatesInAndBetween() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "qty", n(5), "title", s("m"));

        assertThat(holds(stored, "qty IN (:a, :b, :c)", Map.of(), Map.of(":a", n(1), ":b", n(5), ":c", n(9))))
                .isTrue();
        assertThat(holds(stored, "title IN (:a, :b)", Map.of(), Map.of(":a", s("x"), ":b", s("y"))))
                .isFalse();
        assertThat(holds(stored, "qty BETWEEN :lo AND :hi", Map.of(), Map.of(":lo", n(5), ":hi", n(5))))
                .isTrue();
        assertThat(holds(stored, "title BETWEEN :lo AND :hi", Map.of(), Map.of(":lo", s("n"), ":hi", s("z"))))
                .isFalse();
    }

    @Test
    void rejectsBetweenWithBoundsReversed() {
        assertValidationError(
                () -> holds(item("pk", s("k")), "qty BETWEEN :hi AND :lo", Map.of(), Map.of(":lo", n(1), ":hi", n(9))),
                "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound");
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverride() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "a", n(1), "b", n(0), "c", n(0));
        Map<String, AttributeValue> one = Map.of(":one", n(1));

        assertThat(holds(stored, "a = :one OR b = :one AND c = :one", Map.of(), one))
                .isTrue();
        assertThat(holds(stored, "(a = :one OR b = :one) AND c = :one", Map.of(), one))
                .isFalse();
    }

    @Test
    void notBindsTighterThanAnd() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "a", n(1), "b", n(0));
        Map<String, AttributeValue> one = Map.of(":one", n(1));

        assertThat(holds(stored, "NOT a = :one AND b = :one", Map.of(), one)).isFalse();
        assertThat(holds(stored, "NOT (a = :one AND b = :one)", Map.of(), one)).isTrue();
    }

    @Test
    void followsNestedMapPathsAndListIndexes() {
        Map<String, AttributeValue> stored = item(
                "pk", s("k"), "profile", m("address", m("city", s("Oslo"))), "parts", l(s("p0"), m("deep", l(n(7)))));

        assertThat(holds(
                        stored,
                        "profile.address.city = :c AND parts[0] = :p AND parts[1].deep[0] = :seven",
                        Map.of(),
                        Map.of(":c", s("Oslo"), ":p", s("p0"), ":seven", n(7))))
                .isTrue();
        assertThat(holds(
                        stored,
                        "attribute_exists(parts[5]) OR attribute_exists(profile.address.city.deeper)",
                        Map.of(),
                        Map.of()))
                .isFalse();
    }

    @Test
    void testsAttributeExistenceAndType() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "qty", n(1), "nothing", nul(), "tags", ss("a"));

        assertThat(holds(
                        stored,
                        "attribute_exists(qty) AND attribute_exists(nothing) AND attribute_not_exists(absent)",
                        Map.of(),
                        Map.of()))
                .isTrue();
        assertThat(holds(
                        stored,
                        "attribute_type(qty, :n) AND attribute_type(nothing, :null) AND attribute_type(tags, :ss)",
                        Map.of(),
                        Map.of(":n", s("N"), ":null", s("NULL"), ":ss", s("SS"))))
                .isTrue();
        assertThat(holds(stored, "attribute_type(qty, :s)", Map.of(), Map.of(":s", s("S"))))
                .isFalse();
    }

    @Test
    void rejectsAnUnknownAttributeTypeName() {
        assertValidationError(
                () -> holds(item("pk", s("k")), "attribute_type(qty, :t)", Map.of(), Map.of(":t", s("NUMBER"))),
                "Invalid ConditionExpression: Invalid attribute type name found; type: NUMBER, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }

    @Test
    void testsPrefixesOfStringsAndBinaries() {
        Map<String, AttributeValue> stored =
                item("pk", s("k"), "title", s("groundwork"), "bin", b((byte) 1, (byte) 2, (byte) 3));

        assertThat(holds(
                        stored,
                        "begins_with(title, :p) AND begins_with(bin, :b)",
                        Map.of(),
                        Map.of(":p", s("ground"), ":b", b((byte) 1, (byte) 2))))
                .isTrue();
        assertThat(holds(stored, "begins_with(title, :p)", Map.of(), Map.of(":p", s("work"))))
                .isFalse();
    }

    @Test
    void rejectsBeginsWithANumber() {
        assertValidationError(
                () -> holds(item("pk", s("k")), "begins_with(title, :n)", Map.of(), Map.of(":n", n(1))),
                "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
    }

    @Test
    void containsLooksInsideStringsSetsAndLists() {
        Map<String, AttributeValue> stored = item(
                "pk",
                s("k"),
                "title",
                s("groundwork"),
                "tags",
                ss("a", "b"),
                "nums",
                ns("1", "2"),
                "parts",
                l(s("x"), n(3)));

        assertThat(holds(
                        stored,
                        "contains(title, :sub) AND contains(tags, :a) AND contains(nums, :two) AND contains(parts, :three)",
                        Map.of(),
                        Map.of(":sub", s("dwo"), ":a", s("a"), ":two", n(2), ":three", n(3))))
                .isTrue();
        assertThat(holds(stored, "contains(tags, :z)", Map.of(), Map.of(":z", s("z"))))
                .isFalse();
    }

    @Test
    void sizeMeasuresEachType() {
        Map<String, AttributeValue> stored = item(
                "pk",
                s("k"),
                "title",
                s("héllo"),
                "bin",
                b((byte) 1, (byte) 2),
                "tags",
                ss("a", "b", "c"),
                "parts",
                l(s("x")),
                "info",
                m("a", n(1), "b", n(2)));

        assertThat(holds(
                        stored,
                        "size(title) = :five AND size(bin) = :two AND size(tags) = :three AND size(parts) = :one"
                                + " AND size(info) = :two",
                        Map.of(),
                        Map.of(":five", n(5), ":two", n(2), ":three", n(3), ":one", n(1))))
                .isTrue();
        assertThat(holds(stored, "size(absent) > :zero", Map.of(), Map.of(":zero", n(0))))
                .isFalse();
    }

    @Test
    void conditionOnBooleansAndNull() {
        Map<String, AttributeValue> stored = item("pk", s("k"), "flag", bool(true), "nothing", nul());

        assertThat(holds(stored, "flag = :t AND nothing = :null", Map.of(), Map.of(":t", bool(true), ":null", nul())))
                .isTrue();
    }

    // ----

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private Map<String, AttributeValue> update(
            String expression, Map<String, String> names, Map<String, AttributeValue> values) {
        return dynamo.updateItem(r -> r.tableName(table)
                        .key(KEY)
                        .updateExpression(expression)
                        .expressionAttributeNames(names.isEmpty() ? null : names)
                        .expressionAttributeValues(values.isEmpty() ? null : values)
                        .returnValues(ReturnValue.ALL_NEW))
                .attributes();
    }

    /** Whether the condition holds for the item: a put of the same item under the condition succeeds. */
    private boolean holds(
            Map<String, AttributeValue> item,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        put(item);
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(new HashMap<>(item))
                    .conditionExpression(condition)
                    .expressionAttributeNames(names.isEmpty() ? null : names)
                    .expressionAttributeValues(values.isEmpty() ? null : values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
