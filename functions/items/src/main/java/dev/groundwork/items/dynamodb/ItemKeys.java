package dev.groundwork.items.dynamodb;

import dev.groundwork.items.domain.ItemId;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TenantKeys;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's key: in its tenant's partition, sorted as {@code ITEM#<ulid>}, so newest first is a descending query and
 * a query that begins with {@code ITEM#} reads only items. The usage context reads the prefix back from the stream.
 */
public final class ItemKeys {
    public static final String ITEM_PREFIX = "ITEM#";

    private ItemKeys() {}

    /** Marks which item a request made ({@code Items#addOnce}); not an item, so no item query or stream reads it. */
    static final String MADE_BY_PREFIX = "MADE-BY#";

    public static Map<String, AttributeValue> item(TenantId tenant, ItemId id) {
        return TenantKeys.key(tenant, ITEM_PREFIX + id.value());
    }

    /** The key of the mark that the request named {@code request} (a digest) made an item, in its tenant's partition. */
    static Map<String, AttributeValue> madeBy(TenantId tenant, String request) {
        return TenantKeys.key(tenant, MADE_BY_PREFIX + request);
    }
}
