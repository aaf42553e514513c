package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.AwsErrors.assertValidationError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.l;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.ns;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static dev.groundwork.dynamodb.conformance.DynamoValues.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalOperator;
import software.amazon.awssdk.services.dynamodb.model.ExpectedAttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * DynamoDB's legacy parameters (Expected, ConditionalOperator, AttributeUpdates, KeyConditions, QueryFilter,
 * ScanFilter, AttributesToGet), which SDK v1's DynamoDBMapper and older code still send: what they mean, what they
 * refuse, and the rules on mixing them with expression parameters.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class LegacyParametersConformanceTest {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;
    private final String table;

    LegacyParametersConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
        this.table = tables.hashOnly();
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    // ---- AttributesToGet

    @Test
    void getItemReturnsOnlyTheAttributesToGetNamedLiterally() {
        put(item("pk", s("k"), "a", s("x"), "b", n(2), "dotted.name", s("d"), "c", s("z")));

        var got = dynamo.getItem(r -> r.tableName(table).key(item("pk", s("k"))).attributesToGet("a", "dotted.name"))
                .item();

        assertThat(got).isEqualTo(item("a", s("x"), "dotted.name", s("d")));
    }

    @Test
    void attributesToGetRefusesADuplicateName() {
        assertValidationError(
                () -> dynamo.getItem(
                        r -> r.tableName(table).key(item("pk", s("k"))).attributesToGet("a", "b", "a")),
                INVALID + "Duplicate value in attribute name: a");
    }

    @Test
    void scanChecksAttributesToGetBeforeItsScanFilter() {
        // A Scan whose ScanFilter is also invalid is refused for the duplicate name, not for the filter.
        assertValidationError(
                () -> dynamo.scan(r -> r.tableName(table)
                        .scanFilter(Map.of("a", cond(ComparisonOperator.LT, ss("a"))))
                        .attributesToGet("a", "a")),
                INVALID + "Duplicate value in attribute name: a");
    }

    @Test
    void batchGetItemTakesAttributesToGetPerTable() {
        put(item("pk", s("k1"), "a", s("x"), "b", s("y")));
        put(item("pk", s("k2"), "a", s("z")));

        var items = dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("k1")), item("pk", s("k2")))
                                .attributesToGet("a")
                                .build())))
                .responses()
                .get(table);

        assertThat(items).containsExactlyInAnyOrder(item("a", s("x")), item("a", s("z")));
    }

    @Test
    void batchGetItemRefusesAnEmptyAttributesToGet() {
        assertValidationError(
                () -> dynamo.batchGetItem(r -> r.requestItems(Map.of(
                        table,
                        KeysAndAttributes.builder()
                                .keys(item("pk", s("k1")))
                                .attributesToGet(List.of())
                                .build()))),
                "1 validation error detected: Value '[]' at 'requestItems." + table
                        + ".member.attributesToGet' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    // ---- Expected and ConditionalOperator

    @Test
    void expectedValueMustMatchForAPutToHappen() {
        put(item("pk", s("k"), "version", n(1)));

        assertError(
                ConditionalCheckFailedException.class,
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k"), "version", n(3)))
                        .expected(Map.of("version", expectValue(n(2))))));
        dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("k"), "version", n(2)))
                .expected(Map.of("version", expectValue(n(1)))));

        assertThat(get("k")).containsEntry("version", n(2));
    }

    @Test
    void expectedExistsFalseLetsOnlyANewItemBeWritten() {
        ExpectedAttributeValue absent =
                ExpectedAttributeValue.builder().exists(false).build();
        dynamo.putItem(
                r -> r.tableName(table).item(item("pk", s("new"), "a", s("1"))).expected(Map.of("pk", absent)));

        assertError(
                ConditionalCheckFailedException.class,
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("new"), "a", s("2")))
                        .expected(Map.of("pk", absent))));
        assertThat(get("new")).containsEntry("a", s("1"));
    }

    @Test
    void expectedRefusesExistsAndValueThatContradictEachOther() {
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of(
                                "a",
                                ExpectedAttributeValue.builder()
                                        .value(s("x"))
                                        .exists(false)
                                        .build()))),
                INVALID + "Value cannot be used when Exists is false for Attribute: a");
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of(
                                "a",
                                ExpectedAttributeValue.builder().exists(true).build()))),
                INVALID + "Value must be provided when Exists is true for Attribute: a");
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of(
                                "a",
                                ExpectedAttributeValue.builder()
                                        .exists(true)
                                        .comparisonOperator(ComparisonOperator.NOT_NULL)
                                        .build()))),
                INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: a");
    }

    @Test
    void expectedComparisonsJoinWithAndByDefault() {
        put(item("pk", s("k"), "qty", n(5), "tag", s("red")));

        assertError(
                ConditionalCheckFailedException.class,
                () -> dynamo.deleteItem(
                        r -> r.tableName(table).key(item("pk", s("k"))).expected(qtyOverTenOrRedTag())));
        assertThat(get("k")).isNotEmpty();
    }

    @Test
    void expectedComparisonsJoinedByOrNeedOnlyOneToHold() {
        assumeFalse(target.deviatesBy(KnownDeviation.CONDITIONAL_OPERATOR_OR_STOPS_AT_FIRST_FALSE_CONDITION), "OR");
        put(item("pk", s("k"), "qty", n(5), "tag", s("red")));

        dynamo.deleteItem(r -> r.tableName(table)
                .key(item("pk", s("k")))
                .expected(qtyOverTenOrRedTag())
                .conditionalOperator(ConditionalOperator.OR));

        assertThat(get("k")).isEmpty();
    }

    /** The first fails on qty 5, the second holds for "red". */
    private static Map<String, ExpectedAttributeValue> qtyOverTenOrRedTag() {
        Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
        expected.put("qty", expect(ComparisonOperator.GT, n(10)));
        expected.put("tag", expect(ComparisonOperator.BEGINS_WITH, s("re")));
        return expected;
    }

    @Test
    void notEqualAndNotContainsAreTrueOfAMissingAttributeAndContainsLooksIntoSetsListsAndStrings() {
        put(item("pk", s("k"), "tags", ss("a", "b"), "list", l(s("x"), n(1)), "text", s("hello")));

        update(Map.of(), expectations("missing", expect(ComparisonOperator.NE, s("x"))));
        update(Map.of(), expectations("missing", expect(ComparisonOperator.NOT_CONTAINS, s("x"))));
        update(Map.of(), expectations("tags", expect(ComparisonOperator.CONTAINS, s("a"))));
        update(Map.of(), expectations("list", expect(ComparisonOperator.CONTAINS, n(1))));
        update(Map.of(), expectations("text", expect(ComparisonOperator.CONTAINS, s("ell"))));
        assertError(
                ConditionalCheckFailedException.class,
                () -> update(Map.of(), expectations("tags", expect(ComparisonOperator.NOT_CONTAINS, s("b")))));
        assertError(
                ConditionalCheckFailedException.class,
                () -> update(Map.of(), expectations("missing", expect(ComparisonOperator.CONTAINS, s("x")))));
    }

    @Test
    void expectedRefusesTheWrongNumberOfValuesForAnOperator() {
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of("a", expect(ComparisonOperator.EQ, s("x"), s("y"))))),
                INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator");
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of("a", expect(ComparisonOperator.BETWEEN, n(1))))),
                INVALID + "Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of("a", expect(ComparisonOperator.IN, n(1), s("x"))))),
                INVALID + "AttributeValues inside AttributeValueList must be of same type");
    }

    @Test
    void conditionalOperatorNeedsTwoOrMoreConditionsToJoin() {
        assumeFalse(target.deviatesBy(KnownDeviation.CONDITIONAL_OPERATOR_USAGE_UNCHECKED), "ConditionalOperator");

        assertValidationError(
                () -> dynamo.putItem(
                        r -> r.tableName(table).item(item("pk", s("k"))).conditionalOperator(ConditionalOperator.AND)),
                "ConditionalOperator cannot be used without Filter or Expected");
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of("a", expect(ComparisonOperator.NULL)))
                        .conditionalOperator(ConditionalOperator.OR)),
                "ConditionalOperator can only be used when Filter or Expected has two or more elements");
        assertValidationError(
                () -> dynamo.scan(r -> r.tableName(table).conditionalOperator(ConditionalOperator.OR)),
                "ConditionalOperator cannot be used without Filter or Expected");
    }

    // ---- AttributeUpdates

    @Test
    void attributeUpdatesPutAddAndDeleteAsDocumented() {
        put(item("pk", s("k"), "qty", n(5), "tags", ss("a", "b", "c"), "gone", s("x"), "list", l(s("a"))));
        Map<String, AttributeValueUpdate> updates = new LinkedHashMap<>();
        updates.put("name", change(AttributeAction.PUT, s("Ada")));
        updates.put("qty", change(AttributeAction.ADD, n(-2)));
        updates.put("tags", change(AttributeAction.DELETE, ss("a", "z")));
        updates.put(
                "gone",
                AttributeValueUpdate.builder().action(AttributeAction.DELETE).build());
        updates.put("counter", change(AttributeAction.ADD, n(1)));
        updates.put("more", change(AttributeAction.ADD, ns("1", "2")));
        updates.put("list", change(AttributeAction.ADD, l(s("b"))));

        var returned = dynamo.updateItem(r -> r.tableName(table)
                        .key(item("pk", s("k")))
                        .attributeUpdates(updates)
                        .returnValues(ReturnValue.UPDATED_NEW))
                .attributes();

        Map<String, AttributeValue> expected = item(
                "name",
                s("Ada"),
                "qty",
                n(3),
                "tags",
                ss("b", "c"),
                "counter",
                n(1),
                "more",
                ns("1", "2"),
                "list",
                l(s("a"), s("b")));
        assertThat(returned).isEqualTo(expected);
        Map<String, AttributeValue> stored = new LinkedHashMap<>(expected);
        stored.put("pk", s("k"));
        assertThat(get("k")).isEqualTo(stored);
    }

    @Test
    void attributeUpdatesRefuseWhatDynamoDbRefuses() {
        put(item("pk", s("k"), "tag", s("x")));

        assertValidationError(
                () -> update(Map.of("tag", change(AttributeAction.ADD, n(1))), Map.of()),
                "Type mismatch for attribute to update");
        assertValidationError(
                () -> update(Map.of("pk", change(AttributeAction.PUT, s("other"))), Map.of()),
                INVALID + "Cannot update attribute pk. This attribute is part of the key");
        assertValidationError(
                () -> update(
                        Map.of(
                                "tag",
                                AttributeValueUpdate.builder()
                                        .action(AttributeAction.PUT)
                                        .build()),
                        Map.of()),
                INVALID + "Only DELETE action is allowed when no attribute value is specified");
        assertValidationError(
                () -> update(Map.of("tag", change(AttributeAction.DELETE, s("x"))), Map.of()),
                INVALID + "DELETE action with value is not supported for the type S");
        assertValidationError(
                () -> update(Map.of("tag", change(AttributeAction.ADD, s("x"))), Map.of()),
                INVALID + "ADD action is not supported for the type S");
    }

    @Test
    void attributeUpdatesAreConditionalOnExpected() {
        put(item("pk", s("k"), "state", s("draft")));

        assertError(
                ConditionalCheckFailedException.class,
                () -> update(
                        Map.of("state", change(AttributeAction.PUT, s("live"))),
                        expectations("state", expectValue(s("review")))));
        update(Map.of("state", change(AttributeAction.PUT, s("live"))), expectations("state", expectValue(s("draft"))));

        assertThat(get("k")).containsEntry("state", s("live"));
    }

    // ---- KeyConditions, QueryFilter, ScanFilter

    @Test
    void keyConditionsSelectARangeOfSortKeys() {
        String numbered = numberedTable();

        assertThat(sortKeys(
                        query(numbered, Map.of("pk", eq(s("p")), "sk", cond(ComparisonOperator.BETWEEN, n(2), n(4))))))
                .containsExactly(2L, 3L, 4L);
        assertThat(sortKeys(query(numbered, Map.of("pk", eq(s("p")), "sk", cond(ComparisonOperator.GT, n(3))))))
                .containsExactly(4L, 5L);
        assertThat(sortKeys(query(numbered, Map.of("pk", eq(s("p")))))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void keyConditionsRefuseWhatAKeyCannotAnswer() {
        String numbered = numberedTable();

        assertValidationError(
                () -> query(numbered, Map.of("pk", eq(s("p")), "sk", cond(ComparisonOperator.NE, n(1)))),
                "Attempted conditional constraint is not an indexable operation");
        assertValidationError(
                () -> query(numbered, Map.of("pk", cond(ComparisonOperator.GT, s("p")))),
                "Query key condition not supported");
        assertValidationError(
                () -> query(numbered, Map.of("pk", eq(s("p")), "other", eq(n(1)))),
                "Query condition missed key schema element: sk");
        assertValidationError(
                () -> query(numbered, Map.of("sk", eq(n(1)))), "Query condition missed key schema element: pk");
        assertValidationError(
                () -> query(numbered, Map.of("pk", eq(s("p")), "sk", cond(ComparisonOperator.BEGINS_WITH, n(1)))),
                INVALID + "ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type");
        assertValidationError(
                () -> query(numbered, Map.of("pk", eq(s("p")), "sk", cond(ComparisonOperator.BETWEEN, n(4), n(2)))),
                "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
    }

    @Test
    void queryFilterConditionsJoinedByOrNeedOnlyOneToHold() {
        assumeFalse(target.deviatesBy(KnownDeviation.CONDITIONAL_OPERATOR_OR_STOPS_AT_FIRST_FALSE_CONDITION), "OR");
        String numbered = numberedTable();
        Map<String, Condition> filter = new LinkedHashMap<>();
        filter.put("colour", eq(s("red")));
        filter.put("size", cond(ComparisonOperator.GE, n(4)));

        QueryResponse either = dynamo.query(r -> r.tableName(numbered)
                .keyConditions(Map.of("pk", eq(s("p"))))
                .queryFilter(filter)
                .conditionalOperator(ConditionalOperator.OR)
                .attributesToGet("sk"));

        assertThat(either.items()).containsExactly(item("sk", n(1)), item("sk", n(4)), item("sk", n(5)));
        assertThat(either.scannedCount()).isEqualTo(5);
    }

    @Test
    void queryFilterConditionsAllHoldByDefaultAndMayNotNameAKey() {
        String numbered = numberedTable();
        Map<String, Condition> filter = new LinkedHashMap<>();
        filter.put("colour", cond(ComparisonOperator.NE, s("red")));
        filter.put("size", cond(ComparisonOperator.GE, n(4)));

        var both = dynamo.query(r -> r.tableName(numbered)
                        .keyConditions(Map.of("pk", eq(s("p"))))
                        .queryFilter(filter)
                        .attributesToGet("sk", "colour"))
                .items();

        assertThat(both).containsExactly(item("sk", n(4), "colour", s("blue")), item("sk", n(5), "colour", s("green")));
        assertValidationError(
                () -> dynamo.query(r -> r.tableName(numbered)
                        .keyConditions(Map.of("pk", eq(s("p"))))
                        .queryFilter(Map.of("sk", eq(n(1))))),
                "QueryFilter can only contain non-primary key attributes: Primary key attribute: sk");
    }

    @Test
    void keyConditionsMayGoWithAFilterExpression() {
        String numbered = numberedTable();

        var items = dynamo.query(r -> r.tableName(numbered)
                        .keyConditions(Map.of("pk", eq(s("p"))))
                        .filterExpression("#size < :s")
                        .expressionAttributeNames(Map.of("#size", "size"))
                        .expressionAttributeValues(Map.of(":s", n(3))))
                .items();

        assertThat(sortKeys(items)).containsExactly(1L, 2L);
    }

    @Test
    void scanFilterTestsEachItemAndAttributesToGetProjectsIt() {
        put(item("pk", s("a"), "n", n(1), "t", s("x")));
        put(item("pk", s("b"), "n", n(5), "t", s("y")));
        put(item("pk", s("c"), "n", n(9), "t", s("z")));

        var items = dynamo.scan(r -> r.tableName(table)
                        .scanFilter(Map.of("n", cond(ComparisonOperator.IN, n(1), n(9), n(7))))
                        .attributesToGet("pk", "t")
                        .select(Select.SPECIFIC_ATTRIBUTES))
                .items();

        assertThat(items).containsExactlyInAnyOrder(item("pk", s("a"), "t", s("x")), item("pk", s("c"), "t", s("z")));
        assertValidationError(
                () -> dynamo.scan(r ->
                        r.tableName(table).scanFilter(Map.of("n", cond(ComparisonOperator.LT, ss("a"))))),
                INVALID + "ComparisonOperator LT is not valid for SS AttributeValue type");
        assertValidationError(
                () -> dynamo.scan(r -> r.tableName(table)
                        .scanFilter(Map.of("n", Condition.builder().build()))),
                "1 validation error detected: Value null at 'scanFilter.n.member.comparisonOperator' failed to satisfy constraint: Member must not be null");
    }

    // ---- mixing legacy and expression parameters

    @Test
    void aLegacyParameterBesideAnExpressionParameterIsRefusedNamingBoth() {
        assertValidationError(
                () -> dynamo.getItem(r -> r.tableName(table)
                        .key(item("pk", s("k")))
                        .attributesToGet("a")
                        .projectionExpression("b")),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
        assertValidationError(
                () -> dynamo.updateItem(r -> r.tableName(table)
                        .key(item("pk", s("k")))
                        .attributeUpdates(Map.of("a", change(AttributeAction.PUT, s("v"))))
                        .expected(Map.of("a", expect(ComparisonOperator.NULL)))
                        .updateExpression("SET a = :v")
                        .conditionExpression("attribute_exists(pk)")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates, Expected} "
                        + "Expression parameters: {UpdateExpression, ConditionExpression}");
        assertValidationError(
                () -> dynamo.scan(r ->
                        r.tableName(table).scanFilter(Map.of("a", eq(s("x")))).projectionExpression("b")),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {ScanFilter} Expression parameters: {ProjectionExpression}");
        assertValidationError(
                () -> dynamo.query(r -> r.tableName(table)
                        .keyConditions(Map.of("pk", eq(s("k"))))
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("k")))),
                "Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}");
    }

    @Test
    void expressionAttributeNamesNeedAnExpression() {
        assertValidationError(
                () -> dynamo.getItem(r -> r.tableName(table)
                        .key(item("pk", s("k")))
                        .attributesToGet("a")
                        .expressionAttributeNames(Map.of("#a", "a"))),
                "ExpressionAttributeNames can only be specified when using expressions");
    }

    @Test
    void expressionAttributeValuesNeedAnExpressionThatTakesValues() {
        assertValidationError(
                () -> dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("k")))
                        .expected(Map.of("a", expect(ComparisonOperator.NULL)))
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null");
        assertValidationError(
                () -> dynamo.updateItem(r -> r.tableName(table)
                        .key(item("pk", s("k")))
                        .attributeUpdates(Map.of("a", change(AttributeAction.PUT, s("v"))))
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "ExpressionAttributeValues can only be specified when using expressions: "
                        + "UpdateExpression and ConditionExpression are null");
        assertValidationError(
                () -> dynamo.query(r -> r.tableName(table)
                        .keyConditions(Map.of("pk", eq(s("k"))))
                        .projectionExpression("a")
                        .expressionAttributeValues(Map.of(":v", s("x")))),
                "ExpressionAttributeValues can only be specified when using expressions: "
                        + "FilterExpression and KeyConditionExpression are null");
    }

    // ---- over raw HTTP: JSON types, and validation before the table is looked up

    @Test
    void aLegacyMemberOfTheWrongJsonTypeIsASerializationException() {
        RawCalls raw = new RawCalls(target.endpoint());

        assertSerializationError(
                raw.call(
                        "PutItem",
                        "{\"TableName\":\"missing-legacy\",\"Item\":{\"pk\":{\"S\":\"a\"}},\"Expected\":[]}"),
                "Unrecognized collection type java.util.Map<java.lang.String, "
                        + "com.amazonaws.dynamodb.v20120810.ExpectedAttributeValue>");
        assertSerializationError(
                raw.call("Scan", "{\"TableName\":\"missing-legacy\",\"AttributesToGet\":{}}"),
                "Start of structure or map found where not expected");
        assertSerializationError(
                raw.call(
                        "Query",
                        "{\"TableName\":\"missing-legacy\",\"KeyConditions\":{\"pk\":"
                                + "{\"ComparisonOperator\":\"EQ\",\"AttributeValueList\":{}}}}"),
                "Start of structure or map found where not expected");
    }

    @Test
    void aLegacyConditionIsCheckedBeforeTheTableIsLookedUp() {
        RawCalls.Answer answer = new RawCalls(target.endpoint())
                .call(
                        "Scan",
                        "{\"TableName\":\"missing-legacy\",\"ScanFilter\":{\"a\":{\"ComparisonOperator\":\"EQ\"}}}");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.type()).as(answer.body()).endsWith("#ValidationException");
        assertThat(answer.json().path("message").asText())
                .as(answer.body())
                .isEqualTo(INVALID + "Invalid number of argument(s) for the EQ ComparisonOperator");
    }

    private static void assertSerializationError(RawCalls.Answer answer, String message) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.type()).as(answer.body()).endsWith("#SerializationException");
        assertThat(answer.json().path("Message").asText()).as(answer.body()).isEqualTo(message);
    }

    // ---- helpers

    private void put(Map<String, AttributeValue> item) {
        dynamo.putItem(r -> r.tableName(table).item(item));
    }

    private Map<String, AttributeValue> get(String pk) {
        return dynamo.getItem(r -> r.tableName(table).key(item("pk", s(pk))).consistentRead(true))
                .item();
    }

    private void update(Map<String, AttributeValueUpdate> updates, Map<String, ExpectedAttributeValue> expected) {
        dynamo.updateItem(r -> r.tableName(table)
                .key(item("pk", s("k")))
                .attributeUpdates(updates.isEmpty() ? null : updates)
                .expected(expected.isEmpty() ? null : expected));
    }

    /** A table keyed by pk (S) and sk (N), holding p/1..5 with a colour and a size. */
    private String numberedTable() {
        String numbered = tables.hashAndRange(ScalarAttributeType.N);
        String[] colours = {"red", "blue", "green", "blue", "green"};
        for (int i = 1; i <= 5; i++) {
            int at = i;
            dynamo.putItem(r -> r.tableName(numbered)
                    .item(item("pk", s("p"), "sk", n(at), "colour", s(colours[at - 1]), "size", n(at))));
        }
        return numbered;
    }

    private List<Map<String, AttributeValue>> query(String tableName, Map<String, Condition> keyConditions) {
        return dynamo.query(r -> r.tableName(tableName).keyConditions(keyConditions))
                .items();
    }

    private static List<Long> sortKeys(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> Long.parseLong(i.get("sk").n())).toList();
    }

    private static Map<String, ExpectedAttributeValue> expectations(String name, ExpectedAttributeValue value) {
        return Map.of(name, value);
    }

    private static ExpectedAttributeValue expectValue(AttributeValue value) {
        return ExpectedAttributeValue.builder().value(value).build();
    }

    private static ExpectedAttributeValue expect(ComparisonOperator operator, AttributeValue... values) {
        ExpectedAttributeValue.Builder builder =
                ExpectedAttributeValue.builder().comparisonOperator(operator);
        if (values.length > 0) builder.attributeValueList(Arrays.asList(values));
        return builder.build();
    }

    private static Condition eq(AttributeValue value) {
        return cond(ComparisonOperator.EQ, value);
    }

    private static Condition cond(ComparisonOperator operator, AttributeValue... values) {
        return Condition.builder()
                .comparisonOperator(operator)
                .attributeValueList(values)
                .build();
    }

    private static AttributeValueUpdate change(AttributeAction action, AttributeValue value) {
        return AttributeValueUpdate.builder().action(action).value(value).build();
    }
}
