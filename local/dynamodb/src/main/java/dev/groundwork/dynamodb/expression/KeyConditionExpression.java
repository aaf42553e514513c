package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.RangeCondition.Operator;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed KeyConditionExpression: conditions on top-level attributes joined by AND, each {@code =, <, <=, >, >=},
 * BETWEEN or begins_with with the attribute on one side and a value on the other.
 */
final class KeyConditionExpression implements KeyCondition {
    private final List<RangeCondition> conditions;

    private KeyConditionExpression(List<RangeCondition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    /** Checks a parsed condition against the key condition rules, with AWS's messages. */
    static KeyConditionExpression of(ConditionNode root) {
        Map<String, RangeCondition> byName = new LinkedHashMap<>();
        collect(root, byName);
        // No key has more than two attributes, so DynamoDB refuses a third condition before it looks for the table,
        // in the words it uses for KeyConditions (dynalite's query validations, recorded against DynamoDB).
        LegacyExpressions.checkKeyConditionCount(byName.size());
        return new KeyConditionExpression(new ArrayList<>(byName.values()));
    }

    @Override
    public List<RangeCondition> conditions() {
        return conditions;
    }

    /** Without a schema, the partition key is the first attribute tested with {@code =}. */
    @Override
    public String hashKeyName() {
        return hash().attributeName();
    }

    @Override
    public AttributeValue hashValue() {
        return hash().operands().getFirst();
    }

    @Override
    public Optional<RangeCondition> range() {
        RangeCondition hash = hash();
        return conditions.stream().filter(condition -> condition != hash).findFirst();
    }

    private RangeCondition hash() {
        return conditions.stream()
                .filter(c -> c.operator() == Operator.EQ)
                .findFirst()
                .orElse(conditions.getFirst());
    }

    @Override
    public KeyCondition forKeySchema(String hashKeyName, Optional<String> rangeKeyName) {
        int keyAttributes = rangeKeyName.isPresent() ? 2 : 1;
        if (conditions.size() > keyAttributes) {
            throw DynamoDbException.validation("The number of query conditions (" + conditions.size()
                    + ") exceeds the number of key attributes defined in the schema (" + keyAttributes + ")");
        }
        RangeCondition hash = conditions.stream()
                .filter(c -> c.attributeName().equals(hashKeyName))
                .findFirst()
                .orElseThrow(() ->
                        DynamoDbException.validation("Query condition missed key schema element: " + hashKeyName));
        if (hash.operator() != Operator.EQ) throw DynamoDbException.validation("Query key condition not supported");
        Optional<RangeCondition> range =
                conditions.stream().filter(condition -> condition != hash).findFirst();
        if (range.isPresent() && !range.get().attributeName().equals(rangeKeyName.orElseThrow())) {
            throw DynamoDbException.validation("Query condition missed key schema element: " + rangeKeyName.get());
        }
        return new Bound(hash, range);
    }

    /** Conditions bound to a key schema: the partition key's is known for certain. */
    record Bound(RangeCondition hash, Optional<RangeCondition> rangeCondition) implements KeyCondition {
        @Override
        public List<RangeCondition> conditions() {
            List<RangeCondition> all = new ArrayList<>(List.of(hash));
            rangeCondition.ifPresent(all::add);
            return all;
        }

        @Override
        public String hashKeyName() {
            return hash.attributeName();
        }

        @Override
        public AttributeValue hashValue() {
            return hash.operands().getFirst();
        }

        @Override
        public Optional<RangeCondition> range() {
            return rangeCondition;
        }

        @Override
        public KeyCondition forKeySchema(String hashKeyName, Optional<String> rangeKeyName) {
            return new KeyConditionExpression(conditions()).forKeySchema(hashKeyName, rangeKeyName);
        }
    }

    private static void collect(ConditionNode node, Map<String, RangeCondition> byName) {
        RangeCondition condition = switch (node) {
            case ConditionNode.And and -> {
                collect(and.left(), byName);
                collect(and.right(), byName);
                yield null;
            }
            case ConditionNode.Or ignored -> throw worded("Invalid operator used in KeyConditionExpression: OR");
            case ConditionNode.Not ignored -> throw worded("Invalid operator used in KeyConditionExpression: NOT");
            case ConditionNode.In ignored -> throw worded("Invalid operator used in KeyConditionExpression: IN");
            case ConditionNode.Comparison comparison -> comparison(comparison);
            case ConditionNode.Between between -> between(between);
            case ConditionNode.Function function -> beginsWith(function.call());
        };
        if (condition == null) return;
        if (byName.putIfAbsent(condition.attributeName(), condition) != null) {
            throw worded("KeyConditionExpressions must only contain one condition per key");
        }
    }

    private static RangeCondition comparison(ConditionNode.Comparison comparison) {
        if (comparison.operator().equals("<>")) throw worded("Invalid operator used in KeyConditionExpression: <>");
        boolean keyOnLeft = keyOperand(List.of(comparison.left(), comparison.right())) == 0;
        Operand key = keyOnLeft ? comparison.left() : comparison.right();
        Operand value = keyOnLeft ? comparison.right() : comparison.left();
        Operator operator = operator(comparison.operator(), keyOnLeft);
        return new RangeCondition(attributeName(key), operator, List.of(literal(value)));
    }

    /**
     * The place of the one key attribute among a condition's operands. DynamoDB looks at them from left to right and
     * answers the first problem it meets: a second attribute, an attribute inside a document, or a function (dynalite's
     * query validations, recorded against DynamoDB).
     */
    private static int keyOperand(List<Operand> operands) {
        int key = -1;
        for (int i = 0; i < operands.size(); i++) {
            Operand operand = operands.get(i);
            if (operand instanceof Operand.Path) {
                if (key >= 0)
                    throw worded(
                            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition");
                attributeName(operand);
                key = i;
            } else if (operand instanceof Operand.Call) {
                throw worded("KeyConditionExpressions cannot contain nested operations");
            }
        }
        if (key < 0) throw worded("Invalid condition in KeyConditionExpression: No key attribute specified");
        return key;
    }

    /** {@code :v < sk} means {@code sk > :v}. */
    private static Operator operator(String symbol, boolean keyOnLeft) {
        return switch (symbol) {
            case "=" -> Operator.EQ;
            case "<" -> keyOnLeft ? Operator.LT : Operator.GT;
            case "<=" -> keyOnLeft ? Operator.LE : Operator.GE;
            case ">" -> keyOnLeft ? Operator.GT : Operator.LT;
            case ">=" -> keyOnLeft ? Operator.GE : Operator.LE;
            default -> throw new IllegalStateException(symbol);
        };
    }

    private static RangeCondition between(ConditionNode.Between between) {
        if (!(between.value() instanceof Operand.Path)) {
            throw worded(
                    "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute as its first operand");
        }
        keyOperand(List.of(between.value(), between.lower(), between.upper()));
        return new RangeCondition(
                attributeName(between.value()),
                Operator.BETWEEN,
                List.of(literal(between.lower()), literal(between.upper())));
    }

    private static RangeCondition beginsWith(Operand.Call call) {
        if (!call.function().equals("begins_with")) {
            throw worded("Invalid operator used in KeyConditionExpression: " + call.function());
        }
        if (!(call.arguments().get(0) instanceof Operand.Path)) {
            throw worded(
                    "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand");
        }
        keyOperand(call.arguments());
        return new RangeCondition(
                attributeName(call.arguments().get(0)),
                Operator.BEGINS_WITH,
                List.of(literal(call.arguments().get(1))));
    }

    private static String attributeName(Operand key) {
        DocumentPath path = ((Operand.Path) key).path();
        if (path.length() > 1) throw worded("KeyConditionExpressions cannot have conditions on nested attributes");
        return path.topLevelName();
    }

    private static AttributeValue literal(Operand value) {
        return ((Operand.Literal) value).value();
    }

    /**
     * A refusal of the key rules, which DynamoDB words on its own, without the "Invalid KeyConditionExpression: " that
     * its refusals of the expression's grammar and operands start with (live answers: "Invalid operator used in
     * KeyConditionExpression: OR" in awslabs/aws-athena-query-federation#746, "...: IN" in
     * ServiceStack/ServiceStack.Aws#5, "KeyConditionExpressions must only contain one condition per key" in
     * awslabs/aws-athena-query-federation#1089; dynalite's query tests).
     */
    private static DynamoDbException worded(String message) {
        return DynamoDbException.validation(message);
    }
}
