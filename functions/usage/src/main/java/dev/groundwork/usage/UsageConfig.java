package dev.groundwork.usage;

import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.config.Environment;
import java.util.Map;

/** The usage functions' configuration: the usage table, and for the HTTP route the tenant claim and telemetry names. */
public record UsageConfig(
        AwsSettings aws, String usageTableName, String tenantClaim, String serviceName, String metricsNamespace) {
    public static final String USAGE_TABLE_NAME = "USAGE_TABLE_NAME";
    public static final String TENANT_CLAIM = "TENANT_CLAIM";

    public static UsageConfig fromEnvironment(Map<String, String> env) {
        return new UsageConfig(
                AwsSettings.fromEnvironment(env),
                Environment.required(env, USAGE_TABLE_NAME),
                Environment.optional(env, TENANT_CLAIM).orElse("tenant_id"),
                Environment.optional(env, "POWERTOOLS_SERVICE_NAME").orElse("usage"),
                Environment.optional(env, "POWERTOOLS_METRICS_NAMESPACE").orElse("Groundwork"));
    }
}
