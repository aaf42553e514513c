package dev.groundwork.platform.dynamodb;

import dev.groundwork.kernel.TenantId;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that knows a tenant's partition: every record a tenant owns, in either table, lives in partition
 * {@code TENANT#<tenantId>} under the key attributes {@code pk} and {@code sk}, so no query can reach past a tenant.
 * Each context owns its sort keys beside its repository ({@code ItemKeys}, {@code DynamoDbImportJobs},
 * {@code DynamoDbIdempotencyRecords}, {@code UsageKeys}); docs/architecture.md lists the whole key design. It also
 * names the attributes every kind of record shares: the keys and the TTL attribute.
 */
public final class TenantKeys {
    public static final String PK = "pk";
    public static final String SK = "sk";
    /**
     * Both tables' TTL attribute (template.yaml's {@code TimeToLiveSpecification}): a record that has it, in epoch
     * seconds, is deleted some time after. Readers check it too, since TTL deletes only eventually.
     */
    public static final String EXPIRES_AT = "expiresAt";

    private static final String TENANT_PREFIX = "TENANT#";

    /** The condition of a write of a new record: no record has its key yet (name {@code #pk} the key attribute). */
    public static final String NO_RECORD_YET = "attribute_not_exists(#pk)";

    /**
     * A condition that no record meets, stored or not (name {@code #pk} the key attribute): a SnapStart priming's
     * write conditioned on it is refused whatever the table holds, so it runs the whole path of a write and can never
     * write, even on a key that somebody has written.
     */
    public static final String NO_RECORD_MEETS = "attribute_exists(#pk) AND attribute_not_exists(#pk)";

    private TenantKeys() {}

    public static AttributeValue partition(TenantId tenant) {
        return AttributeValue.fromS(TENANT_PREFIX + tenant.value());
    }

    /** The full key of the tenant's record with this sort key. */
    public static Map<String, AttributeValue> key(TenantId tenant, String sortKey) {
        return Map.of(PK, partition(tenant), SK, AttributeValue.fromS(sortKey));
    }

    /** The tenant whose partition key this is, when it is one: consumers of the table's stream read keys back. */
    public static Optional<TenantId> tenantOfPartition(String partitionKey) {
        return partitionKey != null && partitionKey.startsWith(TENANT_PREFIX)
                ? TenantId.parse(partitionKey.substring(TENANT_PREFIX.length()))
                : Optional.empty();
    }
}
