package dev.groundwork.bench.peer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.Tag;

/**
 * The least code for the isolation the product has below its code (docs/security.md, "Isolation below the code"): a
 * request reaches the table as its tenant, through the function's tenant role assumed with the session tag
 * {@code tenant_id}, and each tenant's credentials are kept until a minute before they expire.
 */
final class PeerTenantRoles implements PeerCredentials {
    private final StsClient sts;
    private final String role;
    private final Map<String, Credentials> byTenant = new ConcurrentHashMap<>();

    PeerTenantRoles(Map<String, String> env) {
        this.sts = PeerClient.sts(env);
        this.role = env.get("TENANT_ROLE_ARN");
    }

    @Override
    public AwsRequestOverrideConfiguration of(String tenant) {
        Credentials held = byTenant.compute(
                tenant,
                (name, before) -> before != null
                                && before.expiration().isAfter(Instant.now().plus(Duration.ofMinutes(1)))
                        ? before
                        : sts.assumeRole(request -> request.roleArn(role)
                                        .roleSessionName(name)
                                        .tags(Tag.builder()
                                                .key("tenant_id")
                                                .value(name)
                                                .build()))
                                .credentials());
        return AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(held.accessKeyId(), held.secretAccessKey(), held.sessionToken())))
                .build();
    }
}
