package dev.groundwork.items.domain;

import java.time.Instant;

/**
 * An item of one tenant. {@code version} counts from 1 and grows by one with every change: it is the item's ETag and
 * the guard of every conditional write.
 */
public record Item(ItemId id, ItemContent content, long version, Instant createdAt, Instant updatedAt) {
    public Item {
        if (id == null || content == null || createdAt == null || updatedAt == null) {
            throw new IllegalArgumentException("an item has an id, content and timestamps");
        }
        if (version < 1) {
            throw new IllegalArgumentException("versions count from 1");
        }
    }

    /** A new item, at version 1. */
    public static Item created(ItemId id, ItemContent content, Instant now) {
        return new Item(id, content, 1, now, now);
    }

    /** The next version of this item with new content. */
    public Item revised(ItemContent newContent, Instant now) {
        return new Item(id, newContent, version + 1, createdAt, now);
    }
}
