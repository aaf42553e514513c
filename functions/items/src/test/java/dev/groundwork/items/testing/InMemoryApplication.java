package dev.groundwork.items.testing;

import dev.groundwork.items.ItemsApplication;
import dev.groundwork.items.domain.PageCursors;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.platform.tenancy.TenantScope;
import dev.groundwork.platform.testing.InMemoryIdempotencyRecords;
import dev.groundwork.platform.testing.RecordingMetrics;
import dev.groundwork.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;

/** The item functions wired to in-memory fakes, a hand-moved clock and seeded ids: deterministic handler tests. */
public final class InMemoryApplication {
    public static final byte[] CURSOR_KEY =
            "a-test-cursor-key-of-at-least-32-bytes".getBytes(StandardCharsets.US_ASCII);

    public final InMemoryItems items = new InMemoryItems();
    public final InMemoryIdempotencyRecords idempotencyRecords = new InMemoryIdempotencyRecords();
    public final RecordingMetrics metrics = new RecordingMetrics();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T18:00:00Z"));
    public final ItemsApplication application = new ItemsApplication(
            "tenant_id",
            items,
            idempotencyRecords,
            new PageCursors(CURSOR_KEY),
            new UlidGenerator(clock, new Random(7)),
            clock,
            metrics,
            TenantScope.IN_MEMORY,
            items::removeNothing);
}
