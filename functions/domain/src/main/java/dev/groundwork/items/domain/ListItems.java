package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Lists a tenant's items newest first, a page at a time, with cursors bound to that tenant. */
public final class ListItems {
    public static final int MIN_LIMIT = 1;
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 25;
    /**
     * A page ends early, with a cursor, once its items hold this much content. At most about 8 bytes of answer per
     * byte counted (a key of control characters escaped in the body, then again in Lambda's response), so a page stays
     * within Lambda's 6 MB; items of a few KB are unaffected.
     */
    public static final long MAX_PAGE_BYTES = 512 * 1024;

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
        Items.Slice slice = items.newestFirst(tenant, limit, MAX_PAGE_BYTES, after);
        List<Item> page = withinBudget(slice.items());
        boolean more = slice.hasMore() || page.size() < slice.items().size();
        Optional<String> next = more && !page.isEmpty()
                ? Optional.of(cursors.encode(tenant, page.getLast().id()))
                : Optional.empty();
        return new Page(page, next);
    }

    /**
     * The first items that fit {@value #MAX_PAGE_BYTES} bytes of stored content, and always the first: a page of a
     * hundred large items would otherwise answer more than Lambda returns (6 MB, with JSON's escapes counted twice).
     * Public for a SnapStart priming, whose query finds no items: so that it budgets found ones all the same.
     */
    public static List<Item> withinBudget(List<Item> items) {
        List<Item> page = new ArrayList<>();
        long bytes = 0;
        for (Item item : items) {
            long size = ItemDocument.storedSize(item.content());
            if (!page.isEmpty() && bytes + size > MAX_PAGE_BYTES) {
                break;
            }
            page.add(item);
            bytes += size;
        }
        return page;
    }
}
