package dev.groundwork.async.config;

import dev.groundwork.items.shared.config.AwsClients;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Builds the SDK clients of the off-request-path functions, once per container, with everything explicit (HTTP
 * client, region, credentials), as the item functions' own factory does.
 */
public final class AsyncClients {
    private AsyncClients() {
    }

    public static DynamoDbClient dynamoDb(AwsSettings aws) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(AwsClients.httpClient())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials(aws)));
        aws.dynamoDbEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    public static SqsClient sqs(AwsSettings aws) {
        SqsClientBuilder builder = SqsClient.builder()
                .httpClient(AwsClients.httpClient())
                .region(Region.of(aws.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials(aws)));
        aws.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    private static AwsCredentials credentials(AwsSettings aws) {
        return aws.sessionToken()
                .<AwsCredentials>map(token -> AwsSessionCredentials.create(aws.accessKeyId(), aws.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(aws.accessKeyId(), aws.secretAccessKey()));
    }
}
