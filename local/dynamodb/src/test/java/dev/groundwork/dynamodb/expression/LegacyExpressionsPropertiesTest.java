package dev.groundwork.dynamodb.expression;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.Bytes;
import dev.groundwork.dynamodb.model.ScalarOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * One evaluator, two front ends: for random items and random legacy conditions, the legacy parameter translated by
 * {@link LegacyExpressions} and the expression a user would write for it, parsed by {@link Expressions}, give the same
 * answer.
 */
class LegacyExpressionsPropertiesTest {

    /** A Condition on one attribute, and the expression with the same meaning (placeholders {@code #n}, {@code :nK}). */
    record Twin(String attribute, LegacyCondition legacy, String expression) {}

    @Property(tries = 3_000)
    void aFilterAndItsFilterExpressionAgreeOnEveryItem(
            @ForAll("items") Map<String, AttributeValue> item,
            @ForAll("conditionsOnA") Twin first,
            @ForAll("conditionsOnB") Twin second,
            @ForAll boolean or) {
        Map<String, LegacyCondition> filter = new LinkedHashMap<>();
        filter.put(first.attribute(), first.legacy());
        filter.put(second.attribute(), second.legacy());
        Condition legacy = LegacyExpressions.filter(filter, or ? "OR" : "AND");

        Condition expression = Expressions.filter(
                first.expression() + (or ? " OR " : " AND ") + second.expression(), context(first, second));

        assertThat(legacy.test(item))
                .as("%s %s %s on %s", first.expression(), or ? "OR" : "AND", second.expression(), item)
                .isEqualTo(expression.test(item));
    }

    @Property(tries = 1_000)
    void theOldFormOfExpectedAgreesWithItsConditionExpression(
            @ForAll("items") Map<String, AttributeValue> item,
            @ForAll("values") AttributeValue value,
            @ForAll boolean exists) {
        ExpectedValue expected =
                exists ? new ExpectedValue(value, null, null, null) : new ExpectedValue(null, false, null, null);
        Condition legacy = LegacyExpressions.expected(Map.of("a", expected), null);

        Condition expression = exists
                ? Expressions.condition("#a = :a0", new ExpressionContext(Map.of("#a", "a"), Map.of(":a0", value)))
                : Expressions.condition("attribute_not_exists(#a)", new ExpressionContext(Map.of("#a", "a"), Map.of()));

        assertThat(legacy.test(item)).isEqualTo(expression.test(item));
    }

    @Property(tries = 1_000)
    void attributesToGetProjectsAsTheProjectionExpressionOfTheSameNames(
            @ForAll("items") Map<String, AttributeValue> item, @ForAll("names") List<String> names) {
        Projection legacy = LegacyExpressions.attributesToGet(names);

        Map<String, String> placeholders = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) placeholders.put("#p" + i, names.get(i));
        Projection expression = Expressions.projection(
                String.join(", ", placeholders.keySet()), new ExpressionContext(placeholders, Map.of()));

        assertThat(legacy.apply(item)).isEqualTo(expression.apply(item));
    }

    private static ExpressionContext context(Twin... twins) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        for (Twin twin : twins) {
            names.put("#" + twin.attribute(), twin.attribute());
            List<AttributeValue> operands = twin.legacy().attributeValueList();
            for (int i = 0; i < operands.size(); i++) values.put(":" + twin.attribute() + i, operands.get(i));
        }
        return new ExpressionContext(names, values);
    }

    // ---- generators

    private static final List<AttributeValue> POOL = List.of(
            new AttributeValue.S("a"),
            new AttributeValue.S("ab"),
            new AttributeValue.S("b"),
            number(1),
            number(2),
            number(10),
            new AttributeValue.B(Bytes.of(new byte[] {1})),
            new AttributeValue.B(Bytes.of(new byte[] {1, 2})),
            new AttributeValue.B(Bytes.of(new byte[] {2})),
            new AttributeValue.SS(new LinkedHashSet<>(List.of("a", "b"))),
            new AttributeValue.SS(new LinkedHashSet<>(List.of("a"))),
            new AttributeValue.NS(new LinkedHashSet<>(List.of(BigDecimal.ONE, BigDecimal.TWO))),
            new AttributeValue.BS(Set.of(Bytes.of(new byte[] {1}))),
            new AttributeValue.L(List.of(new AttributeValue.S("a"), number(1))),
            new AttributeValue.M(Map.of("k", new AttributeValue.S("v"))),
            new AttributeValue.Bool(true),
            new AttributeValue.Null());

    private static AttributeValue number(long value) {
        return new AttributeValue.N(BigDecimal.valueOf(value));
    }

    @Provide
    Arbitrary<AttributeValue> values() {
        return Arbitraries.of(POOL);
    }

    @Provide
    Arbitrary<Map<String, AttributeValue>> items() {
        Arbitrary<Optional<AttributeValue>> attribute = Arbitraries.of(POOL).optional(0.8);
        return Combinators.combine(attribute, attribute).as((a, b) -> {
            Map<String, AttributeValue> item = new LinkedHashMap<>();
            a.ifPresent(value -> item.put("a", value));
            b.ifPresent(value -> item.put("b", value));
            return item;
        });
    }

    @Provide
    Arbitrary<List<String>> names() {
        return Arbitraries.of("a", "b", "c").set().ofMinSize(1).map(ArrayList::new);
    }

    @Provide
    Arbitrary<Twin> conditionsOnA() {
        return conditions("a");
    }

    @Provide
    Arbitrary<Twin> conditionsOnB() {
        return conditions("b");
    }

    /** Valid Conditions only: each operator with the arity and the value types DynamoDB accepts for it. */
    private static Arbitrary<Twin> conditions(String attribute) {
        List<String> operators = List.of(
                "EQ",
                "NE",
                "LE",
                "LT",
                "GE",
                "GT",
                "NOT_NULL",
                "NULL",
                "CONTAINS",
                "NOT_CONTAINS",
                "BEGINS_WITH",
                "IN",
                "BETWEEN");
        return Arbitraries.of(operators).flatMap(operator -> {
            List<String> types = switch (operator) {
                case "EQ", "NE" -> List.of("S", "N", "B", "SS", "NS", "BS");
                case "BEGINS_WITH" -> List.of("S", "B");
                default -> List.of("S", "N", "B");
            };
            return Arbitraries.of(types).flatMap(type -> {
                List<AttributeValue> ofType = POOL.stream()
                        .filter(value -> value.typeName().equals(type))
                        .toList();
                int count = switch (operator) {
                    case "NULL", "NOT_NULL" -> 0;
                    case "BETWEEN" -> 2;
                    default -> 1;
                };
                Arbitrary<List<AttributeValue>> operands = operator.equals("IN")
                        ? Arbitraries.of(ofType).list().ofMinSize(1).ofMaxSize(3)
                        : Arbitraries.of(ofType).list().ofSize(count);
                return operands.map(values -> twin(attribute, operator, values));
            });
        });
    }

    private static Twin twin(String attribute, String operator, List<AttributeValue> values) {
        List<AttributeValue> operands = new ArrayList<>(values);
        if (operator.equals("BETWEEN")) operands.sort(ScalarOrder::compare);
        String path = "#" + attribute;
        List<String> placeholders = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) placeholders.add(":" + attribute + i);
        String first = placeholders.isEmpty() ? null : placeholders.getFirst();
        String expression = switch (operator) {
            case "EQ" -> path + " = " + first;
            case "NE" -> path + " <> " + first;
            case "LE" -> path + " <= " + first;
            case "LT" -> path + " < " + first;
            case "GE" -> path + " >= " + first;
            case "GT" -> path + " > " + first;
            case "NOT_NULL" -> "attribute_exists(" + path + ")";
            case "NULL" -> "attribute_not_exists(" + path + ")";
            case "CONTAINS" -> "contains(" + path + ", " + first + ")";
            case "NOT_CONTAINS" -> "NOT contains(" + path + ", " + first + ")";
            case "BEGINS_WITH" -> "begins_with(" + path + ", " + first + ")";
            case "IN" -> path + " IN (" + placeholders.stream().collect(Collectors.joining(", ")) + ")";
            case "BETWEEN" -> path + " BETWEEN " + placeholders.get(0) + " AND " + placeholders.get(1);
            default -> throw new IllegalArgumentException(operator);
        };
        return new Twin(attribute, new LegacyCondition(operator, operands), "(" + expression + ")");
    }
}
