package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.ScalarOrder;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Evaluates conditions against an item with DynamoDB's semantics: an operand that does not exist makes a comparison
 * false (and {@code <>} true), values of different types are never equal or ordered, and only N, S and B are ordered.
 */
final class Evaluation {
    private Evaluation() {}

    static boolean test(ConditionNode node, Map<String, AttributeValue> item) {
        return switch (node) {
            case ConditionNode.And and -> test(and.left(), item) && test(and.right(), item);
            case ConditionNode.Or or -> test(or.left(), item) || test(or.right(), item);
            case ConditionNode.Not not -> !test(not.operand(), item);
            case ConditionNode.Comparison comparison -> compare(comparison, item);
            case ConditionNode.Between between -> between(between, item);
            case ConditionNode.In in -> in(in, item);
            case ConditionNode.Function function -> function(function.call(), item);
        };
    }

    /** The value of a condition operand: a path's value, a placeholder's value, or size(). */
    static Optional<AttributeValue> value(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.Path path -> path.path().find(item);
            case Operand.Literal literal -> Optional.of(literal.value());
            case Operand.Call call
            when call.function().equals("size") ->
                value(call.arguments().getFirst(), item).flatMap(Evaluation::size);
            case Operand.Call call -> throw new IllegalStateException("Not a value: " + call.function());
            case Operand.Arithmetic arithmetic ->
                throw new IllegalStateException("Arithmetic outside SET: " + arithmetic);
        };
    }

    /** size(): UTF-16 units of a string (as AWS counts), bytes of a binary, members of a set, list or map. */
    private static Optional<AttributeValue> size(AttributeValue value) {
        long size = switch (value) {
            case AttributeValue.S s -> s.value().length();
            case AttributeValue.B b -> b.value().length();
            case AttributeValue.SS ss -> ss.values().size();
            case AttributeValue.NS ns -> ns.values().size();
            case AttributeValue.BS bs -> bs.values().size();
            case AttributeValue.L l -> l.values().size();
            case AttributeValue.M m -> m.values().size();
            default -> -1;
        };
        return size < 0 ? Optional.empty() : Optional.of(new AttributeValue.N(BigDecimal.valueOf(size)));
    }

    private static boolean compare(ConditionNode.Comparison comparison, Map<String, AttributeValue> item) {
        Optional<AttributeValue> left = value(comparison.left(), item);
        Optional<AttributeValue> right = value(comparison.right(), item);
        if (comparison.operator().equals("<>")) {
            return left.isEmpty() || right.isEmpty() || !left.get().equals(right.get());
        }
        if (left.isEmpty() || right.isEmpty()) return false;
        if (comparison.operator().equals("=")) return left.get().equals(right.get());
        if (!ordered(left.get(), right.get())) return false;
        int order = ScalarOrder.compare(left.get(), right.get());
        return switch (comparison.operator()) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            case ">=" -> order >= 0;
            default -> throw new IllegalStateException(comparison.operator());
        };
    }

    private static boolean ordered(AttributeValue a, AttributeValue b) {
        return a.typeName().equals(b.typeName()) && ScalarOrder.isOrdered(a);
    }

    private static boolean between(ConditionNode.Between between, Map<String, AttributeValue> item) {
        Optional<AttributeValue> value = value(between.value(), item);
        Optional<AttributeValue> lower = value(between.lower(), item);
        Optional<AttributeValue> upper = value(between.upper(), item);
        if (value.isEmpty() || lower.isEmpty() || upper.isEmpty()) return false;
        if (!ordered(value.get(), lower.get()) || !ordered(value.get(), upper.get())) return false;
        return ScalarOrder.compare(value.get(), lower.get()) >= 0 && ScalarOrder.compare(value.get(), upper.get()) <= 0;
    }

    private static boolean in(ConditionNode.In in, Map<String, AttributeValue> item) {
        Optional<AttributeValue> value = value(in.value(), item);
        if (value.isEmpty()) return false;
        for (Operand candidate : in.candidates()) {
            if (value(candidate, item).filter(value.get()::equals).isPresent()) return true;
        }
        return false;
    }

    private static boolean function(Operand.Call call, Map<String, AttributeValue> item) {
        List<Operand> arguments = call.arguments();
        return switch (call.function()) {
            case "attribute_exists" -> value(arguments.getFirst(), item).isPresent();
            case "attribute_not_exists" -> value(arguments.getFirst(), item).isEmpty();
            case "attribute_type" ->
                value(arguments.get(0), item)
                        .flatMap(value -> value(arguments.get(1), item).map(type -> hasType(value, type)))
                        .orElse(false);
            case "begins_with" ->
                value(arguments.get(0), item)
                        .flatMap(value -> value(arguments.get(1), item).map(prefix -> beginsWith(value, prefix)))
                        .orElse(false);
            case "contains" ->
                value(arguments.get(0), item)
                        .flatMap(value -> value(arguments.get(1), item).map(part -> contains(value, part)))
                        .orElse(false);
            default -> throw new IllegalStateException("Not a condition function: " + call.function());
        };
    }

    private static boolean hasType(AttributeValue value, AttributeValue typeName) {
        return typeName instanceof AttributeValue.S name && name.value().equals(value.typeName());
    }

    private static boolean beginsWith(AttributeValue value, AttributeValue prefix) {
        return switch (value) {
            case AttributeValue.S s
            when prefix instanceof AttributeValue.S p -> s.value().startsWith(p.value());
            case AttributeValue.B b
            when prefix instanceof AttributeValue.B p -> b.value().startsWith(p.value());
            default -> false;
        };
    }

    /** contains(): a substring of a string, a byte run of a binary, a member of a set or an element of a list. */
    private static boolean contains(AttributeValue value, AttributeValue part) {
        return switch (value) {
            case AttributeValue.S s
            when part instanceof AttributeValue.S p -> s.value().contains(p.value());
            case AttributeValue.B b
            when part instanceof AttributeValue.B p -> b.value().contains(p.value());
            case AttributeValue.SS ss
            when part instanceof AttributeValue.S p -> ss.values().contains(p.value());
            case AttributeValue.NS ns
            when part instanceof AttributeValue.N p -> ns.values().contains(p.value());
            case AttributeValue.BS bs
            when part instanceof AttributeValue.B p -> bs.values().contains(p.value());
            case AttributeValue.L l -> l.values().contains(part);
            default -> false;
        };
    }
}
