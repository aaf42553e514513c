package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.Map;
import java.util.Set;

/** An UpdateExpression (SET, REMOVE, ADD, DELETE), ready to apply to items. */
public interface Update {
    /**
     * The item after the update; the given item is not changed, and an absent item is the empty map.
     *
     * @throws dev.groundwork.dynamodb.model.DynamoDbException a ValidationException where AWS rejects the update for
     *     this item (an operand of the wrong type, a missing intermediate path, a number out of range)
     */
    Map<String, AttributeValue> apply(Map<String, AttributeValue> item);

    /** The top-level attribute names the update writes, so the server can refuse updates of key attributes. */
    Set<String> topLevelNamesTouched();

    /**
     * The document paths the update writes, as a projection: applied to the old item it gives ReturnValues=UPDATED_OLD,
     * applied to the new item UPDATED_NEW. As on DynamoDB, a nested update returns only the nested value inside its
     * hierarchy ({@code SET a.b = :v} returns {@code {a: {b: ..}}}), and paths that do not exist are left out.
     */
    Projection updatedPaths();
}
