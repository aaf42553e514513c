package dev.groundwork.platform.config;

import dev.groundwork.platform.snapstart.AfterRestore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.util.HttpResourcesUtils;
import software.amazon.awssdk.regions.util.ResourcesEndpointProvider;
import software.amazon.awssdk.regions.util.ResourcesEndpointRetryPolicy;
import software.amazon.awssdk.utils.cache.CachedSupplier;
import software.amazon.awssdk.utils.cache.RefreshResult;

/**
 * Credentials from the container credentials endpoint Lambda gives a SnapStart function, fetched when first needed
 * and refreshed by the SDK's own cache before they expire.
 *
 * <p>Why not the SDK's {@code ContainerCredentialsProvider}: it reads {@code AWS_CONTAINER_CREDENTIALS_FULL_URI} and
 * {@code AWS_CONTAINER_AUTHORIZATION_TOKEN} only from the process environment or JVM-wide system properties (its
 * builder's {@code endpoint} is the host of the relative URI, and it has no token option), so it cannot be given the
 * function's own environment map (house style rule 3). This is the same request, made with the SDK's own pieces:
 * {@link HttpResourcesUtils} (as the SDK's loader calls the endpoint, with the {@code Authorization} header), the
 * SDK's JSON reader, and {@link CachedSupplier} with the SDK provider's stale and prefetch margins.
 */
final class ContainerCredentials implements AwsCredentialsProvider {
    /** The SDK's container provider treats credentials as stale a minute before they expire, and prefetches at 5. */
    private static final Duration STALE_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private static final Duration PREFETCH_BEFORE_EXPIRY = Duration.ofMinutes(5);

    /** Retries a failed connection or a 5xx, as the SDK's container provider does, three times. */
    private static final ResourcesEndpointRetryPolicy RETRY = (retriesAttempted, parameters) ->
            retriesAttempted < 3 && (parameters.getStatusCode() == null || parameters.getStatusCode() >= 500);

    private final ResourcesEndpointProvider endpoint;
    private volatile CachedSupplier<AwsCredentials> cache;
    /** Whether this provider has fetched since it was built or last forgot: whether the function uses it. */
    private volatile boolean fetched;

    /**
     * Renews what was fetched before a SnapStart snapshot (a priming's SDK call fetches credentials): no credentials
     * of the snapshot outlive a restore. Held here because Lambda's runtime holds its hooks weakly.
     */
    final AfterRestore renewOnRestore = AfterRestore.register(this::renew);

    ContainerCredentials(AwsSettings.ContainerEndpoint container) {
        this.endpoint = new ResourcesEndpointProvider() {
            @Override
            public URI endpoint() {
                return container.fullUri();
            }

            @Override
            public ResourcesEndpointRetryPolicy retryPolicy() {
                return RETRY;
            }

            @Override
            public Map<String, String> headers() {
                return container
                        .authorizationToken()
                        .map(token -> Map.of("Authorization", token, "Accept", "application/json"))
                        .orElseGet(() -> Map.of("Accept", "application/json"));
            }
        };
        this.cache = newCache();
    }

    private CachedSupplier<AwsCredentials> newCache() {
        return CachedSupplier.builder(this::fetch)
                .cachedValueName("ContainerCredentials")
                .build();
    }

    @Override
    public AwsCredentials resolveCredentials() {
        return cache.get();
    }

    /** Forgets the credentials fetched so far: the next call fetches them again. */
    void forget() {
        CachedSupplier<AwsCredentials> forgotten = cache;
        fetched = false;
        cache = newCache();
        forgotten.close();
    }

    /**
     * After a restore: forgets the snapshot's credentials and, if the function used them before the snapshot, fetches
     * its own right away, in the restore rather than in the first invoke. AWS lists refreshing credentials among what
     * an after-restore hook is for (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-custom.html);
     * Lambda counts the hook's time as the Restore Duration and allows it 10 seconds
     * (https://docs.aws.amazon.com/lambda/latest/dg/snapstart-troubleshooting.html). A provider the function never
     * called (a route function's DynamoDB client, whose calls carry the tenant's credentials) fetches nothing. If the
     * endpoint does not answer, the restore goes on with the cache empty, and the first call fetches as it would have
     * (with the SDK's retries): a failed prefetch must not fail a restore that would otherwise serve.
     */
    void renew() {
        boolean used = fetched;
        forget();
        if (used) {
            try {
                resolveCredentials();
            } catch (RuntimeException unreachable) {
                forget();
            }
        }
    }

    private RefreshResult<AwsCredentials> fetch() {
        fetched = true;
        JsonNode json;
        try {
            json = JsonNode.parser().parse(HttpResourcesUtils.instance().readResource(endpoint, "GET"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the container credentials endpoint", e);
        }
        AwsSessionCredentials credentials = AwsSessionCredentials.create(
                text(json, "AccessKeyId"), text(json, "SecretAccessKey"), text(json, "Token"));
        Optional<Instant> expiration =
                json.field("Expiration").filter(JsonNode::isString).map(node -> Instant.parse(node.asString()));
        return RefreshResult.builder((AwsCredentials) credentials)
                .staleTime(expiration.map(at -> at.minus(STALE_BEFORE_EXPIRY)).orElse(null))
                .prefetchTime(
                        expiration.map(at -> at.minus(PREFETCH_BEFORE_EXPIRY)).orElse(null))
                .build();
    }

    private static String text(JsonNode json, String field) {
        return json.field(field)
                .filter(JsonNode::isString)
                .map(JsonNode::asString)
                .orElseThrow(() -> new IllegalStateException("the container credentials have no " + field));
    }
}
