package dev.groundwork.local.template;

import java.time.Duration;

/**
 * An {@code SQS} event source of a function, with Lambda's defaults: batch size 10, no batching window.
 * See https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
 */
public record SqsSourceSpec(
        String queueName,
        String queueArn,
        int batchSize,
        Duration batchingWindow,
        boolean reportBatchItemFailures,
        boolean enabled,
        int maximumConcurrency) {}
