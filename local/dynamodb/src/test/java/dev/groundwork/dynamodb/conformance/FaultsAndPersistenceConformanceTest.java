package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.AwsErrors.assertError;
import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.conformance.ScratchTables.Spec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * What only the embedded server offers, each case on a server of its own: faults on demand, stop and restart on
 * the same data and port, a data directory that outlives the server, and TTL settings that tests choose.
 */
class FaultsAndPersistenceConformanceTest {

    @Test
    void answersServiceUnavailableForAWhile() throws InterruptedException {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();

            server.faults().unavailableFor(Duration.ofSeconds(1));

            DynamoDbException error = catchThrowableOfType(DynamoDbException.class, dynamo::listTables);
            assertThat(error.statusCode()).isEqualTo(503);
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            awaitSuccess(() -> dynamo.listTables());
        }
    }

    @Test
    void throttlesEveryCallForAWhile() throws InterruptedException {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
            String table = new ScratchTables(dynamo).hashOnly();

            server.faults().throttleFor(Duration.ofSeconds(1));

            assertError(
                    ProvisionedThroughputExceededException.class,
                    () -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a")))));
            awaitSuccess(() -> dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a")))));
        }
    }

    /** A call that answers 500 may have taken effect: this one did (the SDK, retrying, would meet its write). */
    @Test
    void losesTheAnswerOfAWriteThatTookEffect() {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
            String table = new ScratchTables(dynamo).hashOnly();

            server.faults().loseAnswers("PutItem", 1);

            InternalServerErrorException lost = catchThrowableOfType(
                    InternalServerErrorException.class,
                    () -> dynamo.putItem(r -> r.tableName(table)
                            .item(item("pk", s("a"), "v", n("1")))
                            .conditionExpression("attribute_not_exists(pk)")));
            assertThat(lost.statusCode()).isEqualTo(500);
            assertThat(lost.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
            assertThat(dynamo.getItem(r ->
                                    r.tableName(table).key(item("pk", s("a"))).consistentRead(true))
                            .item())
                    .isEqualTo(item("pk", s("a"), "v", n("1")));
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("b"))));
        }
    }

    /** Retries the call until the fault has passed; fails if it has not within five seconds. */
    private static void awaitSuccess(Runnable call) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(5);
        while (true) {
            try {
                call.run();
                return;
            } catch (DynamoDbException stillFailing) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the fault did not end", stillFailing);
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void clearEndsFaultsAtOnce() {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
            server.faults().unavailableFor(Duration.ofHours(1)).throttleFor(Duration.ofHours(1));

            server.faults().clear();

            assertThat(dynamo.listTables().sdkHttpResponse().isSuccessful()).isTrue();
        }
    }

    @Test
    void stopRefusesConnectionsAndRestartServesTheSameDataOnTheSamePort() {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
            String table = new ScratchTables(dynamo).hashOnly();
            dynamo.putItem(r -> r.tableName(table).item(item("pk", s("a"), "v", n(1))));
            int port = server.port();

            server.stop();
            assertThat(catchThrowableOfType(SdkClientException.class, dynamo::listTables))
                    .isNotNull();
            server.restart();

            assertThat(server.port()).isEqualTo(port);
            assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"))))
                            .item())
                    .containsEntry("v", n(1));
        }
    }

    @Test
    void keepsTablesIndexesAndItemsInTheDataDirectory(@TempDir Path data) {
        String table;
        try (EmbeddedDynamoDb first =
                EmbeddedDynamoDb.builder().dataDirectory(data).start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(first.endpoint()).dynamo();
            table = new ScratchTables(dynamo)
                    .create(spec -> spec.range("sk", ScalarAttributeType.N)
                            .globalIndex("by-colour", "colour", ScalarAttributeType.S, null, null, Spec.all()));
            for (int i = 0; i < 50; i++) {
                int sk = i;
                dynamo.putItem(r -> r.tableName(table)
                        .item(item("pk", s("p"), "sk", n(sk), "colour", s(sk % 2 == 0 ? "red" : "blue"))));
            }
            dynamo.deleteItem(r -> r.tableName(table).key(item("pk", s("p"), "sk", n(0))));
            dynamo.updateItem(r -> r.tableName(table)
                    .key(item("pk", s("p"), "sk", n(1)))
                    .updateExpression("SET colour = :c")
                    .expressionAttributeValues(Map.of(":c", s("red"))));
        }

        try (EmbeddedDynamoDb second =
                EmbeddedDynamoDb.builder().dataDirectory(data).start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(second.endpoint()).dynamo();

            assertThat(dynamo.listTables().tableNames()).containsExactly(table);
            assertThat(dynamo.scan(r -> r.tableName(table)).count()).isEqualTo(49);
            var reds = dynamo.query(r -> r.tableName(table)
                    .indexName("by-colour")
                    .keyConditionExpression("colour = :c")
                    .expressionAttributeValues(Map.of(":c", s("red"))));
            assertThat(reds.count()).isEqualTo(25);
        }
    }

    @Test
    void keepsNothingWithoutADataDirectory() {
        try (EmbeddedDynamoDb first = EmbeddedDynamoDb.start()) {
            new ScratchTables(TargetClients.forEndpoint(first.endpoint()).dynamo()).hashOnly();
        }

        try (EmbeddedDynamoDb second = EmbeddedDynamoDb.start()) {
            assertThat(TargetClients.forEndpoint(second.endpoint())
                            .dynamo()
                            .listTables()
                            .tableNames())
                    .isEmpty();
        }
    }

    @Test
    void returnsAnExpiredItemUntilTheSweeperDeletesIt() {
        try (EmbeddedDynamoDb server =
                EmbeddedDynamoDb.builder().ttlSweepInterval(Duration.ofHours(1)).start()) {
            DynamoDbClient dynamo = TargetClients.forEndpoint(server.endpoint()).dynamo();
            String table = new ScratchTables(dynamo).hashOnly();
            dynamo.updateTimeToLive(r -> r.tableName(table)
                    .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));

            dynamo.putItem(r -> r.tableName(table)
                    .item(item("pk", s("a"), "expiresAt", n(Instant.now().getEpochSecond() - 60))));

            assertThat(dynamo.getItem(r -> r.tableName(table).key(item("pk", s("a"))))
                            .hasItem())
                    .isTrue();
            assertThat(dynamo.scan(r -> r.tableName(table)).count()).isEqualTo(1);
        }
    }

    @Test
    void servesOnTheRequestedPort() {
        int port;
        try (EmbeddedDynamoDb probe = EmbeddedDynamoDb.start()) {
            port = probe.port();
        }

        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.builder().port(port).start()) {
            assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(TargetClients.forEndpoint(server.endpoint())
                            .dynamo()
                            .listTables()
                            .tableNames())
                    .isEmpty();
        }
    }
}
