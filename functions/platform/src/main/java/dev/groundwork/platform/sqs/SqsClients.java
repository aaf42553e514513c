package dev.groundwork.platform.sqs;

import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.config.AwsSettings;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS client, built once per container like every client ({@link AwsClients#client}). It lives in this package,
 * not in {@link AwsClients}, because only the functions that send or receive messages carry the SQS SDK.
 */
public final class SqsClients {
    private SqsClients() {}

    public static SqsClient create(AwsSettings aws) {
        return AwsClients.client(SqsClient.builder(), aws, aws.sqsEndpoint());
    }
}
