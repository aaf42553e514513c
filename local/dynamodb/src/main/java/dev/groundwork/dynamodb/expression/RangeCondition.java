package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.ScalarOrder;
import java.util.List;

/** One condition of a KeyConditionExpression on one key attribute, normalised so the attribute is on the left. */
public record RangeCondition(String attributeName, Operator operator, List<AttributeValue> operands) {
    public enum Operator {
        EQ,
        LT,
        LE,
        GT,
        GE,
        BETWEEN,
        BEGINS_WITH
    }

    public RangeCondition {
        operands = List.copyOf(operands);
        int expected = operator == Operator.BETWEEN ? 2 : 1;
        if (operands.size() != expected) {
            throw new IllegalArgumentException(operator + " takes " + expected + " operand(s), got " + operands.size());
        }
    }

    /** Whether a key value satisfies this condition; values of another type never do. */
    public boolean test(AttributeValue keyValue) {
        AttributeValue first = operands.getFirst();
        if (!keyValue.typeName().equals(first.typeName())) return false;
        return switch (operator) {
            case EQ -> ScalarOrder.compare(keyValue, first) == 0;
            case LT -> ScalarOrder.compare(keyValue, first) < 0;
            case LE -> ScalarOrder.compare(keyValue, first) <= 0;
            case GT -> ScalarOrder.compare(keyValue, first) > 0;
            case GE -> ScalarOrder.compare(keyValue, first) >= 0;
            case BETWEEN ->
                ScalarOrder.compare(keyValue, first) >= 0 && ScalarOrder.compare(keyValue, operands.get(1)) <= 0;
            case BEGINS_WITH ->
                switch (keyValue) {
                    case AttributeValue.S s -> s.value().startsWith(((AttributeValue.S) first).value());
                    case AttributeValue.B b -> b.value().startsWith(((AttributeValue.B) first).value());
                    default -> false;
                };
        };
    }
}
