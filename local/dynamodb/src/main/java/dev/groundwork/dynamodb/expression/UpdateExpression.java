package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.Bytes;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Nesting;
import dev.groundwork.dynamodb.model.Numbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed UpdateExpression. As on DynamoDB, every SET value is computed from the item as it was before the update,
 * list indexes refer to the list as it was ({@code REMOVE a[0], a[1]} removes the first two elements), and a result
 * nested deeper than DynamoDB stores is rejected.
 */
final class UpdateExpression implements Update {
    static final String INVALID_PATH = "The document path provided in the update expression is invalid for update";
    static final String WRONG_TYPE = "An operand in the update expression has an incorrect data type";
    static final String MISSING_OPERAND =
            "The provided expression refers to an attribute that does not exist in the item";

    private final List<UpdateAction> actions;
    private final Set<String> topLevelNames;
    private final Projection updatedPaths;
    /** What an ADD or DELETE answers for a value of the wrong type: the legacy AttributeUpdates word it their own way. */
    private final String wrongTypeMessage;

    UpdateExpression(List<UpdateAction> actions) {
        this(actions, WRONG_TYPE);
    }

    UpdateExpression(List<UpdateAction> actions, String wrongTypeMessage) {
        this.actions = List.copyOf(actions);
        this.wrongTypeMessage = wrongTypeMessage;
        this.updatedPaths = new ProjectionExpression(
                actions.stream().map(UpdateAction::path).toList());
        Set<String> names = new LinkedHashSet<>();
        actions.forEach(action -> names.add(action.path().topLevelName()));
        this.topLevelNames = Collections.unmodifiableSet(names);
    }

    @Override
    public Set<String> topLevelNamesTouched() {
        return topLevelNames;
    }

    @Override
    public Projection updatedPaths() {
        return updatedPaths;
    }

    @Override
    public Map<String, AttributeValue> apply(Map<String, AttributeValue> item) {
        List<AttributeValue> setValues = new ArrayList<>();
        for (UpdateAction action : actions) {
            if (action instanceof UpdateAction.Set set) setValues.add(evaluate(set.value(), item));
        }
        MutableDocument document = new MutableDocument(item);
        int nextSetValue = 0;
        for (UpdateAction action : actions) {
            switch (action) {
                case UpdateAction.Set set -> document.put(set.path(), setValues.get(nextSetValue++));
                case UpdateAction.Remove remove -> document.remove(remove.path());
                case UpdateAction.Add add ->
                    add(document, add.path(), add.value().value());
                case UpdateAction.Delete delete ->
                    delete(document, delete.path(), delete.value().value());
            }
        }
        Map<String, AttributeValue> updated = document.toItem();
        for (String name : topLevelNames) {
            AttributeValue value = updated.get(name);
            if (value != null) Nesting.check(value);
        }
        return updated;
    }

    private static AttributeValue evaluate(Operand operand, Map<String, AttributeValue> item) {
        return switch (operand) {
            case Operand.Literal literal -> literal.value();
            case Operand.Path path ->
                path.path().find(item).orElseThrow(() -> DynamoDbException.validation(MISSING_OPERAND));
            case Operand.Arithmetic arithmetic -> {
                BigDecimal left = number(evaluate(arithmetic.left(), item));
                BigDecimal right = number(evaluate(arithmetic.right(), item));
                yield new AttributeValue.N(
                        arithmetic.operator() == '+' ? Numbers.add(left, right) : Numbers.subtract(left, right));
            }
            case Operand.Call call
            when call.function().equals("if_not_exists") -> {
                DocumentPath path = ((Operand.Path) call.arguments().getFirst()).path();
                yield path.find(item).orElseGet(() -> evaluate(call.arguments().get(1), item));
            }
            case Operand.Call call
            when call.function().equals("list_append") -> {
                List<AttributeValue> appended =
                        new ArrayList<>(list(evaluate(call.arguments().get(0), item)));
                appended.addAll(list(evaluate(call.arguments().get(1), item)));
                yield new AttributeValue.L(appended);
            }
            case Operand.Call call -> throw new IllegalStateException("Not an update function: " + call.function());
        };
    }

    private static BigDecimal number(AttributeValue value) {
        if (value instanceof AttributeValue.N n) return n.value();
        throw DynamoDbException.validation(WRONG_TYPE);
    }

    private static List<AttributeValue> list(AttributeValue value) {
        if (value instanceof AttributeValue.L l) return l.values();
        throw DynamoDbException.validation(WRONG_TYPE);
    }

    /** ADD: creates the number or set when missing, adds to a number, unites with a set of the same type. */
    private void add(MutableDocument document, DocumentPath path, AttributeValue operand) {
        AttributeValue existing = document.get(path);
        if (existing == null) {
            document.put(path, operand);
            return;
        }
        AttributeValue sum = switch (existing) {
            case AttributeValue.N n
            when operand instanceof AttributeValue.N o -> new AttributeValue.N(Numbers.add(n.value(), o.value()));
            case AttributeValue.SS s
            when operand instanceof AttributeValue.SS o -> new AttributeValue.SS(union(s.values(), o.values()));
            case AttributeValue.NS s
            when operand instanceof AttributeValue.NS o -> new AttributeValue.NS(union(s.values(), o.values()));
            case AttributeValue.BS s
            when operand instanceof AttributeValue.BS o -> new AttributeValue.BS(union(s.values(), o.values()));
            // Only AttributeUpdates' ADD takes a list (the parser refuses one in an UpdateExpression): it appends.
            case AttributeValue.L l
            when operand instanceof AttributeValue.L o -> new AttributeValue.L(appended(l.values(), o.values()));
            default -> throw DynamoDbException.validation(wrongTypeMessage);
        };
        document.put(path, sum);
    }

    /** DELETE: removes members from a set of the same type, and the attribute once its set is empty. */
    private void delete(MutableDocument document, DocumentPath path, AttributeValue operand) {
        AttributeValue existing = document.get(path);
        if (existing == null) return;
        Set<?> remaining = switch (existing) {
            case AttributeValue.SS s when operand instanceof AttributeValue.SS o -> difference(s.values(), o.values());
            case AttributeValue.NS s when operand instanceof AttributeValue.NS o -> difference(s.values(), o.values());
            case AttributeValue.BS s when operand instanceof AttributeValue.BS o -> difference(s.values(), o.values());
            default -> throw DynamoDbException.validation(wrongTypeMessage);
        };
        if (remaining.isEmpty()) {
            document.remove(path);
            return;
        }
        document.put(path, rebuild(existing, remaining));
    }

    @SuppressWarnings("unchecked")
    private static AttributeValue rebuild(AttributeValue set, Set<?> members) {
        return switch (set) {
            case AttributeValue.SS ignored -> new AttributeValue.SS((Set<String>) members);
            case AttributeValue.NS ignored -> new AttributeValue.NS((Set<BigDecimal>) members);
            case AttributeValue.BS ignored -> new AttributeValue.BS((Set<Bytes>) members);
            default -> throw new IllegalStateException(set.typeName());
        };
    }

    private static List<AttributeValue> appended(List<AttributeValue> a, List<AttributeValue> b) {
        List<AttributeValue> appended = new ArrayList<>(a);
        appended.addAll(b);
        return appended;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return union;
    }

    private static <T> Set<T> difference(Set<T> a, Set<T> b) {
        Set<T> difference = new LinkedHashSet<>(a);
        difference.removeAll(b);
        return difference;
    }
}
