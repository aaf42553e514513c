package dev.groundwork.async.config;

import dev.groundwork.items.shared.config.AwsClients;
import dev.groundwork.items.shared.config.ItemsConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients of the off-request-path functions, once per container, with everything explicit (HTTP
 * client, region, credentials), as the item functions' own factory does.
 */
public final class AsyncClients {
    private AsyncClients() {}

    public static DynamoDbClient dynamoDb(AwsSettings aws) {
        return AwsClients.client(DynamoDbClient.builder(), aws.region(), credentials(aws), aws.dynamoDbEndpoint());
    }

    public static SqsClient sqs(AwsSettings aws) {
        return AwsClients.client(SqsClient.builder(), aws.region(), credentials(aws), aws.sqsEndpoint());
    }

    private static ItemsConfig.AwsCredentials credentials(AwsSettings aws) {
        return new ItemsConfig.AwsCredentials(aws.accessKeyId(), aws.secretAccessKey(), aws.sessionToken());
    }
}
