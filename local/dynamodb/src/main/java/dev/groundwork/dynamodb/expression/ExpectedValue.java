package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.List;

/**
 * One entry of a legacy {@code Expected} map (DynamoDB's {@code ExpectedAttributeValue}) as read from the request: the
 * old form ({@code Value}, {@code Exists}) or the newer one ({@code ComparisonOperator}, {@code AttributeValueList}).
 * Absent members are null, because DynamoDB's rules tell an absent member from an empty one.
 */
public record ExpectedValue(
        AttributeValue value, Boolean exists, String comparisonOperator, List<AttributeValue> attributeValueList) {}
