package dev.groundwork.items.shared.dynamodb;

import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.TenantId;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that knows the table's key design: every record of a tenant lives in partition
 * {@code TENANT#<tenantId>}; items sort as {@code ITEM#<ulid>} (so newest first is a descending query) and
 * idempotency records as {@code IDEMPOTENCY#<key>}.
 */
public final class TableKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String ITEM_PREFIX = "ITEM#";
    private static final String TENANT_PREFIX = "TENANT#";
    private static final String IDEMPOTENCY_PREFIX = "IDEMPOTENCY#";

    private TableKeys() {}

    public static AttributeValue partition(TenantId tenant) {
        return AttributeValue.fromS(TENANT_PREFIX + tenant.value());
    }

    public static Map<String, AttributeValue> item(TenantId tenant, ItemId id) {
        return Map.of(PK, partition(tenant), SK, AttributeValue.fromS(ITEM_PREFIX + id.value()));
    }

    static Map<String, AttributeValue> idempotency(TenantId tenant, String key) {
        return Map.of(PK, partition(tenant), SK, AttributeValue.fromS(IDEMPOTENCY_PREFIX + key));
    }

    /** The tenant whose partition key this is, when it is one: consumers of the table's stream read keys back. */
    public static java.util.Optional<TenantId> tenantOfPartition(String partitionKey) {
        return partitionKey != null && partitionKey.startsWith(TENANT_PREFIX)
                ? TenantId.parse(partitionKey.substring(TENANT_PREFIX.length()))
                : java.util.Optional.empty();
    }
}
