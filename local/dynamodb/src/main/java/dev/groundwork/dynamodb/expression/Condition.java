package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.Map;
import java.util.Set;

/** A ConditionExpression or FilterExpression, ready to test items. */
public interface Condition {
    /** Whether the item satisfies the condition; an absent item is the empty map. */
    boolean test(Map<String, AttributeValue> item);

    /** The top-level attribute names the condition reads, so a Query can reject filters on key attributes as AWS does. */
    default Set<String> topLevelNames() {
        return Set.of();
    }
}
