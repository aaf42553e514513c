package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.Problems.Rule;
import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.Numbers;
import dev.groundwork.dynamodb.model.ScalarOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules AWS applies to an expression's operands once it has parsed them: functions and their arguments, operand
 * types known before any item is seen, distinct operands, BETWEEN bounds and overlapping paths. Violations are
 * recorded in {@link Problems}, which reports them in AWS's order.
 */
final class OperandChecks {
    static final Map<String, Integer> CONDITION_FUNCTIONS = Map.of(
            "attribute_exists",
            1,
            "attribute_not_exists",
            1,
            "attribute_type",
            2,
            "begins_with",
            2,
            "contains",
            2,
            "size",
            1);
    static final Map<String, Integer> UPDATE_FUNCTIONS = Map.of("if_not_exists", 2, "list_append", 2);
    private static final Set<String> ORDERED_TYPES = Set.of("N", "S", "B");
    private static final Set<String> TYPE_NAMES = Set.of("S", "N", "B", "BOOL", "NULL", "L", "M", "SS", "NS", "BS");

    private final Problems problems;
    private final Map<String, Integer> functions;

    /** {@code functions} is the grammar's function table: {@link #CONDITION_FUNCTIONS} or {@link #UPDATE_FUNCTIONS}. */
    OperandChecks(Problems problems, Map<String, Integer> functions) {
        this.problems = problems;
        this.functions = functions;
    }

    /** Only N, S and B values have an order, so only they may be operands of {@code < <= > >=} and BETWEEN. */
    void ordered(String operator, Operand operand) {
        requireType(operator, operand, ORDERED_TYPES);
    }

    /** {@code +} and {@code -} in SET take numbers. */
    void numeric(String operator, Operand operand) {
        requireType(operator, operand, Set.of("N"));
    }

    /** size() yields a value and cannot be a condition on its own. */
    void sizeAlone() {
        problems.report(
                Rule.MISUSED_FUNCTION,
                "The function is not allowed to be used this way in an expression; function: size");
    }

    /** Arity, operand types and placement of a function call, for the grammar this checker serves. */
    void function(Operand.Call call) {
        String function = call.function();
        Integer arity = functions.get(function);
        if (arity == null && functions == CONDITION_FUNCTIONS && UPDATE_FUNCTIONS.containsKey(function)) {
            problems.report(
                    Rule.MISUSED_FUNCTION,
                    "The function is not allowed to be used this way in an expression; function: " + function);
            return;
        }
        if (arity == null) {
            problems.report(Rule.UNKNOWN_FUNCTION, "Invalid function name; function: " + function);
            return;
        }
        if (arity != call.arguments().size()) {
            problems.report(
                    Rule.OPERAND_COUNT,
                    "Incorrect number of operands for operator or function; operator or function: " + function
                            + ", number of operands: " + call.arguments().size());
            return;
        }
        if (functions == CONDITION_FUNCTIONS) misused(call.arguments());
        if (function.equals("list_append")) notNested(call);
        if (arity == 2)
            distinct(function, call.arguments().get(0), call.arguments().get(1));
        argumentTypes(call);
    }

    private void argumentTypes(Operand.Call call) {
        String function = call.function();
        switch (function) {
            case "attribute_exists", "attribute_not_exists", "if_not_exists" -> {
                if (!(call.arguments().getFirst() instanceof Operand.Path)) {
                    problems.report(
                            Rule.OPERAND_TYPE,
                            "Operator or function requires a document path; operator or function: " + function);
                }
            }
            case "begins_with" ->
                call.arguments().forEach(argument -> requireType(function, argument, Set.of("S", "B")));
            case "size" -> {
                String type = staticType(call.arguments().getFirst());
                if (type != null && Set.of("N", "BOOL", "NULL").contains(type)) reportOperandType(function, type);
            }
            case "attribute_type" -> checkTypeName(call.arguments().get(1));
            case "list_append" -> call.arguments().forEach(argument -> requireType(function, argument, Set.of("L")));
            default -> {}
        }
    }

    private void checkTypeName(Operand operand) {
        String type = staticType(operand);
        if (!"S".equals(type)) {
            reportOperandType("attribute_type", type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
            return;
        }
        String name = ((AttributeValue.S) ((Operand.Literal) operand).value()).value();
        if (!TYPE_NAMES.contains(name)) {
            problems.report(
                    Rule.OPERAND_TYPE,
                    "Invalid attribute type name found; type: " + name
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
        }
    }

    private void requireType(String operator, Operand operand, Set<String> allowed) {
        String type = staticType(operand);
        if (type != null && !allowed.contains(type)) reportOperandType(operator, type);
    }

    private void reportOperandType(String operator, String type) {
        problems.report(
                Rule.OPERAND_TYPE,
                "Incorrect operand type for operator or function; operator or function: " + operator
                        + ", operand type: " + type);
    }

    /** The type an operand is known to have before any item is seen, or null when it depends on the item. */
    private static String staticType(Operand operand) {
        return switch (operand) {
            case Operand.Literal literal ->
                literal.value() == null ? null : literal.value().typeName();
            case Operand.Arithmetic ignored -> "N";
            case Operand.Call call ->
                switch (call.function()) {
                    case "size" -> "N";
                    case "list_append" -> "L";
                    case "if_not_exists" ->
                        call.arguments().size() == 2
                                ? staticType(call.arguments().get(1))
                                : null;
                    default -> null;
                };
            case Operand.Path ignored -> null;
        };
    }

    /** In conditions only size() yields a value; the other functions are conditions themselves. */
    void misused(List<Operand> operands) {
        for (Operand operand : operands) {
            if (operand instanceof Operand.Call call && !call.function().equals("size")) {
                problems.report(
                        Rule.MISUSED_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: "
                                + call.function());
            }
        }
    }

    /** AWS refuses list_append(list_append(...), ...), though if_not_exists inside list_append is fine. */
    private void notNested(Operand.Call call) {
        for (Operand argument : call.arguments()) {
            if (argument instanceof Operand.Call inner && inner.function().equals(call.function())) {
                problems.report(
                        Rule.MISUSED_FUNCTION,
                        "The function is not allowed to be used this way in an expression; function: "
                                + call.function());
            }
        }
    }

    /** AWS refuses the same path on both sides of a comparison or function ({@code a = a}). */
    void distinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Path a && second instanceof Operand.Path b && a.equals(b)) {
            problems.report(
                    Rule.NOT_DISTINCT,
                    "The first operand must be distinct from the remaining operands for this operator or "
                            + "function; operator: " + operator + ", first operand: " + a.path());
        }
    }

    /** BETWEEN with two values: they must have one type, and the lower must not exceed the upper. */
    void betweenBounds(AttributeValue low, AttributeValue high) {
        String bounds = "lower bound operand: AttributeValue: {" + low.typeName() + ":" + scalarText(low)
                + "}, upper bound operand: AttributeValue: {" + high.typeName() + ":" + scalarText(high) + "}";
        if (!low.typeName().equals(high.typeName())) {
            problems.report(
                    Rule.OPERAND_TYPE,
                    "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        } else if (ORDERED_TYPES.contains(low.typeName()) && ScalarOrder.compare(low, high) > 0) {
            problems.report(
                    Rule.OPERAND_TYPE,
                    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
        }
    }

    private static String scalarText(AttributeValue value) {
        return switch (value) {
            case AttributeValue.S s -> s.value();
            case AttributeValue.N n -> Numbers.format(n.value());
            case AttributeValue.B b -> b.value().toBase64();
            default -> AttributeValues.toJson(value).toString();
        };
    }

    /** ADD takes a number or a set, DELETE only a set; AWS names the wrong type in its own words. */
    void setOrNumber(String operator, Operand.Literal literal, boolean numberAllowed) {
        if (literal.value() == null) return;
        String type = literal.value().typeName();
        boolean allowed = type.endsWith("S") && type.length() == 2 || numberAllowed && type.equals("N");
        if (!allowed) {
            problems.report(
                    Rule.OPERAND_TYPE,
                    "Incorrect operand type for operator or function; operator: " + operator + ", operand type: "
                            + longTypeName(type));
        }
    }

    private static String longTypeName(String type) {
        return switch (type) {
            case "S" -> "STRING";
            case "N" -> "NUMBER";
            case "B" -> "BINARY";
            case "BOOL" -> "BOOLEAN";
            case "L" -> "LIST";
            case "M" -> "MAP";
            default -> type;
        };
    }

    /**
     * AWS rejects two paths where one is a prefix of the other ("overlap"), and two paths that use the same step as
     * a map key in one and a list index in the other ("conflict").
     */
    void overlaps(List<DocumentPath> paths) {
        for (int later = 1; later < paths.size(); later++) {
            for (int earlier = 0; earlier < later; earlier++) {
                compareSteps(paths.get(earlier), paths.get(later));
            }
        }
    }

    private void compareSteps(DocumentPath one, DocumentPath two) {
        int common = Math.min(one.length(), two.length());
        for (int i = 0; i < common; i++) {
            DocumentPath.Element a = one.elements().get(i);
            DocumentPath.Element b = two.elements().get(i);
            if (a.getClass() != b.getClass()) {
                problems.report(
                        Rule.PATH_CONFLICT,
                        "Two document paths conflict with each other; must remove or rewrite one of "
                                + "these paths; path one: " + one + ", path two: " + two);
                return;
            }
            if (!a.equals(b)) return;
        }
        problems.report(
                Rule.PATH_OVERLAP,
                "Two document paths overlap with each other; must remove or rewrite one of these " + "paths; path one: "
                        + one + ", path two: " + two);
    }
}
