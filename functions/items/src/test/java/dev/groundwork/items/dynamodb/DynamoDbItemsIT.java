package dev.groundwork.items.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.groundwork.items.domain.ExpectedVersions;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.JsonValues;
import dev.groundwork.items.domain.ListItems;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.RefusedVersions;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.testing.DistinctKeys;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.RetainedHeap;
import dev.groundwork.platform.testing.TestTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class DynamoDbItemsIT {
    private static final TenantId ACME = new TenantId("acme");
    private final DynamoDbTarget target;
    private DynamoDbItems items;
    private TestTable table;

    DynamoDbItemsIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void freshTable() {
        table = target.freshTable();
        items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
    }

    private static ItemId id(int n) {
        return new ItemId(String.format("01JDX5Q0A8Z4M6TB3N7R9WV%03d", n));
    }

    @Test
    void roundTripsEveryKindOfJsonValue() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("text", "héllo");
        attributes.put("number", new BigDecimal("-12.500"));
        attributes.put("flag", false);
        attributes.put("nothing", null);
        attributes.put("list", Arrays.asList("a", new BigDecimal("1"), null, List.of()));
        attributes.put("nested", Map.of("deeper", Map.of("empty", "")));
        Item item = Item.created(id(1), new ItemContent("All kinds", attributes, List.of()), Instant.EPOCH);

        items.add(ACME, item);

        Item read = items.findLatest(ACME, id(1)).orElseThrow();
        assertThat(read.content().attributes()).containsKeys("text", "number", "flag", "nothing", "list", "nested");
        assertThat((BigDecimal) read.content().attributes().get("number")).isEqualByComparingTo("-12.5");
        assertThat(read.content().attributes().get("nothing")).isNull();
        assertThat(read.content().attributes().get("list"))
                .isEqualTo(Arrays.asList("a", new BigDecimal("1"), null, List.of()));
        assertThat(read.content().tags()).isEmpty();
        assertThat(read.createdAt()).isEqualTo(Instant.EPOCH);
    }

    @Test
    void storesTheDeepestAndLargestValuesTheInputModelAccepts() {
        Object deepest = new BigDecimal("9.9999999999999999999999999999999999999E+125");
        for (int level = 32; level > 1; level--) {
            deepest = Map.of("a", deepest); // a value at level 32, the top-level attribute being level 1
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = new LinkedHashMap<>((Map<String, Object>) deepest);
        attributes.put("tiny", new BigDecimal("-1E-130"));
        attributes.put("astral \uD83D\uDE00", "\u0000\u001F\uD83D\uDE00\uFFFD");
        ItemContent content = new ItemContent("deep", attributes, List.of());
        assertThat(dev.groundwork.items.domain.ItemDocument.read(dev.groundwork.items.domain.ItemDocument.of(content)))
                .isInstanceOf(dev.groundwork.items.domain.ItemDocument.Valid.class);

        items.add(ACME, Item.created(id(1), content, Instant.EPOCH));

        Item read = items.findLatest(ACME, id(1)).orElseThrow();
        assertThat(read.content().attributes())
                .usingRecursiveComparison()
                .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(attributes);
    }

    @Test
    void fillsASliceAcrossQueryPagesThatEndAtOneMegabyte() {
        String blob = "b".repeat(300 * 1024); // three such items fill a 1 MB query page
        for (int n = 1; n <= 8; n++) {
            items.add(
                    ACME,
                    Item.created(id(n), new ItemContent("big " + n, Map.of("blob", blob), List.of()), Instant.EPOCH));
        }

        Items.Slice first = items.newestFirst(ACME, 5, Long.MAX_VALUE, Optional.empty());
        Items.Slice rest = items.newestFirst(
                ACME, 5, Long.MAX_VALUE, Optional.of(first.items().getLast().id()));

        assertThat(first.items())
                .extracting(item -> item.content().name())
                .containsExactly("big 8", "big 7", "big 6", "big 5", "big 4");
        assertThat(first.hasMore()).isTrue();
        assertThat(rest.items()).extracting(item -> item.content().name()).containsExactly("big 3", "big 2", "big 1");
        assertThat(rest.hasMore()).isFalse();
    }

    @Test
    void readsNoFurtherQueryPagesOnceTheItemsReadHoldMoreThanTheBudget() {
        String blob = "b".repeat(300 * 1024);
        for (int n = 1; n <= 8; n++) {
            items.add(
                    ACME,
                    Item.created(id(n), new ItemContent("big " + n, Map.of("blob", blob), List.of()), Instant.EPOCH));
        }

        Items.Slice slice = items.newestFirst(ACME, 100, ListItems.MAX_PAGE_BYTES, Optional.empty());

        // one query page of 1 MB, not all eight items (2.4 MB) for a page that answers one or two of them
        assertThat(slice.items())
                .extracting(item -> item.content().name())
                .hasSizeLessThan(5)
                .startsWith("big 8", "big 7");
        assertThat(slice.hasMore()).isTrue();
    }

    @Test
    void replacesOnlyTheExpectedVersion() {
        Item item = TestItems.sample("v1");
        items.add(ACME, item);
        Item second = item.revised(item.content(), Instant.EPOCH);

        assertThat(items.replace(ACME, second, 1)).isTrue();
        assertThat(items.replace(ACME, second.revised(item.content(), Instant.EPOCH), 1))
                .isFalse();
        assertThat(items.replace(new TenantId("globex"), second, 1)).isFalse();
        assertThat(items.findLatest(new TenantId("globex"), item.id())).isEmpty();
    }

    @Test
    void storesTheSameAttributesBesideAnItemWhicheverWayItIsWritten() {
        // A tenant's bytesStored counts the whole record: a create, a keyed create and a replace store alike.
        Item created = Item.created(id(1), TestItems.sample("created").content(), Instant.EPOCH);
        Item keyed = Item.created(id(2), TestItems.sample("keyed").content(), Instant.EPOCH);
        items.add(ACME, created);
        items.addOnce(ACME, keyed, "digest-1");
        items.replace(ACME, created.revised(TestItems.sample("replaced").content(), Instant.EPOCH), 1);

        Map<String, AttributeValue> first = record(id(1));
        Map<String, AttributeValue> second = record(id(2));

        assertThat(first.keySet()).isEqualTo(second.keySet()).contains("writeId", "format");
        assertThat(first.get("writeId").s())
                .hasSize(36)
                .isNotEqualTo(second.get("writeId").s());
    }

    private Map<String, AttributeValue> record(ItemId id) {
        return table.client()
                .getItem(get -> get.tableName(table.name()).key(ItemKeys.item(ACME, id)))
                .item();
    }

    @Test
    void addsAnIdOnlyOncePerTenant() {
        assertThat(items.add(ACME, TestItems.sample("first"))).isTrue();
        assertThat(items.add(ACME, TestItems.sample("second"))).isFalse();
        assertThat(items.add(new TenantId("globex"), TestItems.sample("globex's")))
                .isTrue();
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .content()
                        .name())
                .isEqualTo("first");
    }

    @Test
    void removesOnlyWhatExists() {
        items.add(ACME, TestItems.sample("x"));

        assertThat(items.remove(new TenantId("globex"), TestItems.SAMPLE_ID, Preconditions.NONE))
                .isEqualTo(new Items.Absent());
        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.NONE)).isEqualTo(new Items.Removed());
        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.NONE)).isEqualTo(new Items.Absent());
    }

    @Test
    void removesOnlyAtAnExpectedVersionAndOtherwiseTellsTheVersionItIsAt() {
        Item item = TestItems.sample("x");
        items.add(ACME, item);
        items.replace(ACME, item.revised(item.content(), Instant.EPOCH), 1);

        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.ifMatch(ExpectedVersions.of(1, 3))))
                .isEqualTo(new Items.Stale(2));
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
        assertThat(items.remove(
                        new TenantId("globex"), TestItems.SAMPLE_ID, Preconditions.ifMatch(ExpectedVersions.of(2))))
                .isEqualTo(new Items.Absent());
        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.ifMatch(ExpectedVersions.of(1, 2))))
                .isEqualTo(new Items.Removed());
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isEmpty();
    }

    @Test
    void removesOnlyAtAVersionIfNoneMatchDoesNotRefuseInOneConditionalWrite() {
        Item item = TestItems.sample("x");
        items.add(ACME, item);
        items.replace(ACME, item.revised(item.content(), Instant.EPOCH), 1);

        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.ifNoneMatch(RefusedVersions.ANY)))
                .isEqualTo(new Items.Stale(2));
        assertThat(items.remove(ACME, TestItems.SAMPLE_ID, Preconditions.ifNoneMatch(RefusedVersions.of(1, 2))))
                .isEqualTo(new Items.Stale(2));
        assertThat(items.remove(
                        ACME,
                        TestItems.SAMPLE_ID,
                        new Preconditions(Optional.of(ExpectedVersions.of(2)), Optional.of(RefusedVersions.of(2)))))
                .isEqualTo(new Items.Stale(2));
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
        assertThat(items.remove(
                        new TenantId("globex"), TestItems.SAMPLE_ID, Preconditions.ifNoneMatch(RefusedVersions.ANY)))
                .isEqualTo(new Items.Absent());
        assertThat(items.remove(
                        ACME,
                        TestItems.SAMPLE_ID,
                        new Preconditions(Optional.of(ExpectedVersions.of(2)), Optional.of(RefusedVersions.of(1, 3)))))
                .isEqualTo(new Items.Removed());
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isEmpty();
    }

    @Test
    void aRemovalOfNothingRemovesNoItemAndRefusesAnIdThatIsTaken() {
        items.add(ACME, TestItems.sample("x"));

        items.removeNothing(ACME, id(2));
        items.removeNothing(new TenantId("globex"), TestItems.SAMPLE_ID);

        assertThatThrownBy(() -> items.removeNothing(ACME, TestItems.SAMPLE_ID))
                .isInstanceOf(IllegalStateException.class);
        assertThat(items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
        assertThat(items.findLatest(ACME, id(2))).isEmpty();
        assertThat(items.findLatest(new TenantId("globex"), TestItems.SAMPLE_ID))
                .isEmpty();
    }

    @Test
    void answersAnEmptySliceForATenantWithoutItems() {
        Items.Slice slice = items.newestFirst(ACME, 10, ListItems.MAX_PAGE_BYTES, Optional.empty());

        assertThat(slice.items()).isEqualTo(new ArrayList<>());
        assertThat(slice.hasMore()).isFalse();
    }

    /**
     * The SDK's JSON parser keeps every key it reads in DynamoDB's answers, in a table the whole process shares (about
     * 6,000 keys at a time; no setting turns it off). So the longest key the API takes decides how much of a
     * container one tenant's own items can hold for every other tenant it then serves: at DynamoDB's 64 KB, about
     * 780 MB; at the API's 1,024 bytes, about 13 MB.
     */
    @Test
    void readingBackThousandsOfDistinctKeysOfTheLongestLengthKeepsLittleOfThem() {
        int keysPerItem = 300_000 / JsonValues.MAX_KEY_BYTES; // each item well under DynamoDB's 400 KB
        // Just under the ~6,000 keys after which the parser starts its table again: the most it keeps.
        int itemCount = 5_900 / keysPerItem;
        for (int n = 1; n <= itemCount; n++) {
            Map<String, Object> keys = DistinctKeys.asObject(String.valueOf(n), keysPerItem, JsonValues.MAX_KEY_BYTES);
            items.add(
                    ACME, Item.created(id(n), new ItemContent("keys", Map.of("keys", keys), List.of()), Instant.EPOCH));
        }

        long kept = RetainedHeap.bytesKeptBy(() -> {
            for (int n = 1; n <= itemCount; n++) {
                assertThat(items.findLatest(ACME, id(n))).isPresent();
            }
        });

        assertThat(kept).as("bytes kept after reading %d items", itemCount).isLessThan(32L << 20);
    }
}
