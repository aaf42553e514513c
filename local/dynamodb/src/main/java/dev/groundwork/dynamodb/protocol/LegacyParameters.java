package dev.groundwork.dynamodb.protocol;

import dev.groundwork.dynamodb.model.DynamoDbException;

/**
 * The parameters DynamoDB kept from before expressions (Expected, AttributesToGet, KeyConditions, ...). The embedded
 * server speaks expressions only, and says so by name rather than ignoring a parameter that would change the answer.
 */
final class LegacyParameters {
    private LegacyParameters() {}

    static void refuse(Request request, String... names) {
        for (String name : names) {
            if (request.has(name)) {
                throw DynamoDbException.validation(
                        "Groundwork's embedded DynamoDB does not support the legacy parameter " + name
                                + "; use the expression parameters instead (ConditionExpression, ProjectionExpression, KeyConditionExpression, FilterExpression, UpdateExpression)");
            }
        }
    }
}
