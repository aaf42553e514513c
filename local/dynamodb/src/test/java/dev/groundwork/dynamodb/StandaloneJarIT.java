package dev.groundwork.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The shaded jar as an operator runs it: {@code java -jar groundwork-dynamodb.jar --port N --data-dir DIR}. */
class StandaloneJarIT {
    static final Path JAR = Path.of("target", "groundwork-dynamodb.jar");

    @TempDir
    Path dataDirectory;

    @Test
    void servesFromTheCommandLineAndKeepsItsDataAcrossRuns() throws Exception {
        assertThat(JAR).as("built by the package phase").exists();

        URI endpoint = launch(running -> {
            try (DynamoDbClient client = client(running)) {
                client.createTable(b -> b.tableName("cli")
                        .attributeDefinitions(AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                        .keySchema(KeySchemaElement.builder()
                                .attributeName("pk")
                                .keyType(KeyType.HASH)
                                .build())
                        .billingMode(BillingMode.PAY_PER_REQUEST));
                client.putItem(b -> b.tableName("cli").item(Map.of("pk", AttributeValue.fromS("kept"))));
            }
        });
        assertThat(endpoint.getHost()).isEqualTo("127.0.0.1");

        launch(running -> {
            try (DynamoDbClient client = client(running)) {
                assertThat(client.getItem(b -> b.tableName("cli").key(Map.of("pk", AttributeValue.fromS("kept"))))
                                .hasItem())
                        .isTrue();
            }
        });
    }

    interface Session {
        void run(URI endpoint) throws Exception;
    }

    private URI launch(Session session) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(
                        java, "-jar", JAR.toString(), "--port", "0", "--data-dir", dataDirectory.toString())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader output =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            URI endpoint = null;
            while ((line = output.readLine()) != null) {
                int at = line.indexOf("listening on ");
                if (at >= 0) {
                    endpoint = URI.create(
                            line.substring(at + "listening on ".length()).trim());
                    break;
                }
            }
            assertThat(endpoint).as("the server announces its endpoint").isNotNull();
            session.run(endpoint);
            return endpoint;
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook writes a snapshot
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.exists(dataDirectory.resolve("snapshot.jsonl"))).isTrue();
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
