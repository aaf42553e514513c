package dev.groundwork.dynamodb.conformance;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** The two AWS SDK v2 clients a test talks through, built once per target as an application would build them. */
public record TargetClients(DynamoDbClient dynamo, DynamoDbStreamsClient streams) {

    public static final Region REGION = Region.US_EAST_1;

    public static TargetClients forEndpoint(URI endpoint) {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("groundwork", "groundwork"));
        // Standard retries would retry throttling and 5xx answers, and hide what the server said from the test.
        DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        return new TargetClients(dynamo, streams);
    }
}
