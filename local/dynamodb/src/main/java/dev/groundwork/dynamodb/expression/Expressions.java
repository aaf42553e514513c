package dev.groundwork.dynamodb.expression;

import java.util.function.Supplier;

/**
 * Parses DynamoDB's expressions. Each method throws a ValidationException with AWS's message, prefixed as AWS
 * prefixes it ({@code Invalid ConditionExpression: ...}), when the expression is not valid. The placeholders each
 * expression uses are recorded in the context, for {@link ExpressionContext#checkAllUsed()}.
 */
public final class Expressions {
    private Expressions() {}

    /** A ConditionExpression (PutItem, UpdateItem, DeleteItem, ConditionCheck). */
    public static Condition condition(String expression, ExpressionContext ctx) {
        return new ConditionExpression(Parser.condition("ConditionExpression", expression, ctx));
    }

    /** A FilterExpression (Query, Scan): the grammar of a condition, with AWS's "Invalid FilterExpression" prefix. */
    public static Condition filter(String expression, ExpressionContext ctx) {
        return new ConditionExpression(Parser.condition("FilterExpression", expression, ctx));
    }

    public static Projection projection(String expression, ExpressionContext ctx) {
        return new ProjectionExpression(Parser.projection(expression, ctx));
    }

    public static Update update(String expression, ExpressionContext ctx) {
        return new UpdateExpression(Parser.update(expression, ctx));
    }

    /** A KeyConditionExpression; bind it to the table's or index's key names with {@link KeyCondition#forKeySchema}. */
    public static KeyCondition keyCondition(String expression, ExpressionContext ctx) {
        return readKeyCondition(expression, ctx).get();
    }

    /**
     * A KeyConditionExpression read now, as any condition, with its key rules checked only when the result is asked
     * for: DynamoDB reads a Query's FilterExpression and ProjectionExpression, and looks for unused placeholders, in
     * between (dynalite's query validations, recorded against DynamoDB).
     */
    public static Supplier<KeyCondition> readKeyCondition(String expression, ExpressionContext ctx) {
        ConditionNode read = Parser.condition("KeyConditionExpression", expression, ctx);
        return () -> KeyConditionExpression.of(read);
    }
}
