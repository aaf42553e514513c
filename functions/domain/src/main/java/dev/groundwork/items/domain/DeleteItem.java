package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;

/**
 * Deletes an item of a tenant. An item at a version the client's preconditions do not admit ({@code If-Match},
 * {@code If-None-Match}) is a failed precondition and is kept, as {@link UpdateItem} keeps it.
 */
public final class DeleteItem {
    private final Items items;

    public DeleteItem(Items items) {
        this.items = items;
    }

    public sealed interface Outcome permits Deleted, NotFound, PreconditionFailed {}

    public record Deleted() implements Outcome {}

    public record NotFound() implements Outcome {}

    /** The item's version is not one the client's preconditions admit. */
    public record PreconditionFailed(long currentVersion) implements Outcome {}

    /** @param conditions the versions the client agrees, and refuses, to delete */
    public Outcome delete(TenantId tenant, ItemId id, Preconditions conditions) {
        return switch (items.remove(tenant, id, conditions)) {
            case Items.Removed removed -> new Deleted();
            case Items.Absent absent -> new NotFound();
            case Items.Stale stale -> new PreconditionFailed(stale.currentVersion());
        };
    }
}
