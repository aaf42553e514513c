package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Deletes items whose TTL attribute (epoch seconds) has passed, every {@code interval}. Each deletion is an ordinary
 * delete with a REMOVE stream record signed by the DynamoDB service principal, as AWS's own TTL deletions are. Until
 * the sweeper reaches an item, reads still return it, as on AWS.
 */
public final class TtlSweeper implements AutoCloseable {

    private final Database database;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public TtlSweeper(Database database, Duration interval) {
        this.database = database;
        this.interval = interval;
    }

    public synchronized void start() {
        if (executor != null) return;
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "groundwork-dynamodb-ttl");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepQuietly() {
        try {
            sweepOnce();
        } catch (RuntimeException e) {
            log().log(Level.WARNING, "TTL sweep failed", e);
        }
    }

    /** Deletes every item due now; returns how many. */
    public int sweepOnce() {
        long now = database.clock().millis() / 1000;
        int deleted = 0;
        for (Table table : database.tables()) {
            String attribute = table.timeToLiveAttribute();
            if (attribute == null) continue;
            for (Table.Expiry expiry : table.expiredAt(now)) {
                try (Table.Hold locked = table.lockForWriting()) {
                    StoredItem stored = table.get(expiry.key());
                    if (stored == null) continue;
                    Map<String, AttributeValue> item = stored.decode();
                    Table.Expiry current = Table.Expiry.of(item, attribute, expiry.key());
                    if (current == null || current.epochSeconds() != expiry.epochSeconds()) continue;
                    table.commit(expiry.key(), stored, item, null, null, true);
                    deleted++;
                }
            }
        }
        return deleted;
    }

    @Override
    public synchronized void close() {
        if (executor != null) executor.shutdownNow();
        executor = null;
    }

    /** Looked up on first use: the JDK's logging backend costs start time, and only failures are logged. */
    private static System.Logger log() {
        return System.getLogger(TtlSweeper.class.getName());
    }
}
