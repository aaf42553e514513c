package dev.groundwork.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Asserts what an SDK call raised the way an application sees it: the SDK exception class, the AWS error code and
 * the message AWS sends (compared on its telling part, as AWS's wording around it varies by operation).
 */
public final class AwsErrors {

    private AwsErrors() {}

    /** A ValidationException (the SDK has no class of its own for it) whose message contains each part given. */
    public static DynamoDbException assertValidationError(ThrowingCallable call, String... messageParts) {
        DynamoDbException error = assertError(DynamoDbException.class, "ValidationException", call);
        if (messageParts.length > 0) {
            assertThat(error.awsErrorDetails().errorMessage()).contains(messageParts);
        }
        return error;
    }

    /** An error of the given SDK class whose AWS error code is the class's simple name. */
    public static <T extends DynamoDbException> T assertError(Class<T> type, ThrowingCallable call) {
        return assertError(type, type.getSimpleName(), call);
    }

    public static <T extends DynamoDbException> T assertError(Class<T> type, String code, ThrowingCallable call) {
        T error = catchThrowableOfType(type, call);
        assertThat(error).as("expected %s (%s)", type.getSimpleName(), code).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(code);
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }
}
