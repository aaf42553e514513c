package dev.groundwork.usage.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.observability.Correlation;
import dev.groundwork.platform.sqs.Unreadable;
import dev.groundwork.usage.domain.ChangeRun;
import dev.groundwork.usage.domain.ItemChange;
import dev.groundwork.usage.sqs.ChangeRunMessages;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class StreamChangesTest {
    private final DynamodbEvent sample =
            EventLoader.loadDynamoDbEvent("events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");

    @Test
    void groupsOneShardsItemChangesIntoOneRunPerTenantInStreamOrder() {
        List<ChangeRun> runs = StreamChanges.runs(sample);

        assertThat(runs).extracting(run -> run.tenant().value()).containsExactly("acme", "globex");
        ChangeRun acme = runs.getFirst();
        assertThat(acme.changes())
                .extracting(ItemChange::kind)
                .containsExactly(ItemChange.Kind.CREATED, ItemChange.Kind.UPDATED, ItemChange.Kind.DELETED);
        assertThat(acme.firstSequenceNumber()).isEqualTo("100000000000000000001");
        assertThat(acme.lastSequenceNumber()).isEqualTo("100000000000000000005");
        assertThat(acme.changes().getFirst().occurredAt()).isEqualTo(Instant.ofEpochSecond(1764093600));
    }

    @Test
    void setsAsideAnItemsRecordWithoutItsCreationTimeRatherThanCountItOnAGuessedDay() {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        DynamodbEvent.DynamodbStreamRecord first = event.getRecords().getFirst();
        first.getDynamodb().setApproximateCreationDateTime(null);

        StreamChanges.Reading reading = StreamChanges.read(event);

        assertThat(reading.unrelayable()).singleElement().satisfies(set -> {
            assertThat(set.record()).isSameAs(first);
            assertThat(set.reason()).contains("ApproximateCreationDateTime");
        });
        assertThat(reading.runs())
                .flatExtracting(ChangeRun::changes)
                .hasSize(3)
                .allSatisfy(change -> assertThat(change.occurredAt()).isAfter(Instant.EPOCH));
    }

    @Test
    void setsAsideAnItemsRecordWithoutAnImageItsChangeIsMeteredByRatherThanCountItAsNoBytes() {
        // given: acme's INSERT without its new image, its MODIFY without its old one, its REMOVE without its old one
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        records.get(0).getDynamodb().setNewImage(null);
        records.get(2).getDynamodb().setOldImage(null);
        records.get(4).getDynamodb().setOldImage(null);

        StreamChanges.Reading reading = StreamChanges.read(event);

        assertThat(reading.unrelayable())
                .extracting(StreamChanges.Unrelayable::reason)
                .satisfiesExactly(
                        insert -> assertThat(insert)
                                .endsWith("the record has no NewImage, which its item's bytes after are read from"),
                        modify -> assertThat(modify)
                                .endsWith("the record has no OldImage, which its item's bytes before are read from"),
                        remove -> assertThat(remove)
                                .endsWith("the record has no OldImage, which its item's bytes before are read from"));
        assertThat(reading.runs()).extracting(run -> run.tenant().value()).containsExactly("globex");
    }

    @Test
    void setsAsideAnItemsRecordWhosePartitionNamesNoTenantOrWhoseEventIsUnknownRatherThanPassItOver() {
        // given: acme's INSERT under a partition that is no tenant's, globex's INSERT with an event name Lambda never
        // sends
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        List<DynamodbEvent.DynamodbStreamRecord> records = event.getRecords();
        records.get(0).getDynamodb().getKeys().get("pk").setS("TENANT#bad tenant!");
        records.get(3).setEventName("UPSERT");

        StreamChanges.Reading reading = StreamChanges.read(event);

        assertThat(reading.unrelayable())
                .satisfiesExactly(
                        badTenant -> {
                            assertThat(badTenant.record()).isSameAs(records.get(0));
                            assertThat(badTenant.tenant()).isEmpty();
                            assertThat(badTenant.reason())
                                    .endsWith("the item's record has no partition key that names a tenant");
                        },
                        unknownEvent -> {
                            assertThat(unknownEvent.record()).isSameAs(records.get(3));
                            assertThat(unknownEvent.tenant())
                                    .map(tenant -> tenant.value())
                                    .contains("globex");
                            assertThat(unknownEvent.reason()).endsWith("is not INSERT, MODIFY or REMOVE");
                        });
        assertThat(reading.runs()).flatExtracting(ChangeRun::changes).hasSize(2);
    }

    @Test
    void setsAsideARecordWithoutKeys() {
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        event.getRecords().get(1).getDynamodb().setKeys(null);

        assertThat(StreamChanges.read(event).unrelayable())
                .singleElement()
                .satisfies(set -> assertThat(set.reason()).endsWith("the record has no Keys"));
    }

    @Test
    void readsAnInsertWithoutAnOldImageAndARemoveWithoutANewImageAsLambdaSendsThem() {
        assertThat(StreamChanges.read(sample).unrelayable()).isEmpty();
    }

    @Test
    void leavesOutRecordsThatAreNotItems() {
        assertThat(StreamChanges.runs(sample))
                .flatExtracting(ChangeRun::changes)
                .hasSize(4);
    }

    @Test
    void measuresItemSizesFromTheImagesAndKeepsTheirNetChange() {
        ChangeRun acme = StreamChanges.runs(sample).getFirst();
        ItemChange created = acme.changes().get(0);
        ItemChange updated = acme.changes().get(1);
        ItemChange deleted = acme.changes().get(2);

        assertThat(created.bytesBefore()).isZero();
        assertThat(updated.bytesBefore()).isEqualTo(created.bytesAfter());
        // "Blue widget, larger" is 8 bytes longer than "Blue widget", and the version number's size is the same.
        assertThat(updated.bytesAfter() - updated.bytesBefore()).isEqualTo(8);
        assertThat(deleted.bytesBefore()).isEqualTo(updated.bytesAfter());
        assertThat(deleted.bytesAfter()).isZero();
    }

    @Test
    void takesOffWhatItAddedForAnItemStoredBeforeRecordsCarriedAFormatAndChangedSince() {
        // given: acme's item created before records carried a format, then updated and deleted since; it holds numbers
        // the meter's first rule counts a byte short (negative, or straddling a base-100 digit)
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        List<DynamodbEvent.DynamodbStreamRecord> acme = event.getRecords().stream()
                .filter(record ->
                        record.getDynamodb().getKeys().get("sk").getS().endsWith("FAV"))
                .toList();
        StreamRecord created = acme.get(0).getDynamodb();
        StreamRecord updated = acme.get(1).getDynamodb();
        StreamRecord deleted = acme.get(2).getDynamodb();
        for (Map<String, AttributeValue> image :
                List.of(created.getNewImage(), updated.getOldImage(), updated.getNewImage(), deleted.getOldImage())) {
            image.put("balance", new AttributeValue().withN("-1.2"));
            image.put("count", new AttributeValue().withN("120"));
        }
        created.getNewImage().remove(ItemRecords.FORMAT);
        updated.getOldImage().remove(ItemRecords.FORMAT);
        Map<String, AttributeValue> withoutNumbers = new HashMap<>(created.getNewImage());
        withoutNumbers.keySet().removeAll(List.of("balance", "count"));

        List<ItemChange> changes = StreamChanges.runs(event).getFirst().changes();

        // then: the create added the numbers as the first rule counted them (2 bytes each), as the relay did then
        assertThat(changes.get(0).bytesAfter() - ItemImageSize.of(withoutNumbers))
                .isEqualTo("balance".length() + 2 + "count".length() + 2);
        // and the update takes off what the create added, and the delete what the update added: nothing is left
        assertThat(changes.get(1).bytesBefore()).isEqualTo(changes.get(0).bytesAfter());
        assertThat(changes.get(2).bytesBefore()).isEqualTo(changes.get(1).bytesAfter());
        assertThat(changes.stream()
                        .mapToLong(change -> change.bytesAfter() - change.bytesBefore())
                        .sum())
                .isZero();
        // and the updated item is counted as DynamoDB stores it: its 8 bytes longer name, the format's 8 bytes, and
        // its numbers' 3 bytes more (-1.2 takes 4 bytes, not 2; 120 takes 3, not 2)
        assertThat(changes.get(1).bytesAfter() - changes.get(1).bytesBefore()).isEqualTo(8 + 8 + 3);
    }

    @Test
    void setsAsideARecordOfAFormatThisRelayDoesNotKnowRatherThanCountItByAnotherRule() {
        // given: acme's update, whose new image is of a format a later version writes
        DynamodbEvent event = EventLoader.loadDynamoDbEvent(
                "events/dynamodb/items-stream/two-tenants-with-an-idempotency-record.json");
        DynamodbEvent.DynamodbStreamRecord update = event.getRecords().get(2);
        update.getDynamodb().getNewImage().put(ItemRecords.FORMAT, new AttributeValue().withN("3"));

        StreamChanges.Reading reading = StreamChanges.read(event);

        // then: it is set aside whole, for a replay once a relay that knows the format is deployed
        assertThat(reading.unrelayable()).singleElement().satisfies(set -> {
            assertThat(set.record()).isSameAs(update);
            assertThat(set.reason()).contains("format is not one this relay counts");
        });
    }

    @Test
    void readsSampleImagesThatCarryEveryAttributeAnItemsRecordIsWrittenWith() {
        // The sample stands for what the deployed table streams: its images hold what ItemRecords writes, no less
        Correlation.set("req-1");
        try {
            Item item = Item.created(
                    new ItemId("01JBZ3NDEKTSV4RRFFQ69G5FAV"),
                    new ItemContent("Blue widget", Map.of(), List.of()),
                    Instant.EPOCH);
            Set<String> written =
                    ItemRecords.toRecord(new TenantId("acme"), item).keySet();

            assertThat(sample.getRecords())
                    .filteredOn(record ->
                            record.getDynamodb().getKeys().get("sk").getS().startsWith("ITEM#"))
                    .flatExtracting(record -> Stream.of(
                                    record.getDynamodb().getOldImage(),
                                    record.getDynamodb().getNewImage())
                            .filter(Objects::nonNull)
                            .toList())
                    .hasSize(5)
                    .allSatisfy(image -> assertThat(image.keySet()).isEqualTo(written));
        } finally {
            MDC.clear();
        }
    }

    @Test
    void yieldsTheSameRunsForTheSameBatchSoARetriedRelayIsRecognised() {
        assertThat(StreamChanges.runs(sample))
                .extracting(ChangeRun::key)
                .isEqualTo(
                        StreamChanges.runs(sample).stream().map(ChangeRun::key).toList());
    }

    @Test
    void writesAndReadsARunAsOneMessage() throws Unreadable {
        ChangeRun run = StreamChanges.runs(sample).getFirst();

        assertThat(ChangeRunMessages.read(ChangeRunMessages.write(run))).isEqualTo(run);
    }

    @Test
    void namesTheTenantAndEventOfAnUnreadableMessage() {
        assertThatThrownBy(
                        () -> ChangeRunMessages.read(
                                "{\"version\":1,\"tenant\":\"acme\",\"source\":\"s\",\"changes\":[{\"sequenceNumber\":\"7\",\"kind\":\"EXPLODED\"}]}"))
                .isInstanceOfSatisfying(Unreadable.class, unreadable -> {
                    assertThat(unreadable.tenant()).contains("acme");
                    assertThat(unreadable.event()).contains("sequenceNumber 7");
                });
    }
}
