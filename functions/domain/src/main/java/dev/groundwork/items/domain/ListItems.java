package dev.groundwork.items.domain;

import java.util.List;
import java.util.Optional;

/** Lists a tenant's items newest first, a page at a time, with cursors bound to that tenant. */
public final class ListItems {
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 25;

    private final Items items;
    private final PageCursors cursors;

    public ListItems(Items items, PageCursors cursors) {
        this.items = items;
        this.cursors = cursors;
    }

    public sealed interface Outcome permits Page, InvalidCursor {}

    public record Page(List<Item> items, Optional<String> nextCursor) implements Outcome {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** The cursor is not one this service issued to this tenant. */
    public record InvalidCursor() implements Outcome {}

    /** @param limit between {@link #MIN_LIMIT} and {@link #MAX_LIMIT}; the HTTP adapter has checked it */
    public Outcome list(TenantId tenant, int limit, Optional<String> cursor) {
        if (limit < MIN_LIMIT || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit out of range: " + limit);
        }
        Optional<ItemId> after = Optional.empty();
        if (cursor.isPresent()) {
            after = cursors.decode(tenant, cursor.get());
            if (after.isEmpty()) {
                return new InvalidCursor();
            }
        }
        Items.Slice slice = items.newestFirst(tenant, limit, after);
        Optional<String> next = slice.hasMore() && !slice.items().isEmpty()
                ? Optional.of(cursors.encode(tenant, slice.items().getLast().id()))
                : Optional.empty();
        return new Page(slice.items(), next);
    }
}
