package dev.groundwork.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class AwsClientsTest {
    private final EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();

    @AfterEach
    void stop() {
        dynamoDb.faults().clear();
        dynamoDb.close();
    }

    /** A function's settings, with the given variables beside Lambda's. */
    private AwsSettings settings(Map<String, String> variables) {
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString()));
        env.putAll(variables);
        return AwsSettings.fromEnvironment(env);
    }

    @Test
    void callsDynamoDbWithoutStartingAnIdleConnectionReaper() {
        try (DynamoDbClient client = AwsClients.dynamoDb(settings(Map.of()))) {
            assertThat(client.listTables().tableNames()).isEmpty();
            assertThat(client.listTables().tableNames()).isEmpty();

            // The SDK's reaper thread would keep a reloaded function's class loader alive in the local runner.
            assertThat(Thread.getAllStackTraces().keySet())
                    .extracting(Thread::getName)
                    .doesNotContain("idle-connection-reaper");
        }
    }

    @Test
    void givesUpOnAStalledAttemptAndIsAnsweredByTheRetry() {
        try (DynamoDbClient client = AwsClients.dynamoDb(
                settings(Map.of(AwsSettings.ATTEMPT_TIMEOUT_MS, "400", AwsSettings.CALL_TIMEOUT_MS, "5000")))) {
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
        try (DynamoDbClient client = AwsClients.dynamoDb(
                settings(Map.of(AwsSettings.ATTEMPT_TIMEOUT_MS, "300", AwsSettings.CALL_TIMEOUT_MS, "1000")))) {
            client.listTables();
            dynamoDb.faults().stallFor(Duration.ofSeconds(20));
            long started = System.nanoTime();

            assertThatThrownBy(client::listTables)
                    .as("an SdkClientException, which a route answers as 503 service-unavailable")
                    .isInstanceOf(ApiCallTimeoutException.class)
                    .isInstanceOf(SdkClientException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void timesOutAnAttemptAfterThreeSecondsAndACallAfterTenUnlessTold() {
        assertThat(settings(Map.of()).timeouts())
                .isEqualTo(new AwsSettings.CallTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10)));
        assertThatThrownBy(() -> new AwsSettings.CallTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> settings(Map.of(AwsSettings.ATTEMPT_TIMEOUT_MS, "3s")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(AwsSettings.ATTEMPT_TIMEOUT_MS);
    }
}
