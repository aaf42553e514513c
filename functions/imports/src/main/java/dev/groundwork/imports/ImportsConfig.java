package dev.groundwork.imports;

import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.config.Environment;
import dev.groundwork.platform.observability.MetricsSettings;
import dev.groundwork.platform.tenancy.TenantCredentials;
import java.util.Map;
import java.util.Optional;

/**
 * The import functions' configuration.
 *
 * @param importJobsQueueUrl present for the function that starts imports, the only one that sends chunks
 * @param maxReceiveCount    the import-jobs queue's maxReceiveCount: the worker's last attempt at a chunk is the one
 *                           after which the queue dead-letters it
 * @param tenantRoleArn      the role the functions touch the table through, as the request's or the chunk's tenant
 */
public record ImportsConfig(
        AwsSettings aws,
        String tableName,
        Optional<String> importJobsQueueUrl,
        int maxReceiveCount,
        String tenantClaim,
        String tenantRoleArn,
        MetricsSettings metrics) {
    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String IMPORT_JOBS_QUEUE_URL = "IMPORT_JOBS_QUEUE_URL";
    public static final String IMPORT_JOBS_MAX_RECEIVE_COUNT = "IMPORT_JOBS_MAX_RECEIVE_COUNT";
    public static final String TENANT_ROLE_ARN = TenantCredentials.TENANT_ROLE_ARN;

    public static ImportsConfig fromEnvironment(Map<String, String> env) {
        return new ImportsConfig(
                AwsSettings.fromEnvironment(env),
                Environment.required(env, TABLE_NAME),
                Environment.optional(env, IMPORT_JOBS_QUEUE_URL),
                Environment.optional(env, IMPORT_JOBS_MAX_RECEIVE_COUNT)
                        .map(Integer::parseInt)
                        .orElse(5),
                Environment.optional(env, "TENANT_CLAIM").orElse("tenant_id"),
                Environment.required(env, TENANT_ROLE_ARN),
                MetricsSettings.fromEnvironment(env, "imports"));
    }

    public String requireImportJobsQueueUrl() {
        return importJobsQueueUrl.orElseThrow(() -> new IllegalStateException(IMPORT_JOBS_QUEUE_URL + " is not set"));
    }
}
