package dev.groundwork.dynamodb.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

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

    ObjectNode toJson(String region, String viewType) {
        ObjectNode json = Json.object()
                .put("eventID", eventId)
                .put("eventName", eventName)
                .put("eventVersion", "1.1")
                .put("eventSource", "aws:dynamodb")
                .put("awsRegion", region);
        ObjectNode dynamodb = json.putObject("dynamodb");
        dynamodb.put("ApproximateCreationDateTime", createdAtMillis / 1000);
        dynamodb.putRawValue("Keys", new RawValue(keys));
        if (newImage != null) dynamodb.putRawValue("NewImage", new RawValue(newImage));
        if (oldImage != null) dynamodb.putRawValue("OldImage", new RawValue(oldImage));
        dynamodb.put("SequenceNumber", sequenceText(sequence));
        dynamodb.put("SizeBytes", sizeBytes);
        dynamodb.put("StreamViewType", viewType);
        if (byTimeToLive)
            json.putObject("userIdentity").put("PrincipalId", SERVICE_PRINCIPAL).put("Type", "Service");
        return json;
    }
}
