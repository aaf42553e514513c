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

    public static Map<String, AttributeValue> item(TenantId tenant, ItemId id) {
        return TenantKeys.key(tenant, ITEM_PREFIX + id.value());
    }
}
