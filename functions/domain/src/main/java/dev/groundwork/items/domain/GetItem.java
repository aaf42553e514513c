package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.util.Optional;

/** Reads one item of a tenant. Another tenant's item is absent, exactly like a missing one. */
public final class GetItem {
    private final Items items;

    public GetItem(Items items) {
        this.items = items;
    }

    public Optional<Item> get(TenantId tenant, ItemId id) {
        return items.findLatest(tenant, id);
    }
}
