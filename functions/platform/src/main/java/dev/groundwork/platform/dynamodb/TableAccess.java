package dev.groundwork.platform.dynamodb;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * As whom a repository's calls reach its table, set on every request ({@code overrideConfiguration}) over the one
 * client a container builds: one client, the credentials chosen per call.
 *
 * <p>On the request path that is the tenant of the request ({@link #asRequestTenant}), whose role IAM confines to the
 * tenant's partition; the function's own role may not touch the table at all, so a call that forgets this is refused
 * too; the import worker writes each chunk the same way, as the chunk's tenant. The consumers that serve every tenant
 * by design (the stream relay, the usage meter) call as the function ({@link #asFunction}), with their own roles'
 * rights.
 *
 * @param override what each call sets: the credentials provider, or nothing
 */
public record TableAccess(AwsRequestOverrideConfiguration override) {
    private static final TableAccess AS_FUNCTION =
            new TableAccess(AwsRequestOverrideConfiguration.builder().build());

    /** Every call with the credentials of the tenant whose request is being served (a {@code TenantCredentials}). */
    public static TableAccess asRequestTenant(AwsCredentialsProvider tenantCredentials) {
        return new TableAccess(AwsRequestOverrideConfiguration.builder()
                .credentialsProvider(tenantCredentials)
                .build());
    }

    /** Every call with the client's own credentials: the function's execution role. */
    public static TableAccess asFunction() {
        return AS_FUNCTION;
    }
}
