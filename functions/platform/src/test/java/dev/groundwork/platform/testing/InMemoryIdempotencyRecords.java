package dev.groundwork.platform.testing;

import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.idempotency.IdempotencyKey;
import dev.groundwork.platform.idempotency.IdempotencyRecords;
import dev.groundwork.platform.idempotency.StoredResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link IdempotencyRecords} in memory, for handler tests. */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {
    private record Key(TenantId tenant, IdempotencyKey key) {}

    private record Entry(String fingerprint, Instant lockedUntil, Optional<StoredResponse> response) {}

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    @Override
    public synchronized Claim claim(
            TenantId tenant, IdempotencyKey key, String fingerprint, Instant now, Instant lockedUntil) {
        Entry existing = entries.get(new Key(tenant, key));
        if (existing == null
                || (existing.response().isEmpty() && existing.lockedUntil().isBefore(now))) {
            entries.put(new Key(tenant, key), new Entry(fingerprint, lockedUntil, Optional.empty()));
            return new Claimed();
        }
        if (!existing.fingerprint().equals(fingerprint)) {
            return new KeyReused();
        }
        return existing.response().<Claim>map(Completed::new).orElseGet(InProgress::new);
    }

    @Override
    public synchronized void complete(
            TenantId tenant, IdempotencyKey key, String fingerprint, StoredResponse response, Instant now) {
        entries.put(new Key(tenant, key), new Entry(fingerprint, Instant.MAX, Optional.of(response)));
    }

    @Override
    public synchronized void release(TenantId tenant, IdempotencyKey key, String fingerprint) {
        entries.remove(new Key(tenant, key));
    }

    public int size() {
        return entries.size();
    }
}
