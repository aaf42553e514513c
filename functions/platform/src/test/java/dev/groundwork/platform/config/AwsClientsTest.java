package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
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

    private static AwsSettings settings(EmbeddedDynamoDb dynamoDb, String attemptMs, String callMs) {
        return AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "test",
                "AWS_SECRET_ACCESS_KEY",
                "test",
                "DYNAMODB_ENDPOINT",
                dynamoDb.endpoint().toString(),
                AwsSettings.ATTEMPT_TIMEOUT_MS,
                attemptMs,
                AwsSettings.CALL_TIMEOUT_MS,
                callMs));
    }

    @Test
    void givesUpOnAStalledAttemptAndIsAnsweredByTheRetry() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
                DynamoDbClient client = AwsClients.dynamoDb(settings(dynamoDb, "400", "5000"))) {
            client.listTables();
            dynamoDb.faults().stallFor(Duration.ofMillis(700));
            long started = System.nanoTime();

            assertThat(client.listTables().tableNames()).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the first attempt abandoned at 400 ms, the retry answered when the stall ended")
                    .isBetween(Duration.ofMillis(650), Duration.ofMillis(3000));
        }
    }

    @Test
    void failsACallThatStaysStalledWithinItsTimeoutNotTheHttpClientsThirtySeconds() {
        try (EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
                DynamoDbClient client = AwsClients.dynamoDb(settings(dynamoDb, "300", "1000"))) {
            client.listTables();
            dynamoDb.faults().stallFor(Duration.ofSeconds(20));
            long started = System.nanoTime();

            assertThatThrownBy(client::listTables)
                    .as("an SdkClientException, which a route answers as 503 service-unavailable")
                    .isInstanceOf(ApiCallTimeoutException.class)
                    .isInstanceOf(SdkClientException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
            dynamoDb.faults().clear();
        }
    }

    @Test
    void timesOutAnAttemptAfterThreeSecondsAndACallAfterTenUnlessTold() {
        AwsSettings aws = AwsSettings.fromEnvironment(
                Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"));

        assertThat(aws.timeouts())
                .isEqualTo(new AwsSettings.CallTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10)));
        assertThatThrownBy(() -> new AwsSettings.CallTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> AwsSettings.fromEnvironment(Map.of(
                        "AWS_REGION",
                        "us-east-1",
                        "AWS_ACCESS_KEY_ID",
                        "test",
                        "AWS_SECRET_ACCESS_KEY",
                        "test",
                        AwsSettings.ATTEMPT_TIMEOUT_MS,
                        "3s")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(AwsSettings.ATTEMPT_TIMEOUT_MS);
    }
}
