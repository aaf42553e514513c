package dev.groundwork.dynamodb.engine;

/**
 * One change in a table's stream, kept as the text of its parts (keys and the images its view type asks for), as
 * compact as the items themselves. {@code byTimeToLive} marks a deletion by the TTL sweeper, which AWS signs with the
 * DynamoDB service principal.
 */
record StreamRecord(
        long sequence,
        String eventId,
        String eventName,
        long createdAtMillis,
        String keys,
        String newImage,
        String oldImage,
        long sizeBytes,
        boolean byTimeToLive) {

    static final String SERVICE_PRINCIPAL = "dynamodb.amazonaws.com";

    static String sequenceText(long sequence) {
        return String.format("%021d", sequence);
    }
}
