package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The semantic errors found while parsing one expression. AWS reports one error per expression, chosen by kind rather
 * than by position (a reserved word is reported before an undefined placeholder that comes earlier), so the parser
 * records the first error of each kind and reports by the grammar's order of kinds.
 */
final class Problems {
    enum Rule {
        TOO_MANY_OPERATORS,
        REDUNDANT_PARENTHESES,
        UNKNOWN_FUNCTION,
        MISUSED_FUNCTION,
        RESERVED_WORD,
        SECTION_REPEATED,
        UNDEFINED_PLACEHOLDER,
        PATH_TOO_DEEP,
        PATH_OVERLAP,
        PATH_CONFLICT,
        OPERAND_COUNT,
        NOT_DISTINCT,
        OPERAND_TYPE
    }

    private final Map<Rule, String> first = new EnumMap<>(Rule.class);

    void report(Rule kind, String message) {
        first.putIfAbsent(kind, message);
    }

    Problems copy() {
        Problems copy = new Problems();
        copy.first.putAll(first);
        return copy;
    }

    void restore(Problems saved) {
        first.clear();
        first.putAll(saved.first);
    }

    /** Throws AWS's ValidationException for the first kind in {@code order} that was reported. */
    void throwFirst(String parameter, List<Rule> order) {
        for (Rule kind : order) {
            String message = first.get(kind);
            if (message != null) throw DynamoDbException.validation("Invalid " + parameter + ": " + message);
        }
        if (!first.isEmpty()) throw new IllegalStateException("Problems not in the grammar's order: " + first.keySet());
    }
}
