package dev.groundwork.dynamodb.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;

/**
 * An error as AWS's JSON 1.0 protocol sends it: {@code {"__type":"com.amazonaws.dynamodb.v20120810#Code","message":...}},
 * with the item of a failed condition and the reasons of a cancelled transaction. The SDK picks the exception class
 * from the part of {@code __type} after '#'.
 */
final class ErrorBody {
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL = "com.amazon.coral.service#";

    private ErrorBody() {}

    static ObjectNode of(DynamoDbException error) {
        String code = error.code();
        boolean protocolError =
                code.equals(DynamoDbException.UNKNOWN_OPERATION) || code.equals(DynamoDbException.SERIALIZATION);
        ObjectNode body = Json.object().put("__type", (protocolError ? CORAL : DYNAMODB) + code);
        if (code.equals(DynamoDbException.TRANSACTION_CANCELED)) {
            body.put("Message", error.getMessage());
            ArrayNode reasons = body.putArray("CancellationReasons");
            for (DynamoDbException.CancellationReason reason : error.cancellationReasons()) {
                ObjectNode json = reasons.addObject().put("Code", reason.code());
                reason.messageIfAny().ifPresent(message -> json.put("Message", message));
                reason.itemIfAny().ifPresent(item -> json.set("Item", AttributeValues.itemToJson(item)));
            }
            return body;
        }
        if (error.getMessage() != null) body.put("message", error.getMessage());
        error.item().ifPresent(item -> body.set("Item", AttributeValues.itemToJson(item)));
        return body;
    }
}
