package dev.groundwork.platform.sqs;

/**
 * A message of a batch, read.
 *
 * @param receiveCount  how often SQS has delivered it, this time included ({@code ApproximateReceiveCount})
 * @param correlationId the correlation id of the request that caused it ({@code correlation_id} attribute), if any
 */
public record Received<T>(String messageId, int receiveCount, T body, java.util.Optional<String> correlationId) {

    public Received(String messageId, int receiveCount, T body) {
        this(messageId, receiveCount, body, java.util.Optional.empty());
    }
}
