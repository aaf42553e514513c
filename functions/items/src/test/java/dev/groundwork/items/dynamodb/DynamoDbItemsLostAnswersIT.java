package dev.groundwork.items.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.items.domain.CreateItem;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.testing.TestTable;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * DynamoDB may apply a write and lose its answer (a 500, a timeout); the SDK then sends the write again, and the
 * second attempt meets the first. Each write is still answered as the one write it was.
 */
class DynamoDbItemsLostAnswersIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final Clock CLOCK = Clock.systemUTC();

    private final EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start();
    private TestTable table;
    private DynamoDbItems items;

    @BeforeEach
    void freshTable() {
        table = TestTable.create(dynamoDb.endpoint());
        items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        Correlation.set("req-1");
    }

    @AfterEach
    void stop() {
        MDC.clear();
        dynamoDb.close();
    }

    @Test
    void createsOneItemWhenTheFirstAttemptsAnswerIsLost() {
        dynamoDb.faults().loseAnswers("PutItem", 1);

        Item created = new CreateItem(items, new UlidGenerator(CLOCK, new SecureRandom()), CLOCK)
                .create(ACME, new ItemContent("Invoice", Map.of(), List.of()));

        assertThat(table.recordCount()).isEqualTo(1);
        assertThat(items.findLatest(ACME, created.id())).contains(created);
    }

    @Test
    void answersAReplaceWhoseAnswerWasLostAsWrittenNotAsStale() {
        Item item = Item.created(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WV001"), content("v1"), Instant.EPOCH);
        items.add(ACME, item);
        Item patched = item.revised(content("v2"), Instant.EPOCH.plusSeconds(1));
        dynamoDb.faults().loseAnswers("PutItem", 1);

        assertThat(items.replace(ACME, patched, item.version())).isTrue();
        assertThat(items.findLatest(ACME, item.id())).contains(patched);
    }

    @Test
    void stillRefusesAReplaceThatAnotherWriteMadeStaleEvenUnderTheSameCorrelationIdAndTime() {
        // given: two PATCHes of one version, at the same instant, under one correlation id (a client may choose it)
        Item item = Item.created(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WV002"), content("v1"), Instant.EPOCH);
        items.add(ACME, item);
        items.replace(ACME, item.revised(content("theirs"), Instant.EPOCH.plusSeconds(1)), item.version());

        assertThat(items.replace(ACME, item.revised(content("mine"), Instant.EPOCH.plusSeconds(1)), item.version()))
                .isFalse();
    }

    @Test
    void refusesAnAddOfAnIdThatAnotherWriteStoredEvenWithTheSameContentAndTime() {
        Item item = Item.created(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WV003"), content("v1"), Instant.EPOCH);
        items.add(ACME, item);

        assertThat(items.add(ACME, item)).isFalse();
    }

    @Test
    void findsTheItemARequestMadeBeforeInsteadOfMakingASecond() {
        // given: a keyed create stored its item, and then something failed (the key's record was not written)
        Item first = Item.created(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WV004"), content("v1"), Instant.EPOCH);
        assertThat(items.addOnce(ACME, first, "digest-1")).isEqualTo(new Items.Added());

        // when: its retry, with a fresh id
        Item retry =
                Item.created(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WV005"), content("v1"), Instant.EPOCH.plusSeconds(9));
        Items.Addition again = items.addOnce(ACME, retry, "digest-1");

        // then: the first item is named, and nothing else is stored
        assertThat(again).isEqualTo(new Items.AddedBefore(first.id(), first.createdAt()));
        assertThat(items.findLatest(ACME, retry.id())).isEmpty();
        assertThat(items.addOnce(new TenantId("globex"), retry, "digest-1")).isEqualTo(new Items.Added());
        assertThat(items.addOnce(ACME, first, "digest-2")).isEqualTo(new Items.IdTaken());
    }

    @Test
    void makesOneItemWhenAKeyedCreatesAnswerIsLostAndItIsRetriedLater() {
        dynamoDb.faults().loseAnswers("TransactWriteItems", 8);
        CreateItem create = new CreateItem(items, new UlidGenerator(CLOCK, new SecureRandom()), CLOCK);

        // when: every attempt of the SDK loses its answer, so the create fails; the client retries with its key
        try {
            create.create(ACME, content("Invoice"), "digest-3");
        } catch (RuntimeException lost) {
            // the answer of every attempt was lost
        }
        dynamoDb.faults().clear();
        Item retried = create.create(ACME, content("Invoice"), "digest-3");

        // then: one item, the one the first attempt stored, answered as it was created
        List<Item> stored = items.newestFirst(ACME, 10, Long.MAX_VALUE, java.util.Optional.empty())
                .items();
        assertThat(stored).containsExactly(retried);
    }

    private static ItemContent content(String name) {
        return new ItemContent(name, Map.of(), List.of());
    }
}
