package dev.groundwork.imports.dynamodb;

import static dev.groundwork.platform.testing.ScriptedTransactions.cancelled;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.imports.domain.ImportChunk;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportLine;
import dev.groundwork.imports.domain.ImportedItems;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.retry.Backoff;
import dev.groundwork.platform.testing.ScriptedTransactions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * How a chunk's transaction is read when DynamoDB cancels it, with answers no embedded table gives on demand (it runs
 * transactions one after another, so it never answers {@code TransactionConflict}).
 */
class DynamoDbImportedItemsTest {
    private static final ImportChunk CHUNK = new ImportChunk(
            new TenantId("acme"),
            new ImportId("01JDX5Q0A8Z4M6TB3N7R9WV001"),
            Instant.parse("2026-12-07T10:00:00Z"),
            3,
            List.of(
                    new ImportLine(1, new ItemContent("one", Map.of(), List.of())),
                    new ImportLine(2, new ItemContent("two", Map.of(), List.of()))));
    private static final List<Item> ITEMS = CHUNK.items();

    private final ScriptedTransactions dynamoDb = new ScriptedTransactions();
    private final List<Duration> waits = new ArrayList<>();
    private final DynamoDbImportedItems items = new DynamoDbImportedItems(
            dynamoDb,
            "items",
            TableAccess.asFunction(),
            new Backoff(Duration.ofMillis(25), Duration.ofMillis(3200), waits::add));

    @Test
    void writesTheChunksRecordFirstAndEachItemOnlyIfAbsentInOneTransaction() {
        dynamoDb.answers.add(null);

        assertThat(items.write(CHUNK, ITEMS)).isTrue();

        TransactWriteItemsRequest sent = dynamoDb.sent.getFirst();
        assertThat(sent.transactItems())
                .hasSize(3)
                .allSatisfy(action ->
                        assertThat(action.put().conditionExpression()).isEqualTo("attribute_not_exists(#pk)"));
        assertThat(sent.transactItems().getFirst().put().item().get("sk").s())
                .isEqualTo("IMPORT-CHUNK#01JDX5Q0A8Z4M6TB3N7R9WV001#3");
        assertThat(sent.transactItems().getFirst().put().item()).doesNotContainKey("expiresAt");
        assertThat(sent.transactItems().get(1).put().item().get("pk").s()).isEqualTo("TENANT#acme");
    }

    @Test
    void readsACancellationOnTheChunksRecordAsAChunkWrittenBeforeAndWritesNothing() {
        dynamoDb.answers.add(cancelled("ConditionalCheckFailed", "ConditionalCheckFailed", "None"));

        assertThat(items.write(CHUNK, ITEMS)).isFalse();
        assertThat(dynamoDb.sent).hasSize(1);
    }

    @Test
    void sendsTheTransactionAgainAfterAConflictOrThrottlingWithBackoff() {
        dynamoDb.answers.add(cancelled("None", "TransactionConflict", "None"));
        dynamoDb.answers.add(cancelled("ThrottlingError", "None", "None"));
        dynamoDb.answers.add(null);

        assertThat(items.write(CHUNK, ITEMS)).isTrue();
        assertThat(dynamoDb.sent).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void sendsTheTransactionAgainWhenTheChunksRecordIsHeldByAnotherDeliveryWhoseItemIsAlreadyThere() {
        // a delivery beside this one: its transaction holds the record while one of its items is already visible
        dynamoDb.answers.add(cancelled("TransactionConflict", "ConditionalCheckFailed", "None"));
        dynamoDb.answers.add(cancelled("ConditionalCheckFailed", "ConditionalCheckFailed", "ConditionalCheckFailed"));

        assertThat(items.write(CHUNK, ITEMS)).isFalse();
        assertThat(dynamoDb.sent).hasSize(2);
    }

    @Test
    void saysAWriteWhoseAnswerWasLostMayHaveGoneThrough() {
        dynamoDb.failures.add(TransactionInProgressException.builder()
                .message("in progress")
                .statusCode(400)
                .build());
        dynamoDb.failures.add(DynamoDbException.builder()
                .message("Internal server error")
                .statusCode(500)
                .build());
        dynamoDb.failures.add(SdkClientException.create("Read timed out"));
        dynamoDb.failures.add(DynamoDbException.builder()
                .message("AccessDeniedException")
                .statusCode(400)
                .build());

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> items.write(CHUNK, ITEMS)).isInstanceOf(ImportedItems.OutcomeUnknown.class);
        }
        assertThatThrownBy(() -> items.write(CHUNK, ITEMS))
                .isInstanceOf(DynamoDbException.class)
                .isNotInstanceOf(ImportedItems.OutcomeUnknown.class);
    }

    @Test
    void givesUpAfterEightConflictsNamingTheChunk() {
        for (int i = 0; i < 8; i++) {
            dynamoDb.answers.add(cancelled("None", "TransactionConflict", "None"));
        }

        assertThatThrownBy(() -> items.write(CHUNK, ITEMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("chunk 3")
                .hasMessageContaining("TransactionConflict");
        assertThat(dynamoDb.sent).hasSize(8);
    }

    @Test
    void neverOverwritesAnItemOfTheChunkFoundWithoutTheChunksRecord() {
        dynamoDb.answers.add(cancelled("None", "None", "ConditionalCheckFailed"));

        assertThatThrownBy(() -> items.write(CHUNK, ITEMS))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the chunk's record; nothing written");
        assertThat(dynamoDb.sent).hasSize(1);
    }
}
