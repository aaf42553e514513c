package dev.groundwork.items;

import static dev.groundwork.platform.config.Environment.optional;
import static dev.groundwork.platform.config.Environment.required;

import dev.groundwork.platform.config.AwsSettings;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Everything an item function is configured with, read once, in this one place, from an environment map:
 * {@code System.getenv()} in Lambda, the template's environment for the function in the local runner and in tests.
 *
 * @param cursorSigningKey  the HMAC key of page cursors, at least 32 bytes; see {@link #CURSOR_SIGNING_KEY}
 */
public record ItemsConfig(
        String tableName,
        String tenantClaim,
        AwsSettings aws,
        byte[] cursorSigningKey,
        String serviceName,
        String metricsNamespace) {

    public static final String TABLE_NAME = "TABLE_NAME";
    public static final String TENANT_CLAIM = "TENANT_CLAIM";
    /**
     * Base64 of at least 32 random bytes. In AWS it comes from the Secrets Manager secret that template.yaml creates
     * (a CloudFormation dynamic reference); the local runner and {@code sam local} may leave it out (see below).
     */
    public static final String CURSOR_SIGNING_KEY = "CURSOR_SIGNING_KEY";

    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
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
    }

    @Override
    public byte[] cursorSigningKey() {
        return cursorSigningKey.clone();
    }

    public static ItemsConfig fromEnvironment(Map<String, String> env) {
        return new ItemsConfig(
                required(env, TABLE_NAME),
                optional(env, TENANT_CLAIM).orElse("tenant_id"),
                AwsSettings.fromEnvironment(env),
                cursorKey(env),
                optional(env, SERVICE_NAME).orElse("items"),
                optional(env, METRICS_NAMESPACE).orElse("Groundwork"));
    }

    private static byte[] cursorKey(Map<String, String> env) {
        // An unresolved "{{resolve:...}}" means no CloudFormation stood between the template and this process.
        Optional<String> configured =
                optional(env, CURSOR_SIGNING_KEY).filter(value -> !value.startsWith("{{resolve:"));
        if (configured.isEmpty()) {
            if (isLocal(env)) {
                return LOCAL_CURSOR_KEY.clone();
            }
            throw new IllegalStateException(
                    CURSOR_SIGNING_KEY + " is not set: deploy with template.yaml, which provides it");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(configured.get().strip());
        } catch (IllegalArgumentException notBase64) {
            key = configured.get().getBytes(StandardCharsets.UTF_8);
        }
        if (key.length < 32) {
            throw new IllegalStateException(CURSOR_SIGNING_KEY + " must hold at least 32 bytes");
        }
        return key;
    }

    private static boolean isLocal(Map<String, String> env) {
        return "true".equalsIgnoreCase(env.get(GROUNDWORK_LOCAL)) || "true".equalsIgnoreCase(env.get(SAM_LOCAL));
    }

    @Override
    public String toString() {
        return "ItemsConfig[table=" + tableName + ", tenantClaim=" + tenantClaim + ", aws=" + aws + ", service="
                + serviceName + "]";
    }
}
