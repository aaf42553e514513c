package dev.groundwork.dynamodb.protocol;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.util.Map;

/**
 * DynamoDB operations the embedded server does not implement. Each answers UnknownOperationException (what an
 * SDK gets from a server that lacks an operation) with a message naming the feature, instead of a bare 400.
 */
final class UnsupportedOperations {
    private static final Map<String, String> FEATURES = Map.ofEntries(
            Map.entry("ExecuteStatement", "PartiQL"),
            Map.entry("BatchExecuteStatement", "PartiQL"),
            Map.entry("ExecuteTransaction", "PartiQL"),
            Map.entry("CreateBackup", "on-demand backups"),
            Map.entry("DeleteBackup", "on-demand backups"),
            Map.entry("DescribeBackup", "on-demand backups"),
            Map.entry("ListBackups", "on-demand backups"),
            Map.entry("RestoreTableFromBackup", "on-demand backups"),
            Map.entry("RestoreTableToPointInTime", "point-in-time recovery"),
            Map.entry("UpdateContinuousBackups", "point-in-time recovery"),
            Map.entry("DescribeContinuousBackups", "point-in-time recovery"),
            Map.entry("CreateGlobalTable", "global tables"),
            Map.entry("UpdateGlobalTable", "global tables"),
            Map.entry("DescribeGlobalTable", "global tables"),
            Map.entry("ListGlobalTables", "global tables"),
            Map.entry("UpdateGlobalTableSettings", "global tables"),
            Map.entry("DescribeGlobalTableSettings", "global tables"),
            Map.entry("UpdateTableReplicaAutoScaling", "global tables"),
            Map.entry("DescribeTableReplicaAutoScaling", "auto scaling"),
            Map.entry("ExportTableToPointInTime", "export to S3"),
            Map.entry("DescribeExport", "export to S3"),
            Map.entry("ListExports", "export to S3"),
            Map.entry("ImportTable", "import from S3"),
            Map.entry("DescribeImport", "import from S3"),
            Map.entry("ListImports", "import from S3"),
            Map.entry("EnableKinesisStreamingDestination", "Kinesis Data Streams destinations"),
            Map.entry("DisableKinesisStreamingDestination", "Kinesis Data Streams destinations"),
            Map.entry("DescribeKinesisStreamingDestination", "Kinesis Data Streams destinations"),
            Map.entry("UpdateKinesisStreamingDestination", "Kinesis Data Streams destinations"),
            Map.entry("DescribeContributorInsights", "CloudWatch Contributor Insights"),
            Map.entry("UpdateContributorInsights", "CloudWatch Contributor Insights"),
            Map.entry("ListContributorInsights", "CloudWatch Contributor Insights"),
            Map.entry("PutResourcePolicy", "resource-based policies"),
            Map.entry("GetResourcePolicy", "resource-based policies"),
            Map.entry("DeleteResourcePolicy", "resource-based policies"),
            Map.entry("DescribeLimits", "account limits"),
            Map.entry("DescribeEndpoints", "endpoint discovery"));

    private UnsupportedOperations() {}

    /** Throws the error naming the feature when {@code operation} is one the server knows it does not implement. */
    static void refuse(String operation) {
        String feature = FEATURES.get(operation);
        if (feature != null) {
            throw new DynamoDbException(
                    DynamoDbException.UNKNOWN_OPERATION,
                    operation + " is not supported by Groundwork's embedded DynamoDB (not implemented: " + feature
                            + ")");
        }
    }
}
