package dev.groundwork.local.template;

import java.time.Duration;

/**
 * A {@code DynamoDB} stream event source of a function, with Lambda's defaults: batch size 100, retries until the
 * record expires (-1), no bisecting. See https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-params.html
 */
public record StreamSourceSpec(
        String tableLogicalId,
        String streamArn,
        String startingPosition,
        int batchSize,
        Duration batchingWindow,
        boolean reportBatchItemFailures,
        int maximumRetryAttempts,
        boolean bisectOnError,
        boolean enabled,
        String onFailureQueueName) {}
