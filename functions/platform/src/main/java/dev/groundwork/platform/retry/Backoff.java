package dev.groundwork.platform.retry;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the off-path functions wait before trying again: exponential backoff with full jitter, as AWS advises
 * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/). Before attempt {@code n} (from 2) it
 * waits a random time up to {@code min(cap, base * 2^(n-2))}, so that callers that failed together do not retry
 * together. One formula for every retry of SQS sends, unprocessed batch items and contended meter transactions.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private final Sleeper sleeper;

    /** How the wait is spent; injected so that tests do not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);

        static Sleeper realTime() {
            return duration -> {
                try {
                    Thread.sleep(duration);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while backing off", interrupted);
                }
            };
        }
    }

    public Backoff(Duration base, Duration cap, Sleeper sleeper) {
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("a backoff's base is positive and its cap no smaller");
        }
        this.base = base;
        this.cap = cap;
        this.sleeper = sleeper;
    }

    /** Real waits, from {@code base} up to {@code cap}. */
    public static Backoff of(Duration base, Duration cap) {
        return new Backoff(base, cap, Sleeper.realTime());
    }

    /** No wait at all: for tests. */
    public static Backoff none() {
        return new Backoff(Duration.ofMillis(1), Duration.ofMillis(1), duration -> {});
    }

    /** The longest wait before {@code attempt} (2 for the first retry). */
    Duration ceiling(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 2, 30));
        Duration ceiling = base.multipliedBy(1L << doublings);
        return ceiling.compareTo(cap) > 0 ? cap : ceiling;
    }

    /** Waits before {@code attempt} (2 for the first retry). */
    public void beforeAttempt(int attempt) {
        long ceilingMillis = ceiling(attempt).toMillis();
        sleeper.sleep(Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceilingMillis + 1)));
    }
}
