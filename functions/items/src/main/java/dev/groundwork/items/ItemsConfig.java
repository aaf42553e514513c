package dev.groundwork.items;

import static dev.groundwork.platform.config.Environment.optional;
import static dev.groundwork.platform.config.Environment.required;

import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.observability.MetricsSettings;
import dev.groundwork.platform.tenancy.TenantCredentials;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an item function is configured with, read once, in this one place, from an environment map:
 * {@code System.getenv()} in Lambda, the template's environment for the function in the local runner and in tests.
 *
 * @param tenantRoleArn     the role this function assumes as the request's tenant, the only one that may touch the
 *                          table; see {@link #TENANT_ROLE_ARN}
 * @param cursorSigningKey  the HMAC key of page cursors, at least 32 bytes; see {@link #CURSOR_SIGNING_KEY}
 * @param previousCursorSigningKey the key before the last rotation, which still verifies cursors; see
 *     {@link #CURSOR_SIGNING_KEY_PREVIOUS}
 */
public record ItemsConfig(
        String tableName,
        String tenantClaim,
        String tenantRoleArn,
        AwsSettings aws,
        byte[] cursorSigningKey,
        Optional<byte[]> previousCursorSigningKey,
        MetricsSettings metrics) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String TENANT_CLAIM = "TENANT_CLAIM";
    /** The function's tenant role (template.yaml), assumed per tenant with the tenant as a session tag. */
    public static final String TENANT_ROLE_ARN = TenantCredentials.TENANT_ROLE_ARN;
    /**
     * Base64 of at least 32 random bytes. In AWS it comes from the Secrets Manager secret that template.yaml creates
     * (a CloudFormation dynamic reference); the local runner and {@code sam local} may leave it out (see below).
     */
    public static final String CURSOR_SIGNING_KEY = "CURSOR_SIGNING_KEY";
    /**
     * The key before the last rotation, in the same form: it verifies cursors issued before the rotation and signs
     * none. Absent (or an unresolved reference) before the first rotation.
     */
    public static final String CURSOR_SIGNING_KEY_PREVIOUS = "CURSOR_SIGNING_KEY_PREVIOUS";

    public static final String DYNAMODB_ENDPOINT = AwsSettings.DYNAMODB_ENDPOINT;
    /** Set to {@code true} by Groundwork's local runner; {@code AWS_SAM_LOCAL} is what {@code sam local} sets. */
    public static final String GROUNDWORK_LOCAL = "GROUNDWORK_LOCAL";

    public static final String SAM_LOCAL = "AWS_SAM_LOCAL";

    /**
     * A fixed key, used only when the environment says it runs locally and gives no key of its own: local cursors
     * protect local data, and a fixed key keeps them valid across restarts of the runner.
     */
    private static final byte[] LOCAL_CURSOR_KEY =
            "groundwork-local-only-cursor-key-never-used-in-aws".getBytes(StandardCharsets.US_ASCII);

    public ItemsConfig {
        cursorSigningKey = cursorSigningKey.clone();
        previousCursorSigningKey = previousCursorSigningKey.map(byte[]::clone);
    }

    @Override
    public byte[] cursorSigningKey() {
        return cursorSigningKey.clone();
    }

    @Override
    public Optional<byte[]> previousCursorSigningKey() {
        return previousCursorSigningKey.map(byte[]::clone);
    }

    public static ItemsConfig fromEnvironment(Map<String, String> env) {
        return new ItemsConfig(
                required(env, TABLE_NAME),
                optional(env, TENANT_CLAIM).orElse("tenant_id"),
                required(env, TENANT_ROLE_ARN),
                AwsSettings.fromEnvironment(env),
                cursorKey(env),
                resolved(env, CURSOR_SIGNING_KEY_PREVIOUS).map(value -> keyBytes(CURSOR_SIGNING_KEY_PREVIOUS, value)),
                MetricsSettings.fromEnvironment(env, "items"));
    }

    private static byte[] cursorKey(Map<String, String> env) {
        Optional<String> configured = resolved(env, CURSOR_SIGNING_KEY);
        if (configured.isEmpty()) {
            if (isLocal(env)) {
                return LOCAL_CURSOR_KEY.clone();
            }
            throw new IllegalStateException(
                    CURSOR_SIGNING_KEY + " is not set: deploy with template.yaml, which provides it");
        }
        return keyBytes(CURSOR_SIGNING_KEY, configured.get());
    }

    /** A variable's value, unless it is an unresolved "{{resolve:...}}": then no CloudFormation stood in between. */
    private static Optional<String> resolved(Map<String, String> env, String variable) {
        return optional(env, variable).filter(value -> !value.startsWith("{{resolve:"));
    }

    private static byte[] keyBytes(String variable, String value) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(value.strip());
        } catch (IllegalArgumentException notBase64) {
            key = value.getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 32) {
            throw new IllegalStateException(variable + " must hold at least 32 bytes");
        }
        return key;
    }

    private static boolean isLocal(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.get(GROUNDWORK_LOCAL)) || "true".equalsIgnoreCase(env.get(SAM_LOCAL));
    }

    @Override
    public String toString() {
        return "ItemsConfig[table=" + tableName + ", tenantClaim=" + tenantClaim + ", tenantRole=" + tenantRoleArn
                + ", aws=" + aws + ", service=" + metrics.service() + "]";
    }
}
