package dev.groundwork.items.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.kernel.FieldError;
import dev.groundwork.kernel.TenantId;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UpdateItemTest {
    private static final TenantId ACME = new TenantId("acme");
    private static final ItemId ID = new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE");
    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");

    /** One item, and a writer that slips in a change before the first {@code racing} replaces. */
    private static final class RacyItems implements Items {
        Item stored = Item.created(ID, new ItemContent("Widget", Map.of(), List.of()), NOW);
        final AtomicInteger racing;

        RacyItems(int racing) {
            this.racing = new AtomicInteger(racing);
        }

        @Override
        public boolean add(TenantId tenant, Item item) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Addition addOnce(TenantId tenant, Item item, String request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Item> findLatest(TenantId tenant, ItemId id) {
            return Optional.of(stored);
        }

        @Override
        public Slice newestFirst(TenantId tenant, int limit, long maxBytes, Optional<ItemId> after) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(TenantId tenant, Item item, long expectedVersion) {
            if (racing.getAndDecrement() > 0) {
                stored = stored.revised(stored.content(), NOW);
                return false;
            }
            if (stored.version() != expectedVersion) {
                return false;
            }
            stored = item;
            return true;
        }

        @Override
        public Removal remove(TenantId tenant, ItemId id, Preconditions conditions) {
            throw new UnsupportedOperationException();
        }
    }

    private static Map<String, Object> rename(String name) {
        Map<String, Object> patch = new HashMap<>();
        patch.put("name", name);
        return patch;
    }

    @Test
    void retriesOnTheNewerVersionWhenTheClientNamedNone() {
        RacyItems items = new RacyItems(2);

        var outcome = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, rename("Gadget"), Preconditions.NONE);

        assertThat(outcome).isInstanceOfSatisfying(UpdateItem.Updated.class, updated -> {
            assertThat(updated.item().version()).isEqualTo(4);
            assertThat(updated.item().content().name()).isEqualTo("Gadget");
        });
    }

    @Test
    void writesNothingWhenThePatchIsEmpty() {
        RacyItems items = new RacyItems(0);
        Item before = items.stored;

        var outcome = new UpdateItem(items, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .update(ACME, ID, new HashMap<>(), Preconditions.NONE);

        assertThat(outcome).isEqualTo(new UpdateItem.Updated(before));
        assertThat(items.stored).isSameAs(before);
    }

    @Test
    void writesNothingWhenThePatchSetsWhatTheItemHolds() {
        RacyItems items = new RacyItems(0);
        Item before = items.stored;

        var outcome = new UpdateItem(items, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .update(ACME, ID, rename("Widget"), Preconditions.ifMatch(ExpectedVersions.of(1)));

        assertThat(outcome).isEqualTo(new UpdateItem.Updated(before));
        assertThat(items.stored).isSameAs(before);
    }

    @Test
    void writesNothingWhenThePatchSetsANumberTheItemHoldsWrittenAnotherWay() {
        // As DynamoDB hands it back, 100 is 100; as the API reads a body, 100 and 1E2 are 1E+2 (trailing zeros
        // stripped). One number either way, stored alike.
        RacyItems items = new RacyItems(0);
        items.stored = Item.created(
                ID,
                new ItemContent(
                        "Widget",
                        Map.of("n", new BigDecimal("100"), "list", List.of(new BigDecimal("2.50"))),
                        List.of()),
                NOW);
        Item before = items.stored;
        Map<String, Object> patch =
                Map.of("attributes", Map.of("n", new BigDecimal("1E+2"), "list", List.of(new BigDecimal("2.5"))));

        var outcome = new UpdateItem(items, Clock.fixed(NOW.plusSeconds(60), ZoneOffset.UTC))
                .update(ACME, ID, patch, Preconditions.NONE);

        assertThat(outcome).isEqualTo(new UpdateItem.Updated(before));
        assertThat(items.stored).isSameAs(before);
    }

    @Test
    void writesWhenANumberChangesByLittleOrAnArraysOrderChanges() {
        RacyItems items = new RacyItems(0);
        items.stored = Item.created(
                ID,
                new ItemContent("Widget", Map.of("n", new BigDecimal("100"), "list", List.of("a", "b")), List.of()),
                NOW);

        var nudged = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, Map.of("attributes", Map.of("n", new BigDecimal("100.000001"))), Preconditions.NONE);
        var reordered = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, Map.of("attributes", Map.of("list", List.of("b", "a"))), Preconditions.NONE);

        assertThat(nudged)
                .isInstanceOfSatisfying(
                        UpdateItem.Updated.class,
                        updated -> assertThat(updated.item().version()).isEqualTo(2));
        assertThat(reordered)
                .isInstanceOfSatisfying(
                        UpdateItem.Updated.class,
                        updated -> assertThat(updated.item().version()).isEqualTo(3));
    }

    @Test
    void refusesAVersionThePreconditionsDoNotAdmitEvenWhenThePatchChangesNothing() {
        RacyItems items = new RacyItems(0);

        var outcome = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, new HashMap<>(), Preconditions.ifMatch(ExpectedVersions.of(7)));

        assertThat(outcome).isEqualTo(new UpdateItem.PreconditionFailed(1));
    }

    @Test
    void failsThePreconditionWhenAnotherWriterWinsTheNamedVersion() {
        RacyItems items = new RacyItems(1);

        var outcome = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, rename("Gadget"), Preconditions.ifMatch(ExpectedVersions.of(1)));

        assertThat(outcome).isEqualTo(new UpdateItem.PreconditionFailed(2));
    }

    @Test
    void patchesTheNewerVersionWhenTheClientNamedItToo() {
        RacyItems items = new RacyItems(1);

        var outcome = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, rename("Gadget"), Preconditions.ifMatch(ExpectedVersions.of(1, 2)));

        assertThat(outcome).isInstanceOfSatisfying(UpdateItem.Updated.class, updated -> {
            assertThat(updated.item().version()).isEqualTo(3);
            assertThat(updated.item().content().name()).isEqualTo("Gadget");
        });
    }

    @Test
    void failsThePreconditionWhenNoNamedVersionIsCurrent() {
        var outcome = new UpdateItem(new RacyItems(0), Clock.fixed(NOW, ZoneOffset.UTC))
                .update(
                        ACME,
                        ID,
                        rename("Gadget"),
                        Preconditions.ifMatch(ExpectedVersions.of(ExpectedVersions.NONE, 2, 3)));

        assertThat(outcome).isEqualTo(new UpdateItem.PreconditionFailed(1));
    }

    @Test
    void givesUpAfterRepeatedContention() {
        RacyItems items = new RacyItems(100);

        var outcome = new UpdateItem(items, Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, rename("Gadget"), Preconditions.NONE);

        assertThat(outcome).isInstanceOf(UpdateItem.Contended.class);
    }

    @Test
    void rejectsAPatchOfUnknownFieldsEvenWhenTheyAreNull() {
        Map<String, Object> patch = new HashMap<>();
        patch.put("colour", null);

        var outcome = new UpdateItem(new RacyItems(0), Clock.fixed(NOW, ZoneOffset.UTC))
                .update(ACME, ID, patch, Preconditions.NONE);

        assertThat(outcome)
                .isEqualTo(new UpdateItem.Invalid(List.of(new FieldError("colour", "is not a field of an item"))));
    }
}
