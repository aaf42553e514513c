package dev.groundwork.local.template;

import java.time.Duration;

/** One {@code AWS::SQS::Queue}; {@code deadLetterQueueName} is null without a redrive policy. */
public record QueueSpec(
        String logicalId,
        String queueName,
        Duration visibilityTimeout,
        Duration retention,
        Duration delay,
        String deadLetterQueueName,
        int maxReceiveCount,
        boolean fifo,
        boolean contentBasedDeduplication) {}
