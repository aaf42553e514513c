package dev.groundwork.local.template;

/**
 * An {@code AWS::Pipes::Pipe} from a DynamoDB stream to an SQS queue: each stream record becomes one message whose
 * body is the record as the pipe delivers it.
 */
public record PipeSpec(
        String logicalId,
        String tableLogicalId,
        String streamArn,
        String startingPosition,
        int batchSize,
        String targetQueueName) {}
