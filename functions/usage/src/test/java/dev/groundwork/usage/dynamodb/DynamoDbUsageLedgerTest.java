package dev.groundwork.usage.dynamodb;

import static dev.groundwork.platform.testing.ScriptedTransactions.cancelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.ScriptedTransactions;
import dev.groundwork.usage.domain.RunKey;
import dev.groundwork.usage.domain.UsageCounters;
import dev.groundwork.usage.domain.UsageLedger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * How a count's transaction is read when DynamoDB cancels it, with answers no embedded table gives on demand (it runs
 * transactions one after another and never throttles).
 */
class DynamoDbUsageLedgerTest {
    private static final TenantId GLOBEX = new TenantId("globex");
    private static final RunKey FIRST = new RunKey(GLOBEX, "stream-1", "100", "105");
    private static final RunKey SECOND = new RunKey(GLOBEX, "stream-1", "106", "110");
    private static final Map<LocalDate, UsageCounters> ONE_DAY =
            Map.of(LocalDate.of(2026, 12, 7), new UsageCounters(1, 0, 0, 1, 1, 100));

    private final ScriptedTransactions dynamoDb = new ScriptedTransactions();
    private final DynamoDbUsageLedger ledger = new DynamoDbUsageLedger(
            dynamoDb,
            "usage",
            TableAccess.asFunction(),
            Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void readsThrottlingOfTheTenantsCountersAsContendedSoOnlyThisTenantIsTriedAgain() {
        dynamoDb.answers.add(cancelled("None", "None", "ThrottlingError"));

        assertThat(ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Contended.class);
    }

    @Test
    void readsProvisionedThroughputExceededAndConflictsAsContended() {
        dynamoDb.answers.add(cancelled("None", "ProvisionedThroughputExceeded", "None"));
        dynamoDb.answers.add(cancelled("TransactionConflict", "None", "None"));

        assertThat(ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Contended.class);
        assertThat(ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Contended.class);
    }

    @Test
    void namesTheRunsCountedBeforeEvenWhenAnotherActionWasThrottled() {
        dynamoDb.answers.add(cancelled("None", "ConditionalCheckFailed", "ThrottlingError"));

        assertThat(ledger.count(GLOBEX, runs(), ONE_DAY)).isEqualTo(new UsageLedger.AlreadyCounted(Set.of(SECOND)));
    }

    @Test
    void throwsACancellationThatSendingAgainCannotPass() {
        dynamoDb.answers.add(cancelled("None", "None", "ValidationError"));

        assertThatThrownBy(() -> ledger.count(GLOBEX, runs(), ONE_DAY))
                .isInstanceOf(TransactionCanceledException.class);
    }

    @Test
    void readsAFailureOfTheStoreItselfAsUnavailableForEveryTenant() {
        dynamoDb.failures.add(DynamoDbException.builder()
                .statusCode(500)
                .message("Internal server error")
                .build());
        dynamoDb.failures.add(SdkClientException.create("connection refused"));

        assertThatThrownBy(() -> ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Unavailable.class);
        assertThatThrownBy(() -> ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Unavailable.class);
    }

    @Test
    void leavesARefusalOfThisRequestAsItIs() {
        dynamoDb.failures.add(DynamoDbException.builder()
                .statusCode(400)
                .message("Validation")
                .build());

        assertThatThrownBy(() -> ledger.count(GLOBEX, runs(), ONE_DAY))
                .isInstanceOf(DynamoDbException.class)
                .isNotInstanceOf(UsageLedger.Unavailable.class);
    }

    @Test
    void sendsEachRunsRecordOnlyIfAbsentAndTheDaysCountersInOneTransaction() {
        dynamoDb.answers.add(null);

        assertThat(ledger.count(GLOBEX, runs(), ONE_DAY)).isInstanceOf(UsageLedger.Counted.class);

        TransactWriteItemsRequest sent = dynamoDb.sent.getFirst();
        assertThat(sent.transactItems()).hasSize(3);
        assertThat(sent.transactItems().get(0).put().conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
        assertThat(sent.transactItems().get(2).update().key().get("pk").s()).isEqualTo("TENANT#globex");
    }

    private static Set<RunKey> runs() {
        return new LinkedHashSet<>(List.of(FIRST, SECOND));
    }
}
