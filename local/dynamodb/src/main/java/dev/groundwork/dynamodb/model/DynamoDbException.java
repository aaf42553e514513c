package dev.groundwork.dynamodb.model;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one error type of the embedded DynamoDB: an AWS error code and message. The HTTP layer turns it into AWS's error
 * response with {@link #httpStatus()}; its ErrorBody alone decides the body's shape (namespace and message member).
 */
public class DynamoDbException extends RuntimeException {
    public static final String VALIDATION = "ValidationException";
    public static final String SERIALIZATION = "SerializationException";
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    public static final String RESOURCE_IN_USE = "ResourceInUseException";
    public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailedException";
    public static final String TRANSACTION_CANCELED = "TransactionCanceledException";
    public static final String TRANSACTION_CONFLICT = "TransactionConflictException";
    public static final String TRANSACTION_IN_PROGRESS = "TransactionInProgressException";
    public static final String IDEMPOTENT_PARAMETER_MISMATCH = "IdempotentParameterMismatchException";
    public static final String PROVISIONED_THROUGHPUT_EXCEEDED = "ProvisionedThroughputExceededException";
    public static final String THROTTLING = "ThrottlingException";
    public static final String LIMIT_EXCEEDED = "LimitExceededException";
    public static final String ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED = "ItemCollectionSizeLimitExceededException";
    public static final String EXPIRED_ITERATOR = "ExpiredIteratorException";
    public static final String TRIMMED_DATA_ACCESS = "TrimmedDataAccessException";
    public static final String UNKNOWN_OPERATION = "UnknownOperationException";
    public static final String MISSING_AUTHENTICATION_TOKEN = "MissingAuthenticationTokenException";
    public static final String INCOMPLETE_SIGNATURE = "IncompleteSignatureException";
    public static final String ACCESS_DENIED = "AccessDeniedException";
    public static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";
    public static final String EXPIRED_TOKEN = "ExpiredTokenException";
    public static final String INTERNAL_SERVER_ERROR = "InternalServerError";
    public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

    private final String code;
    private final Map<String, AttributeValue> item;
    private final List<CancellationReason> cancellationReasons;

    public DynamoDbException(String code, String message) {
        this(code, message, null, List.of());
    }

    private DynamoDbException(
            String code, String message, Map<String, AttributeValue> item, List<CancellationReason> reasons) {
        super(message, null, false, false);
        this.code = code;
        this.item = item;
        this.cancellationReasons = List.copyOf(reasons);
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException(VALIDATION, message);
    }

    public static DynamoDbException serialization(String message) {
        return new DynamoDbException(SERIALIZATION, message);
    }

    public static DynamoDbException resourceNotFound(String message) {
        return new DynamoDbException(RESOURCE_NOT_FOUND, message);
    }

    public static DynamoDbException resourceInUse(String message) {
        return new DynamoDbException(RESOURCE_IN_USE, message);
    }

    /**
     * A failed condition; {@code itemOrNull} is the current item when the request asked for it
     * (ReturnValuesOnConditionCheckFailure=ALL_OLD), null otherwise.
     */
    public static DynamoDbException conditionalCheckFailed(Map<String, AttributeValue> itemOrNull) {
        Map<String, AttributeValue> item = itemOrNull == null ? null : Map.copyOf(itemOrNull);
        return new DynamoDbException(CONDITIONAL_CHECK_FAILED, "The conditional request failed", item, List.of());
    }

    /** AWS lists the reason codes in request order in the message, e.g. {@code [ConditionalCheckFailed, None]}. */
    public static DynamoDbException transactionCanceled(List<CancellationReason> reasons) {
        String codes =
                String.join(", ", reasons.stream().map(CancellationReason::code).toList());
        return new DynamoDbException(
                TRANSACTION_CANCELED,
                "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes + "]",
                null,
                reasons);
    }

    /** An IAM denial; the message names the principal, the action, the resource and the reason, as AWS does. */
    public static DynamoDbException accessDenied(String message) {
        return new DynamoDbException(ACCESS_DENIED, message);
    }

    /** AWS's answer to an access key it does not know. */
    public static DynamoDbException unrecognizedClient() {
        return new DynamoDbException(UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }

    /** AWS's answer to a session key whose credentials have expired. */
    public static DynamoDbException expiredToken() {
        return new DynamoDbException(EXPIRED_TOKEN, "The security token included in the request is expired");
    }

    public static DynamoDbException provisionedThroughputExceeded() {
        return new DynamoDbException(
                PROVISIONED_THROUGHPUT_EXCEEDED,
                "The level of configured provisioned throughput for the table was exceeded. "
                        + "Consider increasing your provisioning level with the UpdateTable API.");
    }

    public static DynamoDbException serviceUnavailable() {
        return new DynamoDbException(SERVICE_UNAVAILABLE, "Service Unavailable");
    }

    public static DynamoDbException internalServerError(String message) {
        return new DynamoDbException(INTERNAL_SERVER_ERROR, message);
    }

    public String code() {
        return code;
    }

    /** The item returned with a ConditionalCheckFailedException, when asked for. */
    public Optional<Map<String, AttributeValue>> item() {
        return Optional.ofNullable(item);
    }

    public List<CancellationReason> cancellationReasons() {
        return cancellationReasons;
    }

    /** AWS answers 500 for InternalServerError, 503 for ServiceUnavailable and 400 for every other error. */
    public int httpStatus() {
        return switch (code) {
            case INTERNAL_SERVER_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
            default -> 400;
        };
    }

    /** One entry of a TransactionCanceledException's CancellationReasons: code "None" for an action that did not fail. */
    public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {
        public static final CancellationReason NONE = new CancellationReason("None", null, null);

        public static CancellationReason conditionalCheckFailed(Map<String, AttributeValue> itemOrNull) {
            return new CancellationReason("ConditionalCheckFailed", "The conditional request failed", itemOrNull);
        }

        public Optional<String> messageIfAny() {
            return Optional.ofNullable(message);
        }

        public Optional<Map<String, AttributeValue>> itemIfAny() {
            return Optional.ofNullable(item);
        }
    }
}
