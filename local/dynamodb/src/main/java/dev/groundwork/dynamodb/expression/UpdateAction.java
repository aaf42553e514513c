package dev.groundwork.dynamodb.expression;

/** One action of an UpdateExpression. */
sealed interface UpdateAction {
    DocumentPath path();

    record Set(DocumentPath path, Operand value) implements UpdateAction {}

    record Remove(DocumentPath path) implements UpdateAction {}

    /** ADD a number to a number, or members to a set. */
    record Add(DocumentPath path, Operand.Literal value) implements UpdateAction {}

    /** DELETE members from a set. */
    record Delete(DocumentPath path, Operand.Literal value) implements UpdateAction {}
}
