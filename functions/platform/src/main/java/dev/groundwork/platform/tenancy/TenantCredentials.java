package dev.groundwork.platform.tenancy;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.config.AwsClients;
import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.snapstart.AfterRestore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;
import software.amazon.awssdk.services.sts.model.Tag;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * The credentials of the tenant whose request this thread serves: the function's tenant role, assumed with the
 * tenant as the session tag {@value #TAG}, so that IAM itself (the role's {@code dynamodb:LeadingKeys} condition on
 * {@code TENANT#${aws:PrincipalTag/tenant_id}}) refuses any key outside that tenant's partition, whatever the code
 * below the HTTP adapter does. The tenant is bound by {@link #actingFor} from the verified token only; a DynamoDB call
 * made on no tenant's behalf gets no credentials at all.
 *
 * <p>Each container keeps the credentials per tenant: at most {@code maxTenants} tenants, the least recently served
 * dropped first, each for at most the session's {@value #SESSION_SECONDS} seconds, fetched again by the caller that
 * finds them within {@link #PREFETCH_BEFORE_EXPIRY} of expiring (the SDK's {@link CachedSupplier}, one caller
 * blocking; no background thread, which Lambda would freeze between invocations). A restore from a SnapStart
 * snapshot forgets them all, and a priming's made-up tenant is forgotten as soon as it is primed
 * ({@link #forget}), so no tenant's credentials live in a snapshot.
 */
public final class TenantCredentials implements TenantScope, AwsCredentialsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TenantCredentials.class);

    /** The variable that names a request-path function's tenant role (template.yaml: {@code !GetAtt <Function>TenantRole.Arn}). */
    public static final String TENANT_ROLE_ARN = "TENANT_ROLE_ARN";

    /** The session tag that names the tenant; the tenant roles' policies read it as {@code aws:PrincipalTag/tenant_id}. */
    public static final String TAG = "tenant_id";

    /** STS's shortest session: a tenant's credentials outlive its last request by at most 15 minutes. */
    static final int SESSION_SECONDS = 900;

    /** As the SDK's own STS providers: refreshed by the first caller 5 minutes before expiry, never used in the last. */
    static final Duration PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    static final Duration STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);

    /** Tenants served recently enough to keep: a few hundred bytes each. */
    public static final int DEFAULT_MAX_TENANTS = 1_000;

    /** A role session name is 2-64 of {@code [\w+=,.@-]}; a tenant id is 1-64 of {@code [A-Za-z0-9._-]}. */
    private static final int MIN_SESSION_NAME = 2;

    private final StsClient sts;
    private final String roleArn;
    private final Clock clock;
    private final int maxTenants;
    private final ThreadLocal<TenantId> served = new ThreadLocal<>();
    private final Map<TenantId, CachedSupplier<AwsCredentials>> sessions;

    /** Held because Lambda's runtime holds its hooks weakly. */
    final AfterRestore forgetOnRestore = AfterRestore.register(this::forgetAll);

    public TenantCredentials(StsClient sts, String roleArn, Clock clock, int maxTenants) {
        this.sts = sts;
        this.roleArn = roleArn;
        this.clock = clock;
        this.maxTenants = maxTenants;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true);
    }

    /**
     * The credentials of {@code roleArn}'s sessions, through an STS client built as every other client is (the
     * function's own credentials, region, HTTP client, and the local runner's endpoint).
     */
    public static TenantCredentials create(AwsSettings aws, String roleArn) {
        StsClient sts = AwsClients.client(StsClient.builder(), aws, aws.stsEndpoint());
        return new TenantCredentials(sts, roleArn, Clock.systemUTC(), DEFAULT_MAX_TENANTS);
    }

    @Override
    public <T> T actingFor(TenantId tenant, Supplier<T> work) {
        TenantId outer = served.get();
        served.set(tenant);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                served.remove();
            } else {
                served.set(outer);
            }
        }
    }

    /** The credentials of the tenant this thread is serving; a call on nobody's behalf is a bug, and fails. */
    @Override
    public AwsCredentials resolveCredentials() {
        TenantId tenant = served.get();
        if (tenant == null) {
            throw new IllegalStateException("a call that needs a tenant's credentials was made outside a request");
        }
        return session(tenant).get();
    }

    @Override
    public void forget(TenantId tenant) {
        CachedSupplier<AwsCredentials> session;
        synchronized (sessions) {
            session = sessions.remove(tenant);
        }
        if (session != null) {
            session.close();
        }
    }

    /** How many tenants' credentials this container holds now. */
    public int tenantsHeld() {
        synchronized (sessions) {
            return sessions.size();
        }
    }

    void forgetAll() {
        synchronized (sessions) {
            // A loop, not a lambda: this runs after each restore, where a lambda's first run would make its class.
            for (CachedSupplier<AwsCredentials> session : sessions.values()) {
                session.close();
            }
            sessions.clear();
        }
    }

    private CachedSupplier<AwsCredentials> session(TenantId tenant) {
        synchronized (sessions) {
            CachedSupplier<AwsCredentials> session = sessions.get(tenant);
            if (session == null) {
                session = CachedSupplier.builder(() -> assume(tenant))
                        .cachedValueName("TenantCredentials")
                        .clock(clock)
                        .build();
                sessions.put(tenant, session);
                if (sessions.size() > maxTenants) {
                    var eldest = sessions.entrySet().iterator();
                    eldest.next().getValue().close();
                    eldest.remove();
                }
            }
            // The fetch itself runs outside this lock: one tenant's STS call never waits for another's.
            return session;
        }
    }

    private RefreshResult<AwsCredentials> assume(TenantId tenant) {
        long started = System.nanoTime();
        Credentials credentials;
        try {
            credentials = sts.assumeRole(assume -> assume.roleArn(roleArn)
                            .roleSessionName(sessionName(tenant))
                            .durationSeconds(SESSION_SECONDS)
                            .tags(Tag.builder().key(TAG).value(tenant.value()).build()))
                    .credentials();
        } catch (StsException refused) {
            if (refused.isThrottlingException() || refused.statusCode() >= 500) {
                throw unavailable(refused);
            }
            // Refused for good (the trust policy, the role, the tag): a misconfiguration a retry cannot fix, so a
            // 500 and not a 503 that would invite every client to retry into STS.
            LOG.error("STS refused the tenant role", entry("role", roleArn), refused);
            throw new IllegalStateException("STS refused the tenant role " + roleArn, refused);
        } catch (SdkException unreachable) {
            throw unavailable(unreachable);
        }
        Instant expiration = credentials.expiration();
        LOG.debug(
                "tenant credentials assumed",
                entry("sts_ms", (System.nanoTime() - started) / 1_000_000),
                entry("expires", expiration.toString()));
        return RefreshResult.builder((AwsCredentials) AwsSessionCredentials.builder()
                        .accessKeyId(credentials.accessKeyId())
                        .secretAccessKey(credentials.secretAccessKey())
                        .sessionToken(credentials.sessionToken())
                        .expirationTime(expiration)
                        .build())
                .staleTime(expiration.minus(STALE_BEFORE_EXPIRY))
                .prefetchTime(expiration.minus(PREFETCH_BEFORE_EXPIRY))
                .build();
    }

    /** Throttled or unreachable: the request cannot be served now; HttpFunction answers 503 with Retry-After. */
    private SdkClientException unavailable(SdkException cause) {
        LOG.error("the tenant's credentials could not be obtained", entry("role", roleArn), cause);
        return SdkClientException.create("the tenant's credentials could not be obtained", cause);
    }

    /**
     * The tenant's id itself, so that CloudTrail's record of the session names it, one name per tenant: a tenant id
     * (at most 64 of {@code [A-Za-z0-9._-]}) is a session name as it is, except that a session name takes at least
     * two characters; a one-character id gets an {@code =}, which no tenant id holds.
     */
    static String sessionName(TenantId tenant) {
        return tenant.value().length() >= MIN_SESSION_NAME ? tenant.value() : tenant.value() + "=";
    }

    @Override
    public String toString() {
        return "TenantCredentials[role=" + roleArn + "]";
    }
}
