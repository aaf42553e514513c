package dev.groundwork.async.config;

import dev.groundwork.items.shared.config.AwsClients;
import dev.groundwork.items.shared.config.AwsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client of the off-request-path functions, built once per container like every client
 * ({@link AwsClients#client}); it lives here because only these functions carry the SQS SDK.
 */
public final class AsyncClients {
    private AsyncClients() {}

    public static SqsClient sqs(AwsSettings aws) {
        return AwsClients.client(SqsClient.builder(), aws, aws.sqsEndpoint());
    }
}
