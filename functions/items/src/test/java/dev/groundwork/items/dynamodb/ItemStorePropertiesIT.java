package dev.groundwork.items.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.http.Rejection;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.HostileJson;
import dev.groundwork.platform.testing.TestTable;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * What the input model accepts, DynamoDB holds and returns unchanged; what it refuses, it refuses by name within
 * bounds. Generated documents against Groundwork's embedded DynamoDB, which refuses what DynamoDB refuses.
 */
class ItemStorePropertiesIT {
    private static final TenantId ACME = new TenantId("acme");
    private static final AtomicInteger NEXT_ID = new AtomicInteger();
    private static DynamoDbItems items;

    private static synchronized DynamoDbItems items() {
        if (items == null) {
            TestTable table = DynamoDbTarget.EMBEDDED.freshTable();
            items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        }
        return items;
    }

    @Property(tries = 400)
    void whatTheInputModelAcceptsIsStoredAndReadBackUnchanged(@ForAll("documents") String document) {
        Map<String, Object> parsed;
        try {
            parsed = ApiJson.readObject(document.getBytes(StandardCharsets.UTF_8));
        } catch (Rejection malformed) {
            Statistics.collect("malformed");
            return;
        }
        switch (ItemDocument.read(parsed)) {
            case ItemDocument.Valid valid -> {
                Statistics.collect("stored");
                ItemId id = new ItemId(String.format("01JDX5Q0A8Z4M6TB3N7R%06d", NEXT_ID.incrementAndGet()));
                items().add(ACME, Item.created(id, valid.content(), Instant.EPOCH));

                Item read = items().findLatest(ACME, id).orElseThrow();

                assertThat(read.content().name()).isEqualTo(valid.content().name());
                assertThat(read.content().tags()).isEqualTo(valid.content().tags());
                assertThat(read.content().attributes())
                        .usingRecursiveComparison()
                        .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                        .isEqualTo(valid.content().attributes());
            }
            case ItemDocument.Invalid invalid -> {
                Statistics.collect("refused");
                assertThat(invalid.errors())
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(FieldErrors.REPORTED + 1)
                        .allSatisfy(error ->
                                assertThat(error.field()).hasSizeLessThanOrEqualTo(FieldErrors.MAX_FIELD_LENGTH));
            }
            case ItemDocument.TooLarge tooLarge -> Statistics.collect("too large");
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return HostileJson.itemDocument();
    }
}
