package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.util.Optional;

/**
 * Deletes an item of a tenant. With expected versions (the client's {@code If-Match}) an item at another version is a
 * failed precondition and is kept, as {@link UpdateItem} keeps it.
 */
public final class DeleteItem {
    private final Items items;

    public DeleteItem(Items items) {
        this.items = items;
    }

    public sealed interface Outcome permits Deleted, NotFound, PreconditionFailed {}

    public record Deleted() implements Outcome {}

    public record NotFound() implements Outcome {}

    /** The item's version is none of the expected ones. */
    public record PreconditionFailed(long currentVersion) implements Outcome {}

    /** @param expected the only versions the client agrees to delete, when it said so */
    public Outcome delete(TenantId tenant, ItemId id, Optional<ExpectedVersions> expected) {
        return switch (items.remove(tenant, id, expected)) {
            case Items.Removed removed -> new Deleted();
            case Items.Absent absent -> new NotFound();
            case Items.Stale stale -> new PreconditionFailed(stale.currentVersion());
        };
    }
}
