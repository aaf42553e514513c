package dev.groundwork.dynamodb.expression;

import java.util.List;

/** The syntax tree of a condition, filter or key condition expression. */
sealed interface ConditionNode {
    /** {@code operator} is one of {@code = <> < <= > >=}. */
    record Comparison(String operator, Operand left, Operand right) implements ConditionNode {}

    record Between(Operand value, Operand lower, Operand upper) implements ConditionNode {}

    record In(Operand value, List<Operand> candidates) implements ConditionNode {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with or contains. */
    record Function(Operand.Call call) implements ConditionNode {}

    record And(ConditionNode left, ConditionNode right) implements ConditionNode {}

    record Or(ConditionNode left, ConditionNode right) implements ConditionNode {}

    record Not(ConditionNode operand) implements ConditionNode {}
}
