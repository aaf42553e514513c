package dev.groundwork.dynamodb.expression;

import dev.groundwork.dynamodb.model.AttributeValue;

/**
 * One entry of a legacy {@code AttributeUpdates} map (DynamoDB's {@code AttributeValueUpdate}): PUT, ADD or DELETE
 * ({@code action}, PUT when absent) and the value, which is null for a DELETE of the whole attribute.
 */
public record AttributeUpdate(String action, AttributeValue value) {}
