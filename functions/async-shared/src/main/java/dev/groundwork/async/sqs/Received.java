package dev.groundwork.async.sqs;

/**
 * A message of a batch, read.
 *
 * @param receiveCount how often SQS has delivered it, this time included ({@code ApproximateReceiveCount})
 */
public record Received<T>(String messageId, int receiveCount, T body) {
}
