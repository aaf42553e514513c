package dev.groundwork.dynamodb.expression;

/**
 * Parses DynamoDB's expressions. Each method throws a ValidationException with AWS's message, prefixed as AWS
 * prefixes it ({@code Invalid ConditionExpression: ...}), when the expression is not valid.
 */
public final class Expressions {
  private Expressions() {}

  /** A ConditionExpression (PutItem, UpdateItem, DeleteItem, ConditionCheck). */
  public static Condition condition(String expression, ExpressionContext ctx) {
    throw new UnsupportedOperationException("ConditionExpression lands in the next commit");
  }

  /** A FilterExpression (Query, Scan): the same grammar as a condition, with AWS's "Invalid FilterExpression" prefix. */
  public static Condition filter(String expression, ExpressionContext ctx) {
    throw new UnsupportedOperationException("FilterExpression lands in the next commit");
  }

  public static Projection projection(String expression, ExpressionContext ctx) {
    throw new UnsupportedOperationException("ProjectionExpression lands in the next commit");
  }

  public static Update update(String expression, ExpressionContext ctx) {
    throw new UnsupportedOperationException("UpdateExpression lands in the next commit");
  }

  public static KeyCondition keyCondition(String expression, ExpressionContext ctx) {
    throw new UnsupportedOperationException("KeyConditionExpression lands in the next commit");
  }
}
