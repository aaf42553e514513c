package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;

/** An operand of an expression: a document path, a placeholder's value, a function call or (in SET) arithmetic. */
sealed interface Operand {
    record Path(DocumentPath path) implements Operand {}

    /** A {@code :placeholder}; its value is absent only in an expression that is rejected anyway. */
    record Literal(String placeholder, AttributeValue value) implements Operand {}

    record Call(String function, List<Operand> arguments) implements Operand {
        public Call {
            arguments = List.copyOf(arguments);
        }
    }

    /** {@code a + b} or {@code a - b} in a SET action. */
    record Arithmetic(Operand left, char operator, Operand right) implements Operand {}
}
