package dev.groundwork.platform.config;

import java.net.URI;
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
        Optional<URI> stsEndpoint) {
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";
    public static final String STS_ENDPOINT = "STS_ENDPOINT";
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";
    public static final String CONTAINER_CREDENTIALS_FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    public static final String CONTAINER_AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

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
                Environment.optional(env, STS_ENDPOINT).map(URI::create));
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
                + ", sqs=" + sqsEndpoint + ", sts=" + stsEndpoint + "]";
    }
}
