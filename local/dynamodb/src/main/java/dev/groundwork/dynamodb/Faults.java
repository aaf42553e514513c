package dev.groundwork.dynamodb;

import dev.groundwork.dynamodb.model.DynamoDbException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures on demand, for tests of retries and fallbacks: for a while every call fails as unavailable (HTTP 503), is
 * throttled (ProvisionedThroughputExceededException) or stalls (answered only when the stall ends, as over a connection
 * that stopped moving), or a call takes effect and its answer is lost. Time is the
 * JVM's monotonic clock, not the server's {@link java.time.Clock}, so a test's frozen clock cannot make a fault last
 * forever.
 */
public final class Faults {
    private final Map<String, AtomicInteger> answersToLose = new ConcurrentHashMap<>();
    private volatile long unavailableUntil;
    private volatile long throttledUntil;
    private volatile long stalledUntil;
    private volatile boolean stalled;
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

    /**
     * Every call that arrives in the next {@code duration} is held until it ends, then handled: a client that gives up
     * on it first (an attempt timeout) may still see its write take effect, as with DynamoDB over a stalled connection.
     */
    public Faults stallFor(Duration duration) {
        stalledUntil = System.nanoTime() + duration.toNanos();
        stalled = true;
        return this;
    }

    /**
     * The next {@code times} calls of {@code operation} ({@code PutItem}, {@code DeleteItem}...) that succeed take
     * effect and then answer 500 InternalServerError, as DynamoDB may: "the request may or may not have succeeded"
     * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html). The SDK sends such
     * a call again, so a caller sees how its write's second attempt meets its first.
     */
    public Faults loseAnswers(String operation, int times) {
        answersToLose.put(operation, new AtomicInteger(times));
        return this;
    }

    public Faults clear() {
        unavailable = false;
        throttled = false;
        stalled = false;
        answersToLose.clear();
        return this;
    }

    /** Whether the answer of this call of {@code operation}, which took effect, is to be lost. */
    boolean losesAnswerOf(String operation) {
        AtomicInteger left = answersToLose.get(operation);
        return left != null && left.getAndUpdate(times -> Math.max(0, times - 1)) > 0;
    }

    /** The error the current request must fail with, or null; during a stall, only once the stall has ended. */
    DynamoDbException current() {
        // In short sleeps, so that clear() ends a stall for the calls already held.
        while (stalled && stalledUntil - System.nanoTime() > 0) {
            try {
                Thread.sleep(Math.min(
                        50, Duration.ofNanos(stalledUntil - System.nanoTime()).toMillis() + 1));
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stalled = false;
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
