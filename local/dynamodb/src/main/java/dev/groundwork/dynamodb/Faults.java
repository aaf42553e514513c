package dev.groundwork.dynamodb;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.time.Duration;

/**
 * Failures on demand, for tests of retries and fallbacks: for a while every call fails as unavailable (HTTP 503) or
 * is throttled (ProvisionedThroughputExceededException). Time is the JVM's monotonic clock, not the server's
 * {@link java.time.Clock}, so a test's frozen clock cannot make a fault last forever.
 */
public final class Faults {
    private volatile long unavailableUntil;
    private volatile long throttledUntil;
    private volatile boolean unavailable;
    private volatile boolean throttled;

    Faults() {}

    /** Every call answers 503 ServiceUnavailable for {@code duration}. */
    public Faults unavailableFor(Duration duration) {
        unavailableUntil = System.nanoTime() + duration.toNanos();
        unavailable = true;
        return this;
    }

    /** Every call answers ProvisionedThroughputExceededException for {@code duration}. */
    public Faults throttleFor(Duration duration) {
        throttledUntil = System.nanoTime() + duration.toNanos();
        throttled = true;
        return this;
    }

    public Faults clear() {
        unavailable = false;
        throttled = false;
        return this;
    }

    /** The error the current request must fail with, or null. */
    DynamoDbException current() {
        if (unavailable) {
            if (System.nanoTime() - unavailableUntil < 0) return DynamoDbException.serviceUnavailable();
            unavailable = false;
        }
        if (throttled) {
            if (System.nanoTime() - throttledUntil < 0) return DynamoDbException.provisionedThroughputExceeded();
            throttled = false;
        }
        return null;
    }
}
