package dev.groundwork.dynamodb.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.model.AttributeValues;
import dev.groundwork.dynamodb.model.DynamoDbException;
import dev.groundwork.dynamodb.model.Json;

/**
 * The one place that decides an error's wire shape, as DynamoDB sends it over AWS's JSON 1.0 protocol. The SDK picks
 * the exception class from the part of {@code __type} after '#', so SDK users never see the prefix; raw clients and
 * other SDKs' error parsers do, and so does the member that carries the text. DynamoDB's shapes, by error:
 * <ul>
 *   <li>ValidationException: {@code com.amazon.coral.validate#ValidationException} with {@code message} (live
 *       DynamoDB answers in AdRoll/goamz#15 and dynalite's validationError, whose tests were recorded against
 *       DynamoDB);
 *   <li>SerializationException: {@code com.amazon.coral.service#SerializationException} with {@code Message}, capital M
 *       (live answers in rusoto/rusoto#658 and JuliaCloud/AWS.jl#673; dynalite's checkTypes notes the "different
 *       capitalization for Message");
 *   <li>the other errors of the protocol layer (UnknownOperationException, which carries no text, and the
 *       authentication errors MissingAuthenticationTokenException, IncompleteSignatureException,
 *       UnrecognizedClientException and ExpiredTokenException):
 *       {@code com.amazon.coral.service#} with {@code message};
 *   <li>AccessDeniedException, IAM's denial: {@code com.amazon.coral.service#} with {@code Message}, capital M, as
 *       live DynamoDB denials show it (sebdah/dynamic-dynamodb#321);
 *   <li>TransactionCanceledException: {@code Message} and the CancellationReasons;
 *   <li>every other error: {@code com.amazonaws.dynamodb.v20120810#} with {@code message}, and the item of a failed
 *       condition when asked for.
 * </ul>
 */
final class ErrorBody {
    private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
    private static final String CORAL_SERVICE = "com.amazon.coral.service#";
    private static final String CORAL_VALIDATE = "com.amazon.coral.validate#";

    private ErrorBody() {}

    static ObjectNode of(DynamoDbException error) {
        String code = error.code();
        ObjectNode body = Json.object().put("__type", namespace(code) + code);
        String message = error.getMessage();
        switch (code) {
            case DynamoDbException.TRANSACTION_CANCELED -> {
                body.put("Message", message);
                ArrayNode reasons = body.putArray("CancellationReasons");
                for (DynamoDbException.CancellationReason reason : error.cancellationReasons()) {
                    ObjectNode json = reasons.addObject().put("Code", reason.code());
                    reason.messageIfAny().ifPresent(text -> json.put("Message", text));
                    reason.itemIfAny().ifPresent(item -> json.set("Item", AttributeValues.itemToJson(item)));
                }
                return body;
            }
            case DynamoDbException.SERIALIZATION, DynamoDbException.ACCESS_DENIED -> {
                if (message != null) body.put("Message", message);
                return body;
            }
            default -> {
                if (message != null) body.put("message", message);
                error.item().ifPresent(item -> body.set("Item", AttributeValues.itemToJson(item)));
                return body;
            }
        }
    }

    private static String namespace(String code) {
        return switch (code) {
            case DynamoDbException.VALIDATION -> CORAL_VALIDATE;
            case DynamoDbException.SERIALIZATION,
                    DynamoDbException.UNKNOWN_OPERATION,
                    DynamoDbException.MISSING_AUTHENTICATION_TOKEN,
                    DynamoDbException.INCOMPLETE_SIGNATURE,
                    DynamoDbException.ACCESS_DENIED,
                    DynamoDbException.UNRECOGNIZED_CLIENT,
                    DynamoDbException.EXPIRED_TOKEN -> CORAL_SERVICE;
            default -> DYNAMODB;
        };
    }
}
