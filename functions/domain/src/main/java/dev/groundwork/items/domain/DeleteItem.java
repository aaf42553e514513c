package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;

/** Deletes an item of a tenant. */
public final class DeleteItem {
    private final Items items;

    public DeleteItem(Items items) {
        this.items = items;
    }

    public sealed interface Outcome permits Deleted, NotFound {}

    public record Deleted() implements Outcome {}

    public record NotFound() implements Outcome {}

    public Outcome delete(TenantId tenant, ItemId id) {
        return items.remove(tenant, id) ? new Deleted() : new NotFound();
    }
}
