package dev.groundwork.dynamodb.conformance;

import static dev.groundwork.dynamodb.conformance.DynamoValues.item;
import static dev.groundwork.dynamodb.conformance.DynamoValues.n;
import static dev.groundwork.dynamodb.conformance.DynamoValues.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Time to live: the sweeper deletes items whose TTL attribute (epoch seconds, a Number) has passed, and each
 * deletion is a REMOVE stream record by the DynamoDB service principal.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.groundwork.dynamodb.conformance.Targets#all")
class TtlConformanceTest {

    private static final Duration SWEEP_WAIT = Duration.ofSeconds(10);

    private final DynamoDbTarget target;
    private final DynamoDbClient dynamo;
    private final ScratchTables tables;

    TtlConformanceTest(DynamoDbTarget target) {
        this.target = target;
        this.dynamo = target.clients().dynamo();
        this.tables = new ScratchTables(dynamo);
    }

    @BeforeParameterizedClassInvocation
    static void requireRunning(DynamoDbTarget target) {
        target.endpoint();
    }

    @BeforeEach
    void requireFastSweeps() {
        assumeTrue(
                target.supports(Capability.TIME_TO_LIVE) && target.supports(Capability.FAST_TTL_SWEEP),
                target.name() + " does not sweep expired items within seconds");
    }

    private String tableWithTtl(boolean streamed) {
        String table =
                streamed ? tables.create(spec -> spec.stream(StreamViewType.NEW_AND_OLD_IMAGES)) : tables.hashOnly();
        dynamo.updateTimeToLive(r ->
                r.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
        return table;
    }

    private boolean exists(String table, String key) {
        return dynamo.getItem(r -> r.tableName(table).key(item("pk", s(key))).consistentRead(true))
                .hasItem();
    }

    private static void await(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(SWEEP_WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " did not happen within " + SWEEP_WAIT);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void sweepsExpiredItemsAndKeepsTheRest() {
        String table = tableWithTtl(false);
        long now = Instant.now().getEpochSecond();
        Map<String, Map<String, AttributeValue>> items = Map.of(
                "expired", item("pk", s("expired"), "expiresAt", n(now - 10)),
                "future", item("pk", s("future"), "expiresAt", n(now + 3600)),
                "no-ttl", item("pk", s("no-ttl")),
                "string-ttl", item("pk", s("string-ttl"), "expiresAt", s(Long.toString(now - 10))),
                "ancient",
                        item(
                                "pk",
                                s("ancient"),
                                "expiresAt",
                                n(now - Duration.ofDays(6 * 366).toSeconds())));
        items.values().forEach(item -> dynamo.putItem(r -> r.tableName(table).item(item)));

        await(() -> !exists(table, "expired"), "deleting the expired item");

        assertThat(exists(table, "future")).isTrue();
        assertThat(exists(table, "no-ttl")).isTrue();
        assertThat(exists(table, "string-ttl"))
                .as("a TTL attribute that is not a Number is ignored")
                .isTrue();
        assertThat(exists(table, "ancient"))
                .as("a TTL more than five years in the past is ignored")
                .isTrue();
    }

    @Test
    void sweepsNothingWhileTimeToLiveIsDisabled() throws InterruptedException {
        String table = tables.hashOnly();
        dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("expired"), "expiresAt", n(Instant.now().getEpochSecond() - 10))));

        Thread.sleep(EmbeddedTarget.TTL_SWEEP_INTERVAL.multipliedBy(4).toMillis());

        assertThat(exists(table, "expired")).isTrue();
    }

    @Test
    void recordsTheDeletionAsARemoveByTheService() {
        assumeTrue(target.supports(Capability.STREAMS), "DynamoDB Streams");
        String table = tableWithTtl(true);
        dynamo.putItem(r -> r.tableName(table)
                .item(item("pk", s("expired"), "expiresAt", n(Instant.now().getEpochSecond() - 10))));
        StreamRecords streamRecords = new StreamRecords(target.clients());

        await(() -> streamRecords.all(table).size() == 2, "the REMOVE record of the swept item");

        List<Record> all = streamRecords.all(table);
        Record remove = all.get(1);
        assertThat(remove.eventName()).isEqualTo(OperationType.REMOVE);
        assertThat(remove.dynamodb().keys()).isEqualTo(item("pk", s("expired")));
        assertThat(remove.dynamodb().oldImage()).containsEntry("pk", s("expired"));
        assertThat(remove.userIdentity().type()).isEqualTo("Service");
        assertThat(remove.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(all.get(0).userIdentity()).isNull();
    }
}
