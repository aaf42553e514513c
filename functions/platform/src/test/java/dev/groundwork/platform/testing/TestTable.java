package dev.groundwork.platform.testing;

import dev.groundwork.platform.config.AwsClients;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A fresh items table (the template's key schema: {@code pk}/{@code sk} strings) on a DynamoDB endpoint, and the
 * environment a function sees for it: what template.yaml would give it, with the endpoint override of local runs.
 */
public record TestTable(DynamoDbClient client, String name, Map<String, String> environment) {

    /** A fresh table at {@code endpoint}: for a test that runs its own DynamoDB (one whose faults it sets, say). */
    public static TestTable create(URI endpoint) {
        String name = "items-" + UUID.randomUUID();
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(AwsClients.httpClient())
                .build();
        KeyedTables.create(client, name, false);
        Map<String, String> environment = Map.ofEntries(
                Map.entry("TABLE_NAME", name),
                Map.entry("TENANT_CLAIM", "tenant_id"),
                Map.entry("AWS_REGION", "us-east-1"),
                // The route function's own key: it may assume the tenant role, and touch no table itself.
                Map.entry("AWS_ACCESS_KEY_ID", TestTenantRole.FUNCTION_ACCESS_KEY),
                Map.entry("AWS_SECRET_ACCESS_KEY", "test"),
                Map.entry("DYNAMODB_ENDPOINT", endpoint.toString()),
                Map.entry("STS_ENDPOINT", endpoint.toString()),
                Map.entry("TENANT_ROLE_ARN", TestTenantRole.ARN),
                Map.entry("GROUNDWORK_LOCAL", "true"),
                Map.entry("POWERTOOLS_SERVICE_NAME", "items"),
                Map.entry("POWERTOOLS_METRICS_NAMESPACE", "Groundwork"));
        return new TestTable(client, name, environment);
    }

    /** The environment Lambda would give a function on this table: wire the functions from it as in Lambda. */
    public Map<String, String> environment() {
        return environment;
    }

    /** How many records the table holds: a rejected request must leave it unchanged. */
    public int recordCount() {
        return client.scan(scan -> scan.tableName(name)).count();
    }
}
