package dev.groundwork.usage;

import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.config.Environment;
import dev.groundwork.platform.observability.MetricsSettings;
import dev.groundwork.platform.tenancy.TenantCredentials;
import java.util.Map;
import java.util.Optional;

/**
 * The usage functions' configuration: the usage table, and for the HTTP route the tenant claim, its tenant role and
 * telemetry names.
 *
 * @param tenantRoleArn present for the route, which reads the table only as the request's tenant; the meter writes
 *                      every tenant's meters with its own role
 */
public record UsageConfig(
        AwsSettings aws,
        String usageTableName,
        String tenantClaim,
        Optional<String> tenantRoleArn,
        MetricsSettings metrics) {
    public static final String USAGE_TABLE_NAME = "USAGE_TABLE_NAME";
    public static final String TENANT_CLAIM = "TENANT_CLAIM";
    public static final String TENANT_ROLE_ARN = TenantCredentials.TENANT_ROLE_ARN;

    public static UsageConfig fromEnvironment(Map<String, String> env) {
        return new UsageConfig(
                AwsSettings.fromEnvironment(env),
                Environment.required(env, USAGE_TABLE_NAME),
                Environment.optional(env, TENANT_CLAIM).orElse("tenant_id"),
                Environment.optional(env, TENANT_ROLE_ARN),
                MetricsSettings.fromEnvironment(env, "usage"));
    }

    public String requireTenantRoleArn() {
        return tenantRoleArn.orElseThrow(() -> new IllegalStateException(TENANT_ROLE_ARN + " is not set"));
    }
}
