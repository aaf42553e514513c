package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.expression.RangeCondition.Operator;
import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Query's legacy KeyConditions, checked for themselves; {@link #forKeySchema} binds them to the table's or index's
 * key with DynamoDB's messages for conditions that do not fit it, and gives the same {@link KeyCondition} a
 * KeyConditionExpression gives.
 */
public final class LegacyKeyConditions {
    /** The operators a key condition may not use: DynamoDB cannot answer them from the key order. */
    private static final Set<String> NOT_INDEXABLE = Set.of("NULL", "NOT_NULL", "NE", "CONTAINS", "NOT_CONTAINS", "IN");

    private final Map<String, LegacyCondition> conditions;

    LegacyKeyConditions(Map<String, LegacyCondition> conditions) {
        this.conditions = new LinkedHashMap<>(conditions);
    }

    /** The checks DynamoDB makes per key attribute, partition key first. */
    public KeyCondition forKeySchema(String hashKeyName, Optional<String> rangeKeyName) {
        if (rangeKeyName.isEmpty() && conditions.size() > 1) {
            throw DynamoDbException.validation("Query key condition not supported");
        }
        RangeCondition hash = bound(hashKeyName, true).orElseThrow();
        Optional<RangeCondition> range = rangeKeyName.flatMap(name -> bound(name, false));
        return new KeyConditionExpression.Bound(hash, range);
    }

    private Optional<RangeCondition> bound(String keyName, boolean isHash) {
        LegacyCondition condition = conditions.get(keyName);
        if (condition == null) {
            if (isHash || conditions.size() > 1) {
                throw DynamoDbException.validation("Query condition missed key schema element: " + keyName);
            }
            return Optional.empty();
        }
        String operator = condition.comparisonOperator();
        if (NOT_INDEXABLE.contains(operator)) {
            throw DynamoDbException.validation("Attempted conditional constraint is not an indexable operation");
        }
        if (isHash && !operator.equals("EQ")) throw DynamoDbException.validation("Query key condition not supported");
        return Optional.of(new RangeCondition(keyName, Operator.valueOf(operator), condition.attributeValueList()));
    }
}
