package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.ScalarOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second front end of the expression engine: DynamoDB's legacy parameters (Expected, QueryFilter, ScanFilter,
 * KeyConditions, AttributesToGet, AttributeUpdates) translated into the same syntax trees that {@link Expressions}
 * parses, so that one evaluator answers both. Each method checks its parameter as DynamoDB does and throws a
 * ValidationException in DynamoDB's words; the rules and the wording are those of the API reference (Condition,
 * ExpectedAttributeValue, AttributeValueUpdate) as recorded by dynalite's tests against DynamoDB.
 */
public final class LegacyExpressions {
    private static final String INVALID = "One or more parameter values were invalid: ";

    private LegacyExpressions() {}

    /**
     * An {@code Expected} map as a condition, its entries joined by {@code ConditionalOperator} (AND when null); null
     * when the map is empty, which DynamoDB treats as no condition.
     */
    public static Condition expected(Map<String, ExpectedValue> expected, String conditionalOperator) {
        List<ConditionNode> tests = new ArrayList<>(expected.size());
        expected.forEach((name, entry) -> tests.add(expectedTest(name, entry)));
        return joined(tests, conditionalOperator);
    }

    /** A QueryFilter or ScanFilter as a condition, joined by {@code ConditionalOperator}; null when empty. */
    public static Condition filter(Map<String, LegacyCondition> filter, String conditionalOperator) {
        List<ConditionNode> tests = new ArrayList<>(filter.size());
        filter.forEach((name, condition) -> {
            checkCondition(condition);
            tests.add(test(name, condition.comparisonOperator(), condition.attributeValueList()));
        });
        return joined(tests, conditionalOperator);
    }

    /** A Query's KeyConditions, checked as far as they can be without the table; bind them with the key schema. */
    public static LegacyKeyConditions keyConditions(Map<String, LegacyCondition> conditions) {
        conditions.values().forEach(LegacyExpressions::checkCondition);
        checkKeyConditionCount(conditions.size());
        return new LegacyKeyConditions(conditions);
    }

    /** A key has one or two attributes, so a Query has one or two key conditions, however they are written. */
    static void checkKeyConditionCount(int conditions) {
        if (conditions != 1 && conditions != 2)
            throw DynamoDbException.validation("Conditions can be of length 1 or 2 only");
    }

    /** AttributesToGet: a projection of whole top-level attributes, named literally (a dot is part of the name). */
    public static Projection attributesToGet(List<String> names) {
        Set<String> seen = new HashSet<>();
        List<DocumentPath> paths = new ArrayList<>(names.size());
        for (String name : names) {
            if (!seen.add(name))
                throw DynamoDbException.validation(INVALID + "Duplicate value in attribute name: " + name);
            paths.add(topLevel(name));
        }
        return new ProjectionExpression(paths);
    }

    /**
     * AttributeUpdates as an update: PUT is SET, DELETE without a value is REMOVE, DELETE with a set removes its members,
     * ADD adds to a number or a set (and, unlike the ADD of an UpdateExpression, appends to a list).
     */
    public static Update attributeUpdates(Map<String, AttributeUpdate> updates) {
        List<UpdateAction> actions = new ArrayList<>(updates.size());
        updates.forEach((name, update) -> actions.add(action(name, update)));
        return new UpdateExpression(actions, "Type mismatch for attribute to update");
    }

    private static UpdateAction action(String name, AttributeUpdate update) {
        String action = update.action() == null ? "PUT" : update.action();
        AttributeValue value = update.value();
        DocumentPath path = topLevel(name);
        if (value == null) {
            if (!action.equals("DELETE")) {
                throw DynamoDbException.validation(
                        INVALID + "Only DELETE action is allowed when no attribute value is specified");
            }
            return new UpdateAction.Remove(path);
        }
        String type = value.typeName();
        return switch (action) {
            case "DELETE" -> {
                if (!isSet(type)) {
                    throw DynamoDbException.validation(
                            INVALID + "DELETE action with value is not supported for the type " + type);
                }
                yield new UpdateAction.Delete(path, literal(value));
            }
            case "ADD" -> {
                if (!isSet(type) && !type.equals("N") && !type.equals("L")) {
                    throw DynamoDbException.validation(INVALID + "ADD action is not supported for the type " + type);
                }
                yield new UpdateAction.Add(path, literal(value));
            }
            default -> new UpdateAction.Set(path, literal(value));
        };
    }

    private static boolean isSet(String type) {
        return type.equals("SS") || type.equals("NS") || type.equals("BS");
    }

    /** One Expected entry, in either of its forms, after DynamoDB's checks of which members go together. */
    private static ConditionNode expectedTest(String name, ExpectedValue entry) {
        List<AttributeValue> list = entry.attributeValueList();
        AttributeValue value = entry.value();
        if (list != null && value != null) {
            throw DynamoDbException.validation(
                    INVALID + "Value and AttributeValueList cannot be used together for Attribute: " + name);
        }
        String operator = entry.comparisonOperator();
        if (operator != null) {
            if (entry.exists() != null) {
                throw DynamoDbException.validation(
                        INVALID + "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
            }
            if (!operator.equals("NULL") && !operator.equals("NOT_NULL") && list == null && value == null) {
                throw DynamoDbException.validation(INVALID + "Value or AttributeValueList must be used with "
                        + "ComparisonOperator: " + operator + " for Attribute: " + name);
            }
            List<AttributeValue> operands = list != null ? list : value != null ? List.of(value) : List.of();
            checkArity(operator, operands);
            checkSameType(operands);
            checkBetweenBounds(operator, operands);
            return test(name, operator, operands);
        }
        if (list != null) {
            throw DynamoDbException.validation(
                    INVALID + "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
        }
        boolean exists = entry.exists() == null || entry.exists();
        if (exists && value == null) {
            throw DynamoDbException.validation(
                    INVALID + "Value must be provided when Exists is " + entry.exists() + " for Attribute: " + name);
        }
        if (!exists && value != null) {
            throw DynamoDbException.validation(
                    INVALID + "Value cannot be used when Exists is false for Attribute: " + name);
        }
        return exists ? test(name, "EQ", List.of(value)) : test(name, "NULL", List.of());
    }

    /** A Condition's checks, in DynamoDB's order: arity, one type, the types the operator takes, BETWEEN's bounds. */
    static void checkCondition(LegacyCondition condition) {
        String operator = condition.comparisonOperator();
        List<AttributeValue> operands = condition.attributeValueList();
        checkArity(operator, operands);
        checkSameType(operands);
        for (AttributeValue operand : operands) {
            if (!takes(operator, operand.typeName())) {
                throw DynamoDbException.validation(INVALID + "ComparisonOperator " + operator + " is not valid for "
                        + operand.typeName() + " AttributeValue type");
            }
        }
        checkBetweenBounds(operator, operands);
    }

    private static void checkArity(String operator, List<AttributeValue> operands) {
        int count = operands.size();
        boolean valid = switch (operator) {
            case "NULL", "NOT_NULL" -> count == 0;
            case "IN" -> count >= 1;
            case "BETWEEN" -> count == 2;
            default -> count == 1;
        };
        if (!valid) {
            throw DynamoDbException.validation(
                    INVALID + "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
    }

    private static void checkSameType(List<AttributeValue> operands) {
        for (AttributeValue operand : operands) {
            if (!operand.typeName().equals(operands.getFirst().typeName())) {
                throw DynamoDbException.validation(
                        INVALID + "AttributeValues inside AttributeValueList must be of same type");
            }
        }
    }

    private static void checkBetweenBounds(String operator, List<AttributeValue> operands) {
        if (operator.equals("BETWEEN")
                && ScalarOrder.isOrdered(operands.get(0))
                && ScalarOrder.compare(operands.get(0), operands.get(1)) > 0) {
            throw DynamoDbException.validation(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    /** The AttributeValue types each operator takes in a Condition (the API reference's Condition). */
    private static boolean takes(String operator, String type) {
        boolean scalar = type.equals("S") || type.equals("N") || type.equals("B");
        return switch (operator) {
            case "EQ", "NE" -> scalar || isSet(type);
            case "BEGINS_WITH" -> type.equals("S") || type.equals("B");
            default -> scalar;
        };
    }

    /** A legacy comparison as the node the expression with the same meaning parses to. */
    private static ConditionNode test(String name, String operator, List<AttributeValue> operands) {
        Operand path = new Operand.Path(topLevel(name));
        return switch (operator) {
            case "EQ" -> new ConditionNode.Comparison("=", path, literal(operands.getFirst()));
            case "NE" -> new ConditionNode.Comparison("<>", path, literal(operands.getFirst()));
            case "LT" -> new ConditionNode.Comparison("<", path, literal(operands.getFirst()));
            case "LE" -> new ConditionNode.Comparison("<=", path, literal(operands.getFirst()));
            case "GT" -> new ConditionNode.Comparison(">", path, literal(operands.getFirst()));
            case "GE" -> new ConditionNode.Comparison(">=", path, literal(operands.getFirst()));
            case "NOT_NULL" -> call("attribute_exists", path);
            case "NULL" -> call("attribute_not_exists", path);
            case "CONTAINS" -> call("contains", path, literal(operands.getFirst()));
            // NOT_CONTAINS is true of a missing attribute, as NOT contains(...) is.
            case "NOT_CONTAINS" -> new ConditionNode.Not(call("contains", path, literal(operands.getFirst())));
            case "BEGINS_WITH" -> call("begins_with", path, literal(operands.getFirst()));
            case "IN" ->
                new ConditionNode.In(
                        path,
                        operands.stream()
                                .map(LegacyExpressions::literal)
                                .map(Operand.class::cast)
                                .toList());
            case "BETWEEN" -> new ConditionNode.Between(path, literal(operands.get(0)), literal(operands.get(1)));
            default -> throw new IllegalArgumentException("Not a ComparisonOperator: " + operator);
        };
    }

    private static ConditionNode call(String function, Operand... arguments) {
        return new ConditionNode.Function(new Operand.Call(function, List.of(arguments)));
    }

    private static Condition joined(List<ConditionNode> tests, String conditionalOperator) {
        if (tests.isEmpty()) return null;
        boolean or = "OR".equals(conditionalOperator);
        ConditionNode root = tests.getFirst();
        for (ConditionNode test : tests.subList(1, tests.size())) {
            root = or ? new ConditionNode.Or(root, test) : new ConditionNode.And(root, test);
        }
        return new ConditionExpression(root);
    }

    static DocumentPath topLevel(String name) {
        return new DocumentPath(List.of(new DocumentPath.Key(name)));
    }

    /** Legacy values have no placeholder; the attribute's value stands in the literal's place. */
    private static Operand.Literal literal(AttributeValue value) {
        return new Operand.Literal(":legacy", value);
    }
}
