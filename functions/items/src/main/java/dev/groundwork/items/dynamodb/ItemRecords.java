package dev.groundwork.items.dynamodb;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.observability.Correlation;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** An item as a table record and back. Tags are a list (an empty string set cannot be stored). */
public final class ItemRecords {
    static final String ID = "id";
    static final String NAME = "name";
    static final String ATTRIBUTES = "attributes";
    static final String TAGS = "tags";
    static final String VERSION = "version";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    /**
     * The correlation id of the request that last wrote the item: the table's stream carries it to the usage relay,
     * whose messages carry it on (see docs/observability.md). Not part of the item's representation.
     */
    public static final String LAST_REQUEST_ID = "lastRequestId";
    /**
     * The record's format, written on every record since the usage meter counts numbers as DynamoDB stores them
     * ({@link #CURRENT_FORMAT}). A record without it was counted by the meter's first rule when it was written, and is
     * counted by that rule again when it is changed or deleted, so that what its change takes off is what was added
     * (docs/async.md, "Records written before this rule"). Not part of the item's representation.
     */
    public static final String FORMAT = "format";
    /** Format 2: numbers counted in DynamoDB's base-100 digits (the first rule, one byte per two digits, had no mark). */
    public static final int CURRENT_FORMAT = 2;

    private ItemRecords() {}

    /** The item's record, with a fresh write token ({@link #WRITE_ID}): a new map, which its writer may add to. */
    public static Map<String, AttributeValue> toRecord(TenantId tenant, Item item) {
        Map<String, AttributeValue> record = new HashMap<>(ItemKeys.item(tenant, item.id()));
        record.put(ID, AttributeValue.fromS(item.id().value()));
        record.put(NAME, AttributeValue.fromS(item.content().name()));
        record.put(ATTRIBUTES, DocumentValues.toAttribute(item.content().attributes()));
        record.put(TAGS, DocumentValues.toAttribute(item.content().tags()));
        record.put(VERSION, AttributeValue.fromN(Long.toString(item.version())));
        record.put(CREATED_AT, AttributeValue.fromS(item.createdAt().toString()));
        record.put(UPDATED_AT, AttributeValue.fromS(item.updatedAt().toString()));
        record.put(FORMAT, AttributeValue.fromN(Integer.toString(CURRENT_FORMAT)));
        record.put(WRITE_ID, AttributeValue.fromS(UUID.randomUUID().toString()));
        Correlation.current().ifPresent(id -> record.put(LAST_REQUEST_ID, AttributeValue.fromS(id)));
        return record;
    }

    /**
     * A token of one write: random, so unique to the write, and the same on each attempt the SDK makes of it, by which
     * a conditional write tells its own earlier attempt from another write ({@code DynamoDbItems}). Not the
     * correlation id, which a client may choose. Every record carries one, whichever route wrote it, so that the same
     * item takes the same bytes in a tenant's {@code bytesStored}. Not part of the representation.
     */
    static final String WRITE_ID = "writeId";

    /** Whether {@code stored} is the record of the very write that made {@code written}: the same write's token. */
    static boolean sameWrite(Map<String, AttributeValue> written, Map<String, AttributeValue> stored) {
        return written.containsKey(WRITE_ID) && written.get(WRITE_ID).equals(stored.get(WRITE_ID));
    }

    @SuppressWarnings("unchecked")
    public static Item fromRecord(Map<String, AttributeValue> record) {
        ItemContent content = new ItemContent(
                record.get(NAME).s(),
                (Map<String, Object>) DocumentValues.fromAttribute(record.get(ATTRIBUTES)),
                (List<String>) DocumentValues.fromAttribute(record.get(TAGS)));
        return new Item(
                new ItemId(record.get(ID).s()),
                content,
                Long.parseLong(record.get(VERSION).n()),
                Instant.parse(record.get(CREATED_AT).s()),
                Instant.parse(record.get(UPDATED_AT).s()));
    }
}
