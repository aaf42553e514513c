package dev.groundwork.local.lambda;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How one invocation ended, as Lambda reports it to the service that invoked the function. */
public sealed interface InvocationResult {

    /** The request id, the time it took, and whether a new instance had to start for it. */
    record Meta(String requestId, Duration duration, boolean coldStart) {}

    Meta meta();

    /** The function returned; {@code payload} is its response serialized as the Lambda runtime does. */
    record Success(byte[] payload, Meta meta) implements InvocationResult {
        public String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The function (or its init) threw; Lambda's error shape: errorType, errorMessage. */
    record Failure(String errorType, String errorMessage, Meta meta) implements InvocationResult {}

    /** The function ran past its timeout and was stopped. */
    record Timeout(Duration limit, Meta meta) implements InvocationResult {}
}
