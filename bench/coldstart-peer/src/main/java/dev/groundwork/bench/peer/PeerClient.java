package dev.groundwork.bench.peer;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;

/**
 * The one DynamoDB client each peer builds at init, the way AWS's own samples do: the url-connection HTTP client, the
 * region and keys from Lambda's environment, and the local endpoint when the bench gives one.
 */
final class PeerClient {
    private PeerClient() {}

    static DynamoDbClient dynamoDb(Map<String, String> env) {
        return dynamoDb(env, EnvironmentVariableCredentialsProvider.create());
    }

    /** Under SnapStart Lambda hands a function container credentials, not keys (docs/snapstart.md). */
    static DynamoDbClient dynamoDbUnderSnapStart(Map<String, String> env) {
        return dynamoDb(env, ContainerCredentialsProvider.create());
    }

    /** For the peers with tenant roles: STS, built the same way, at the bench's STS stand-in when it gives one. */
    static StsClient sts(Map<String, String> env) {
        StsClientBuilder builder = StsClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION")))
                .credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        String endpoint = env.get("STS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private static DynamoDbClient dynamoDb(Map<String, String> env, AwsCredentialsProvider credentials) {
        DynamoDbClientBuilder builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.get("AWS_REGION")))
                .credentialsProvider(credentials);
        String endpoint = env.get("DYNAMODB_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }
}
