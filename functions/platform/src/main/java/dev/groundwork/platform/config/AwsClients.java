package dev.groundwork.platform.config;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.protocols.json.internal.AwsStructuredPlainJsonFactory;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.thirdparty.jackson.core.JsonFactory;

/**
 * Builds the SDK clients, once per container. Everything is explicit (HTTP client, region, credentials), so the SDK
 * neither scans the classpath for an HTTP client nor walks its provider chains at cold start.
 *
 * <p>The HTTP client is the SDK's Apache client, not the JDK's URL connection: before sending a POST body in streaming
 * mode (every DynamoDB and SQS call) on a reused keep-alive connection, the JDK checks that connection by reading it
 * with a 1 ms timeout, so every warm call waits that millisecond (measured: GetItem p50 1.3 ms against 0.2 ms, see
 * docs/local-runner.md). The Apache client checks idle connections only after they have been idle.
 */
public final class AwsClients {
    static {
        keepNoNamesInTheSdksJsonParsers();
    }

    private AwsClients() {}

    /**
     * The SDK's JSON protocol (DynamoDB's, SQS's) reads every answer with one factory for the whole process, which by
     * default keeps every member name its parsers read in one table. A DynamoDB answer's member names are an item's
     * attribute names, which tenants choose, and names chosen to land in one slot of that table (its hash adds up
     * 4-byte blocks, so the same blocks in another order collide whatever the seed) fill the slot's overflow, after
     * which Jackson refuses every answer with a name new to the process ("suspect a DoS attack"): one tenant's items
     * would make every other tenant's reads fail (503). So the SDK's parsers keep no names, as Groundwork's own do
     * ({@code TenantKeyedJson}); {@code CollidingKeysTest} holds it. The factory is the SDK's own object, reached
     * through its public accessor; a parser without the table reads each name as new text, as Groundwork's do.
     */
    private static void keepNoNamesInTheSdksJsonParsers() {
        AwsStructuredPlainJsonFactory.SDK_JSON_FACTORY
                .getJsonFactory()
                .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES);
    }

    public static DynamoDbClient dynamoDb(AwsSettings aws) {
        return client(DynamoDbClient.builder(), aws, aws.dynamoDbEndpoint());
    }

    /**
     * Any SDK client of a function, built the same way: this HTTP client, region, Lambda's credentials, endpoint, and
     * the call timeouts ({@link AwsSettings.CallTimeouts}).
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C client(
            B builder, AwsSettings aws, Optional<URI> endpoint) {
        builder.httpClient(httpClient())
                .region(Region.of(aws.region()))
                .credentialsProvider(credentialsProvider(aws.credentials()))
                .overrideConfiguration(timeouts -> timeouts.apiCallAttemptTimeout(
                                aws.timeouts().attempt())
                        .apiCallTimeout(aws.timeouts().call()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /**
     * The SDK's Apache client without its idle-connection reaper: in Lambda that thread sleeps with the frozen
     * environment and reaps nothing, and in the local runner it would outlive a reloaded function's class loader and
     * keep it from being collected. A connection idle for more than 2 s is checked before it is reused instead
     * (Apache's validate-after-inactivity), and a stale one fails fast into the SDK's retry.
     */
    public static SdkHttpClient httpClient() {
        return ApacheHttpClient.builder().useIdleConnectionReaper(false).build();
    }

    /**
     * The provider Lambda intends for the credentials it hands over. Keys are fixed for the life of an execution
     * environment (Lambda sets them once; the JVM's environment cannot change), so a static provider over the keys
     * read from the function's environment map answers as the SDK's {@code EnvironmentVariableCredentialsProvider}
     * would over the process environment. Under SnapStart there are no keys, and the container endpoint's
     * credentials are fetched when first needed and refreshed before they expire ({@link ContainerCredentials}).
     */
    public static AwsCredentialsProvider credentialsProvider(AwsSettings.Credentials credentials) {
        return switch (credentials) {
            case AwsSettings.EnvironmentKeys keys -> StaticCredentialsProvider.create(keys(keys));
            case AwsSettings.ContainerEndpoint container -> new ContainerCredentials(container);
        };
    }

    private static AwsCredentials keys(AwsSettings.EnvironmentKeys keys) {
        return keys.sessionToken()
                .<AwsCredentials>map(
                        token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secretAccessKey(), token))
                .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secretAccessKey()));
    }
}
