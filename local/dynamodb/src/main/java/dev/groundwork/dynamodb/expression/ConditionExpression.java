package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A parsed ConditionExpression or FilterExpression. */
final class ConditionExpression implements Condition {
    private final ConditionNode root;
    private final Set<String> topLevelNames;

    ConditionExpression(ConditionNode root) {
        this.root = root;
        Set<String> names = new LinkedHashSet<>();
        collectNames(root, names);
        this.topLevelNames = Collections.unmodifiableSet(names);
    }

    @Override
    public boolean test(Map<String, AttributeValue> item) {
        return Evaluation.test(root, item);
    }

    @Override
    public Set<String> topLevelNames() {
        return topLevelNames;
    }

    private static void collectNames(ConditionNode node, Set<String> names) {
        switch (node) {
            case ConditionNode.And and -> {
                collectNames(and.left(), names);
                collectNames(and.right(), names);
            }
            case ConditionNode.Or or -> {
                collectNames(or.left(), names);
                collectNames(or.right(), names);
            }
            case ConditionNode.Not not -> collectNames(not.operand(), names);
            case ConditionNode.Comparison comparison -> {
                collectNames(comparison.left(), names);
                collectNames(comparison.right(), names);
            }
            case ConditionNode.Between between -> {
                collectNames(between.value(), names);
                collectNames(between.lower(), names);
                collectNames(between.upper(), names);
            }
            case ConditionNode.In in -> {
                collectNames(in.value(), names);
                in.candidates().forEach(candidate -> collectNames(candidate, names));
            }
            case ConditionNode.Function function -> collectNames(function.call(), names);
        }
    }

    private static void collectNames(Operand operand, Set<String> names) {
        switch (operand) {
            case Operand.Path path -> names.add(path.path().topLevelName());
            case Operand.Call call -> call.arguments().forEach(argument -> collectNames(argument, names));
            case Operand.Arithmetic arithmetic -> {
                collectNames(arithmetic.left(), names);
                collectNames(arithmetic.right(), names);
            }
            case Operand.Literal ignored -> {}
        }
    }
}
