package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {

    @Test
    void callsDynamoDbWithoutStartingAnIdleConnectionReaper() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start()) {
            AwsSettings aws = AwsSettings.fromEnvironment(Map.of(
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test",
                    "DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString()));

            try (DynamoDbClient client = AwsClients.dynamoDb(aws)) {
                assertThat(client.listTables().tableNames()).isEmpty();
                assertThat(client.listTables().tableNames()).isEmpty();

                // The SDK's reaper thread would keep a reloaded function's class loader alive in the local runner.
                assertThat(Thread.getAllStackTraces().keySet())
                        .extracting(Thread::getName)
                        .doesNotContain("idle-connection-reaper");
            }
        }
    }
}
