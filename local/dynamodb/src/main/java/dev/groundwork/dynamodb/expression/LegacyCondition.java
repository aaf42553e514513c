package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;

/**
 * One entry of a legacy {@code KeyConditions}, {@code QueryFilter} or {@code ScanFilter} map (DynamoDB's
 * {@code Condition}): a ComparisonOperator and its AttributeValueList, as read from the request.
 */
public record LegacyCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {
    public LegacyCondition {
        attributeValueList = List.copyOf(attributeValueList);
    }
}
