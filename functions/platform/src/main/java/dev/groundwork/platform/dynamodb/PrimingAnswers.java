package dev.groundwork.platform.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.Capacity;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;

/**
 * Parts of DynamoDB's answers to writes that succeed, built in memory as the SDK builds them, for SnapStart primings:
 * a priming's writes are refused, so without these the first write after a restore would load their classes and
 * field accessors.
 */
public final class PrimingAnswers {
    private PrimingAnswers() {}

    /** The consumed capacity DynamoDB reports for a write of {@code units} to {@code table}. */
    public static ConsumedCapacity consumedCapacity(String table, double units) {
        return ConsumedCapacity.builder()
                .tableName(table)
                .capacityUnits(units)
                .table(Capacity.builder().capacityUnits(units).build())
                .build();
    }
}
