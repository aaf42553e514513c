package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;
import java.util.Optional;

/**
 * A KeyConditionExpression: equality on the partition key and at most one condition on the sort key.
 *
 * <p>The expression alone cannot always tell which attribute is the partition key ({@code a = :x AND b = :y}); call
 * {@link #forKeySchema} with the table's or index's key names to get the conditions bound to the schema, with AWS's
 * messages when they do not fit it.
 */
public interface KeyCondition {
    /** The one or two conditions, in expression order. */
    List<RangeCondition> conditions();

    String hashKeyName();

    AttributeValue hashValue();

    Optional<RangeCondition> range();

    /**
     * The conditions bound to a key schema.
     *
     * @throws dev.groundwork.dynamodb.model.DynamoDbException AWS's ValidationException when a condition is on another
     *     attribute, the partition key is missing or not tested with {@code =}
     */
    KeyCondition forKeySchema(String hashKeyName, Optional<String> rangeKeyName);
}
