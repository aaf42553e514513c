package dev.groundwork.platform.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom every function's SDK clients talk to AWS, as Lambda hands it to a function in its environment:
 * the one place that reads it, for the item functions and the off-path ones alike.
 *
 * @param credentials      the credentials Lambda hands this function: its keys, or (under SnapStart) a container
 *                         credentials endpoint
 * @param dynamoDbEndpoint set only by the local runner and tests (an embedded DynamoDB)
 * @param sqsEndpoint      set only by the local runner and tests (an in-process ElasticMQ)
 * @param stsEndpoint      set only by the local runner and tests (the embedded DynamoDB's STS stand-in, which vends
 *                         the tenant credentials it then enforces)
 */
public record AwsSettings(
        String region,
        Credentials credentials,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> sqsEndpoint,
        Optional<URI> stsEndpoint,
        CallTimeouts timeouts) {
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    public static final String STS_ENDPOINT = "STS_ENDPOINT";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String CONTAINER_AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    public static final String ATTEMPT_TIMEOUT_MS = "SDK_ATTEMPT_TIMEOUT_MS";
    public static final String CALL_TIMEOUT_MS = "SDK_CALL_TIMEOUT_MS";

    /**
     * How long one attempt of an SDK call may take before the SDK gives up on it and retries (on a fresh connection),
     * and how long the call may take with its retries. Without them a call over a connection that stopped moving waits
     * for the HTTP client's 30 s socket timeout, past a route function's 15 s: Lambda would end the invocation with no
     * answer of the function's own, no access log line and no metrics. With them the retry answers, or the route
     * answers 503 {@code service-unavailable} (an {@code SdkClientException}) well inside the function's timeout.
     * DynamoDB, SQS and STS answer in milliseconds (a 100-item transaction in well under a second), so 3 s is a stall,
     * not a slow answer; 10 s leaves a 15 s route 5 s to answer.
     */
    public record CallTimeouts(Duration attempt, Duration call) {
        public static final CallTimeouts DEFAULT = new CallTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));

        public CallTimeouts {
            if (attempt.isNegative() || attempt.isZero() || call.compareTo(attempt) < 0) {
                throw new IllegalStateException(
                        "an SDK call's timeout must be at least its attempt's, and both positive: " + attempt + ", "
                                + call);
            }
        }

        static CallTimeouts fromEnvironment(Map<String, String> env) {
            return new CallTimeouts(
                    milliseconds(env, ATTEMPT_TIMEOUT_MS).orElse(DEFAULT.attempt()),
                    milliseconds(env, CALL_TIMEOUT_MS).orElse(DEFAULT.call()));
        }

        private static Optional<Duration> milliseconds(Map<String, String> env, String name) {
            return Environment.optional(env, name).map(text -> {
                try {
                    return Duration.ofMillis(Long.parseLong(text.strip()));
                } catch (NumberFormatException notANumber) {
                    throw new IllegalStateException(name + " must be a number of milliseconds, not '" + text + "'");
                }
            });
        }
    }

    /**
     * The credentials Lambda hands a function. Without SnapStart they are the execution role's keys, in the
     * environment for the life of the execution environment; with SnapStart there are no keys, only an endpoint to
     * fetch (and refresh) them from, so that no credentials are frozen into the snapshot.
     * See https://docs.aws.amazon.com/lambda/latest/dg/snapstart-activate.html (SnapStart and credentials).
     */
    public sealed interface Credentials {}

    /** {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and, from an assumed role, {@code AWS_SESSION_TOKEN}. */
    public record EnvironmentKeys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
            implements Credentials {
        @Override
        public String toString() {
            return "EnvironmentKeys[accessKeyId=" + accessKeyId + ", secret hidden]";
        }
    }

    /** {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}, as under SnapStart. */
    public record ContainerEndpoint(URI fullUri, Optional<String> authorizationToken) implements Credentials {
        @Override
        public String toString() {
            return "ContainerEndpoint[" + fullUri + ", token hidden]";
        }
    }

    public static AwsSettings fromEnvironment(Map<String, String> env) {
        return new AwsSettings(
                Environment.required(env, "AWS_REGION"),
                credentials(env),
                Environment.optional(env, DYNAMODB_ENDPOINT).map(URI::create),
                Environment.optional(env, SQS_ENDPOINT).map(URI::create),
                Environment.optional(env, STS_ENDPOINT).map(URI::create),
                CallTimeouts.fromEnvironment(env));
    }

    /** Keys when Lambda gives keys, else the container endpoint: the order of the SDK's default chain. */
    private static Credentials credentials(Map<String, String> env) {
        Optional<String> accessKeyId = Environment.optional(env, ACCESS_KEY_ID);
        if (accessKeyId.isPresent()) {
            return new EnvironmentKeys(
                    accessKeyId.get(),
                    Environment.required(env, SECRET_ACCESS_KEY),
                    Environment.optional(env, SESSION_TOKEN));
        }
        return Environment.optional(env, CONTAINER_CREDENTIALS_FULL_URI)
                .<Credentials>map(uri -> new ContainerEndpoint(
                        URI.create(uri), Environment.optional(env, CONTAINER_AUTHORIZATION_TOKEN)))
                .orElseThrow(() -> new IllegalStateException(
                        "neither " + ACCESS_KEY_ID + " nor " + CONTAINER_CREDENTIALS_FULL_URI + " is set"));
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", credentials=" + credentials + ", dynamoDb=" + dynamoDbEndpoint
                + ", sqs=" + sqsEndpoint + ", sts=" + stsEndpoint + ", timeouts=" + timeouts + "]";
    }
}
