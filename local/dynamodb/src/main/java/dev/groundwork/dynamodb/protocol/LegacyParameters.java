package dev.groundwork.dynamodb.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.dynamodb.expression.AttributeUpdate;
import dev.groundwork.dynamodb.expression.Condition;
import dev.groundwork.dynamodb.expression.ExpectedValue;
import dev.groundwork.dynamodb.expression.LegacyCondition;
import dev.groundwork.dynamodb.expression.LegacyExpressions;
import dev.groundwork.dynamodb.expression.LegacyKeyConditions;
import dev.groundwork.dynamodb.expression.Projection;
import dev.groundwork.dynamodb.expression.Update;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters DynamoDB kept from before expressions: the one place that knows their names, reads them from a
 * request and applies DynamoDB's rules on mixing them with expression parameters. What they mean is translated by
 * {@link LegacyExpressions} into the expression engine's own trees, so a legacy request is evaluated, charged and
 * answered exactly as the equivalent expression request. A request that uses none of them pays a few map lookups.
 */
final class LegacyParameters {
    static final String EXPECTED = "Expected";
    static final String CONDITIONAL_OPERATOR = "ConditionalOperator";
    static final String ATTRIBUTES_TO_GET = "AttributesToGet";
    static final String ATTRIBUTE_UPDATES = "AttributeUpdates";
    static final String KEY_CONDITIONS = "KeyConditions";
    static final String QUERY_FILTER = "QueryFilter";
    static final String SCAN_FILTER = "ScanFilter";

    /** DynamoDB's enum of ComparisonOperator, in the order its validation message lists it. */
    private static final List<String> COMPARISON_OPERATORS = List.of(
            "IN",
            "NULL",
            "BETWEEN",
            "LT",
            "NOT_CONTAINS",
            "EQ",
            "GT",
            "NOT_NULL",
            "NE",
            "LE",
            "BEGINS_WITH",
            "GE",
            "CONTAINS");

    /**
     * An operation's expression and legacy parameters, each in the order DynamoDB lists them in its "Can not use both"
     * message, and the legacy map that a ConditionalOperator joins (null where there is none). The orders are
     * DynamoDB's answers as captured with the AWS CLI by ExtendDB's conformance tests.
     */
    record Forms(List<String> expressions, List<String> legacy, String joinedByConditionalOperator) {
        /** Whether the request uses any legacy parameter of this operation. */
        boolean usedBy(Request request) {
            for (String name : legacy) {
                if (request.has(name)) return true;
            }
            return false;
        }

        /**
         * DynamoDB's rules on mixing, checked after the member constraints and before anything else: no legacy
         * parameter beside an expression parameter (KeyConditions may go with a FilterExpression or a
         * ProjectionExpression, not with a KeyConditionExpression), placeholders only with an expression, and a
         * ConditionalOperator only with two or more conditions to join. The wording is dynalite's, whose tests were
         * recorded against DynamoDB.
         */
        void check(Request request) {
            List<String> expressionsUsed = present(request, expressions);
            if (!expressionsUsed.isEmpty()) {
                List<String> legacyUsed = present(request, legacy);
                if (!request.has("KeyConditionExpression")) legacyUsed.remove(KEY_CONDITIONS);
                if (!legacyUsed.isEmpty()) {
                    throw DynamoDbException.validation(
                            "Can not use both expression and non-expression parameters in the same request: "
                                    + "Non-expression parameters: {" + String.join(", ", legacyUsed) + "} "
                                    + "Expression parameters: {" + String.join(", ", expressionsUsed) + "}");
                }
            }
            if (expressionsUsed.isEmpty() && request.has("ExpressionAttributeNames")) {
                throw DynamoDbException.validation(
                        "ExpressionAttributeNames can only be specified when using expressions");
            }
            checkValuesHaveAnExpression(request);
            if (joinedByConditionalOperator != null && request.has(CONDITIONAL_OPERATOR)) {
                JsonNode joined = request.node(joinedByConditionalOperator);
                int conditions = joined == null ? 0 : joined.size();
                if (conditions == 0) {
                    throw DynamoDbException.validation("ConditionalOperator cannot be used without Filter or Expected");
                }
                if (conditions == 1) {
                    throw DynamoDbException.validation(
                            "ConditionalOperator can only be used when Filter or Expected has two or more elements");
                }
            }
        }

        /**
         * ExpressionAttributeValues need an expression that takes values (a ProjectionExpression takes none); DynamoDB
         * names the ones missing: "... when using expressions: UpdateExpression and ConditionExpression are null".
         */
        private void checkValuesHaveAnExpression(Request request) {
            if (!request.has("ExpressionAttributeValues")) return;
            List<String> takingValues = new ArrayList<>(expressions);
            takingValues.remove("ProjectionExpression");
            if (takingValues.isEmpty() || !present(request, takingValues).isEmpty()) return;
            throw DynamoDbException.validation(
                    "ExpressionAttributeValues can only be specified when using expressions: "
                            + String.join(" and ", takingValues) + (takingValues.size() > 1 ? " are" : " is")
                            + " null");
        }

        private static List<String> present(Request request, List<String> names) {
            List<String> present = new ArrayList<>(0);
            for (String name : names) {
                if (request.has(name)) present.add(name);
            }
            return present;
        }
    }

    static final Forms GET_ITEM = new Forms(List.of("ProjectionExpression"), List.of(ATTRIBUTES_TO_GET), null);
    static final Forms BATCH_GET = GET_ITEM;
    static final Forms PUT_ITEM =
            new Forms(List.of("ConditionExpression"), List.of(EXPECTED, CONDITIONAL_OPERATOR), EXPECTED);
    static final Forms DELETE_ITEM = PUT_ITEM;
    static final Forms UPDATE_ITEM = new Forms(
            List.of("UpdateExpression", "ConditionExpression"),
            List.of(ATTRIBUTE_UPDATES, EXPECTED, CONDITIONAL_OPERATOR),
            EXPECTED);
    static final Forms QUERY = new Forms(
            List.of("ProjectionExpression", "FilterExpression", "KeyConditionExpression"),
            List.of(ATTRIBUTES_TO_GET, QUERY_FILTER, CONDITIONAL_OPERATOR, KEY_CONDITIONS),
            QUERY_FILTER);
    static final Forms SCAN = new Forms(
            List.of("ProjectionExpression", "FilterExpression"),
            List.of(ATTRIBUTES_TO_GET, SCAN_FILTER, CONDITIONAL_OPERATOR),
            SCAN_FILTER);

    private LegacyParameters() {}

    // ---- reading them, translated into the expression engine

    /** The request's Expected, joined by its ConditionalOperator; null when it has none. */
    static Condition expected(Request request) {
        JsonNode map = request.map(EXPECTED, "ExpectedAttributeValue");
        if (map == null) return null;
        Map<String, ExpectedValue> expected = new LinkedHashMap<>();
        for (var entry : map.properties()) {
            Request value = Request.element(entry.getValue(), "ExpectedAttributeValue");
            JsonNode exists = value.node("Exists");
            expected.put(
                    entry.getKey(),
                    new ExpectedValue(
                            value(value.node("Value")),
                            exists == null ? null : value.bool("Exists", true),
                            value.optionalString("ComparisonOperator"),
                            values(value.list("AttributeValueList"))));
        }
        return LegacyExpressions.expected(expected, request.optionalString(CONDITIONAL_OPERATOR));
    }

    /** A QueryFilter or ScanFilter, joined by the request's ConditionalOperator; null when it has none. */
    static Condition filter(Request request, String field) {
        Map<String, LegacyCondition> conditions = conditions(request, field);
        return conditions == null
                ? null
                : LegacyExpressions.filter(conditions, request.optionalString(CONDITIONAL_OPERATOR));
    }

    /** A Query's KeyConditions, checked as far as they can be before the table is known; null when absent. */
    static LegacyKeyConditions keyConditions(Request request) {
        Map<String, LegacyCondition> conditions = conditions(request, KEY_CONDITIONS);
        return conditions == null ? null : LegacyExpressions.keyConditions(conditions);
    }

    /** The request's AttributesToGet as a projection; null when absent. */
    static Projection attributesToGet(Request request) {
        JsonNode names = request.list(ATTRIBUTES_TO_GET);
        if (names == null) return null;
        List<String> list = new ArrayList<>(names.size());
        for (JsonNode name : names) list.add(Request.string(name));
        return LegacyExpressions.attributesToGet(list);
    }

    /** The request's AttributeUpdates as an update; null when absent. */
    static Update attributeUpdates(Request request) {
        JsonNode map = request.map(ATTRIBUTE_UPDATES, "AttributeValueUpdate");
        if (map == null) return null;
        Map<String, AttributeUpdate> updates = new LinkedHashMap<>();
        for (var entry : map.properties()) {
            Request update = Request.element(entry.getValue(), "AttributeValueUpdate");
            updates.put(
                    entry.getKey(), new AttributeUpdate(update.optionalString("Action"), value(update.node("Value"))));
        }
        return LegacyExpressions.attributeUpdates(updates);
    }

    private static Map<String, LegacyCondition> conditions(Request request, String field) {
        JsonNode map = request.map(field, "Condition");
        if (map == null) return null;
        Map<String, LegacyCondition> conditions = new LinkedHashMap<>();
        for (var entry : map.properties()) {
            Request condition = Request.element(entry.getValue(), "Condition");
            List<AttributeValue> values = values(condition.list("AttributeValueList"));
            conditions.put(
                    entry.getKey(),
                    new LegacyCondition(
                            condition.optionalString("ComparisonOperator"), values == null ? List.of() : values));
        }
        return conditions;
    }

    /** The JSON types of a value, and only those: the read phase of the member constraints. */
    private static void checkValueTypes(JsonNode node, boolean member) {
        if (node != null) AttributeValues.checkTypes(node, member);
    }

    private static void checkValueListTypes(JsonNode list) {
        if (list != null) list.forEach(element -> AttributeValues.checkTypes(element, false));
    }

    private static AttributeValue value(JsonNode node) {
        return node == null ? null : AttributeValues.fromJson(node);
    }

    private static List<AttributeValue> values(JsonNode list) {
        if (list == null) return null;
        List<AttributeValue> values = new ArrayList<>(list.size());
        for (JsonNode element : list) values.add(AttributeValues.fromJson(element));
        return values;
    }

    // ---- their member constraints, for the operations' Constraints in DynamoDB's member order

    /** ConditionalOperator: AND or OR. */
    static Constraints.Member conditionalOperator() {
        return Constraints.oneOf(CONDITIONAL_OPERATOR, "OR", "AND");
    }

    /** A map of Condition (KeyConditions, QueryFilter, ScanFilter): each needs a ComparisonOperator from the enum. */
    static Constraints.Member conditionMap(String field) {
        return new Constraints.Member() {
            @Override
            public void read(Request request) {
                JsonNode map = request.map(field, "Condition");
                if (map == null) return;
                for (var entry : map.properties()) {
                    Request condition = Request.element(entry.getValue(), "Condition");
                    checkValueListTypes(condition.list("AttributeValueList"));
                    condition.optionalString("ComparisonOperator");
                }
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode map = request.node(field);
                if (map == null) return;
                for (var entry : map.properties()) {
                    String member = Request.member(field) + "." + entry.getKey() + ".member.comparisonOperator";
                    JsonNode operator = entry.getValue().get("ComparisonOperator");
                    if (operator == null || operator.isNull()) {
                        violations.add(Constraints.violation("null", member, "Member must not be null"));
                    } else {
                        checkOperator(operator.textValue(), member, violations);
                    }
                }
            }
        };
    }

    /** Expected: a ComparisonOperator, when given, from the enum. */
    static Constraints.Member expectedMap() {
        return new Constraints.Member() {
            @Override
            public void read(Request request) {
                JsonNode map = request.map(EXPECTED, "ExpectedAttributeValue");
                if (map == null) return;
                for (var entry : map.properties()) {
                    Request value = Request.element(entry.getValue(), "ExpectedAttributeValue");
                    checkValueTypes(value.node("Value"), true);
                    value.bool("Exists", true);
                    value.optionalString("ComparisonOperator");
                    checkValueListTypes(value.list("AttributeValueList"));
                }
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode map = request.node(EXPECTED);
                if (map == null) return;
                for (var entry : map.properties()) {
                    JsonNode operator = entry.getValue().get("ComparisonOperator");
                    if (operator != null && !operator.isNull()) {
                        checkOperator(
                                operator.textValue(),
                                "expected." + entry.getKey() + ".member.comparisonOperator",
                                violations);
                    }
                }
            }
        };
    }

    /** AttributeUpdates: an Action, when given, of AWS's AttributeAction enum. */
    static Constraints.Member attributeUpdatesMap() {
        return new Constraints.Member() {
            @Override
            public void read(Request request) {
                JsonNode map = request.map(ATTRIBUTE_UPDATES, "AttributeValueUpdate");
                if (map == null) return;
                for (var entry : map.properties()) {
                    Request update = Request.element(entry.getValue(), "AttributeValueUpdate");
                    update.optionalString("Action");
                    checkValueTypes(update.node("Value"), true);
                }
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode map = request.node(ATTRIBUTE_UPDATES);
                if (map == null) return;
                for (var entry : map.properties()) {
                    JsonNode action = entry.getValue().get("Action");
                    if (action == null || action.isNull()) continue;
                    String value = action.textValue();
                    if (!value.equals("ADD") && !value.equals("PUT") && !value.equals("DELETE")) {
                        violations.add(Constraints.violation(
                                Constraints.quoted(value),
                                "attributeUpdates." + entry.getKey() + ".member.action",
                                "Member must satisfy enum value set: [ADD, PUT, DELETE]"));
                    }
                }
            }
        };
    }

    /** AttributesToGet: a list of 1 to 255 names. */
    static Constraints.Member attributesToGetList() {
        return new Constraints.Member() {
            @Override
            public void read(Request request) {
                JsonNode names = request.list(ATTRIBUTES_TO_GET);
                if (names != null) names.forEach(Request::string);
            }

            @Override
            public void check(Request request, List<String> violations) {
                JsonNode names = request.node(ATTRIBUTES_TO_GET);
                if (names == null) return;
                if (names.isEmpty() || names.size() > 255) {
                    List<String> list = new ArrayList<>();
                    names.forEach(name -> list.add(name.textValue()));
                    violations.add(Constraints.violation(
                            Constraints.quoted("[" + String.join(", ", list) + "]"),
                            "attributesToGet",
                            names.isEmpty()
                                    ? "Member must have length greater than or equal to 1"
                                    : "Member must have length less than or equal to 255"));
                }
            }
        };
    }

    private static void checkOperator(String operator, String member, List<String> violations) {
        if (!COMPARISON_OPERATORS.contains(operator)) {
            violations.add(Constraints.violation(
                    Constraints.quoted(operator),
                    member,
                    "Member must satisfy enum value set: [" + String.join(", ", COMPARISON_OPERATORS) + "]"));
        }
    }
}
