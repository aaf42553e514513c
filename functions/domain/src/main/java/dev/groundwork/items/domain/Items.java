package dev.groundwork.items.domain;

import dev.groundwork.kernel.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The items of every tenant. Every method takes the tenant: no item is reachable without naming its owner, so one
 * tenant's id never finds another tenant's item. Expected outcomes (absent, stale) are return values; exceptions mean
 * the store failed.
 */
public interface Items {

    /** Stores a new item; false when the tenant already has an item with its id. */
    boolean add(TenantId tenant, Item item);

    /**
     * Stores a new item made by one request, named by {@code request} (a digest of its Idempotency-Key, route and
     * body), unless that request stored one before: a retry after a failure that came after the write (its answer
     * lost, the key's record not written) then finds the item the first attempt made, instead of making a second. The
     * request's mark lasts as long as its key does.
     */
    Addition addOnce(TenantId tenant, Item item, String request);

    sealed interface Addition permits Added, AddedBefore, IdTaken {}

    record Added() implements Addition {}

    /** The request made an item before: the one with this id, created at this instant; nothing was stored now. */
    record AddedBefore(ItemId id, Instant createdAt) implements Addition {}

    /** The tenant already has an item with the new item's id; nothing was stored. */
    record IdTaken() implements Addition {}

    /**
     * The item as of the last acknowledged write: what a read answers and a read-modify-write starts from. A client
     * that wrote and then reads sees its write, never a 404 for the item it just made or the version before its patch
     * (with which its caches and {@code If-Match} would go back in time).
     */
    Optional<Item> findLatest(TenantId tenant, ItemId id);

    /**
     * Up to {@code limit} items as of the last acknowledged write, newest first, starting after {@code after}
     * (exclusive) when present, read no further than it takes for them to hold more than {@code maxBytes} of content
     * ({@link ItemDocument#storedSize}): a store that reads in pages may return the rest of the page that crossed it.
     * {@code hasMore} says whether items remain past the last one returned.
     */
    Slice newestFirst(TenantId tenant, int limit, long maxBytes, Optional<ItemId> after);

    /** Replaces the item when its stored version is still {@code expectedVersion}; false otherwise (changed or gone). */
    boolean replace(TenantId tenant, Item item, long expectedVersion);

    /**
     * Removes the item, in one conditional write: when it exists and {@code conditions} admit its version. Otherwise
     * nothing is removed, and the answer says why.
     */
    Removal remove(TenantId tenant, ItemId id, Preconditions conditions);

    sealed interface Removal permits Removed, Absent, Stale {}

    record Removed() implements Removal {}

    /** There was no such item. */
    record Absent() implements Removal {}

    /** The item is at another version than the expected ones, and is kept. */
    record Stale(long currentVersion) implements Removal {}

    record Slice(List<Item> items, boolean hasMore) {
        public Slice {
            items = List.copyOf(items);
        }
    }
}
