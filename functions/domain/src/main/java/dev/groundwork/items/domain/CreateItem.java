package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.time.Clock;

/** Creates an item for a tenant: a new time-ordered id, version 1. */
public final class CreateItem {
    private static final int ATTEMPTS = 3;

    private final Items items;
    private final ItemIds ids;
    private final Clock clock;

    public CreateItem(Items items, ItemIds ids, Clock clock) {
        this.items = items;
        this.ids = ids;
        this.clock = clock;
    }

    public Item create(TenantId tenant, ItemContent content) {
        // 80 random bits make a collision all but impossible; the conditional write makes one harmless, not silent.
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Item item = Item.created(ids.next(), content, clock.instant());
            if (items.add(tenant, item)) {
                return item;
            }
        }
        throw new IllegalStateException("the id generator repeated ids " + ATTEMPTS + " times");
    }

    /**
     * {@link #create}, once per request: {@code request} names it across its retries (a digest of its Idempotency-Key,
     * route and body). A retry of a request that stored its item, whatever failed after, answers with that item as it
     * was created, from the same body, instead of storing a second one.
     */
    public Item create(TenantId tenant, ItemContent content, String request) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Item item = Item.created(ids.next(), content, clock.instant());
            switch (items.addOnce(tenant, item, request)) {
                case Items.Added added -> {
                    return item;
                }
                case Items.AddedBefore before -> {
                    return Item.created(before.id(), content, before.createdAt());
                }
                case Items.IdTaken taken -> {
                    // Another item has the id: try a new one.
                }
            }
        }
        throw new IllegalStateException("the id generator repeated ids " + ATTEMPTS + " times");
    }
}
