package dev.groundwork.platform.config;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom every function's SDK clients talk to AWS, as Lambda hands it to a function in its environment:
 * the one place that reads it, for the item functions and the off-path ones alike.
 *
 * @param dynamoDbEndpoint set only by the local runner and tests (an embedded DynamoDB)
 * @param sqsEndpoint      set only by the local runner and tests (an in-process ElasticMQ)
 */
public record AwsSettings(
        String region,
        String accessKeyId,
        String secretAccessKey,
        Optional<String> sessionToken,
        Optional<URI> dynamoDbEndpoint,
        Optional<URI> sqsEndpoint) {
    public static final String DYNAMODB_ENDPOINT = "DYNAMODB_ENDPOINT";
    public static final String SQS_ENDPOINT = "SQS_ENDPOINT";

    public static AwsSettings fromEnvironment(Map<String, String> env) {
        return new AwsSettings(
                Environment.required(env, "AWS_REGION"),
                Environment.required(env, "AWS_ACCESS_KEY_ID"),
                Environment.required(env, "AWS_SECRET_ACCESS_KEY"),
                Environment.optional(env, "AWS_SESSION_TOKEN"),
                Environment.optional(env, DYNAMODB_ENDPOINT).map(URI::create),
                Environment.optional(env, SQS_ENDPOINT).map(URI::create));
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", accessKeyId=" + accessKeyId + ", secret hidden, dynamoDb="
                + dynamoDbEndpoint + ", sqs=" + sqsEndpoint + "]";
    }
}
