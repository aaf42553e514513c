package dev.groundwork.dynamodb.storage;

/**
 * One change in a table's stream, kept as the text of its parts (keys and the images its view type asks for), as
 * compact as the items themselves. {@code byTimeToLive} marks a deletion by the TTL sweeper, which AWS signs with the
 * DynamoDB service principal.
 */
public record StreamRecord(
        long sequence,
        String eventId,
        String eventName,
        long createdAtMillis,
        String keys,
        String newImage,
        String oldImage,
        long sizeBytes,
        boolean byTimeToLive) {

    public static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    public static String sequenceText(long sequence) {
        return String.format("%021d", sequence);
    }
}
