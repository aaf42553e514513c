package dev.groundwork.dynamodb.storage;

import java.util.List;
import java.util.Map;

/**
 * What a table is at one moment, in plain values: what DescribeTable answers and what the journal keeps of it. Taken
 * by {@link Table#description()} under the table's lock, rendered as JSON outside it.
 *
 * @param stream the table's latest stream, enabled or not; null when it never had one
 * @param timeToLiveAttribute null when TTL is disabled
 * @param lastIncreaseMillis when UpdateTable last raised the provisioned throughput; 0 if it never has
 * @param lastDecreaseMillis when UpdateTable last lowered it; 0 if it never has
 */
public record TableDescription(
        String name,
        String id,
        String arn,
        long createdAtMillis,
        Map<String, String> attributeTypes,
        KeySchema keys,
        List<Index> indexes,
        String billingMode,
        long readCapacity,
        long writeCapacity,
        long itemCount,
        long sizeBytes,
        Stream stream,
        String timeToLiveAttribute,
        Map<String, String> tags,
        boolean deletionProtected,
        long lastIncreaseMillis,
        long lastDecreaseMillis,
        int decreases) {

    public boolean payPerRequest() {
        return billingMode.equals("PAY_PER_REQUEST");
    }

    /** @param creating whether an index that UpdateTable added is still backfilling (CREATING) */
    public record Index(
            String name,
            boolean global,
            KeySchema keys,
            IndexProjection projection,
            String arn,
            long readCapacity,
            long writeCapacity,
            long sizeBytes,
            long itemCount,
            boolean creating) {}

    public record Stream(String arn, String label, String viewType, boolean enabled) {}
}
