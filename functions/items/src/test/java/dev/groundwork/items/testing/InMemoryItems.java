package dev.groundwork.items.testing;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Items;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.kernel.TenantId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicReference;

/** {@link Items} in memory, with the same conditional semantics as the table, for handler tests. */
public final class InMemoryItems implements Items {
    private final Map<TenantId, ConcurrentSkipListMap<ItemId, Item>> tenants = new ConcurrentHashMap<>();
    /** The requests that made an item, by tenant and request digest. */
    private final Map<String, AddedBefore> requests = new ConcurrentHashMap<>();

    private ConcurrentSkipListMap<ItemId, Item> of(TenantId tenant) {
        return tenants.computeIfAbsent(tenant, ignored -> new ConcurrentSkipListMap<>(Comparator.reverseOrder()));
    }

    @Override
    public boolean add(TenantId tenant, Item item) {
        return of(tenant).putIfAbsent(item.id(), item) == null;
    }

    @Override
    public synchronized Addition addOnce(TenantId tenant, Item item, String request) {
        AddedBefore before = requests.get(tenant + "\n" + request);
        if (before != null) {
            return before;
        }
        if (!add(tenant, item)) {
            return new IdTaken();
        }
        requests.put(tenant + "\n" + request, new AddedBefore(item.id(), item.createdAt()));
        return new Added();
    }

    @Override
    public Optional<Item> findLatest(TenantId tenant, ItemId id) {
        return Optional.ofNullable(of(tenant).get(id));
    }

    @Override
    public Slice newestFirst(TenantId tenant, int limit, long maxBytes, Optional<ItemId> after) {
        var items = after.map(id -> of(tenant).tailMap(id, false)).orElse(of(tenant));
        List<Item> page = new ArrayList<>();
        long bytes = 0;
        for (Item item : items.values()) {
            if (page.size() > limit || bytes > maxBytes) {
                return new Slice(page.size() > limit ? page.subList(0, limit) : page, true);
            }
            page.add(item);
            bytes += ItemDocument.storedSize(item.content());
        }
        boolean hasMore = page.size() > limit;
        return new Slice(hasMore ? page.subList(0, limit) : page, hasMore);
    }

    @Override
    public boolean replace(TenantId tenant, Item item, long expectedVersion) {
        return of(tenant)
                        .computeIfPresent(
                                item.id(), (id, current) -> current.version() == expectedVersion ? item : current)
                == item;
    }

    @Override
    public Removal remove(TenantId tenant, ItemId id, Preconditions conditions) {
        AtomicReference<Removal> outcome = new AtomicReference<>(new Absent());
        of(tenant).computeIfPresent(id, (key, current) -> {
            if (!conditions.admits(current.version())) {
                outcome.set(new Stale(current.version()));
                return current;
            }
            outcome.set(new Removed());
            return null;
        });
        return outcome.get();
    }

    /** As DynamoDbItems#removeNothing: a delete that removes nothing, refused when an item has the id. */
    public void removeNothing(TenantId tenant, ItemId id) {
        if (findLatest(tenant, id).isPresent()) {
            throw new IllegalStateException("an item has the id " + id.value());
        }
    }

    public int count(TenantId tenant) {
        return of(tenant).size();
    }
}
