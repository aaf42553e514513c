package dev.groundwork.local.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes that all requests in flight may hold at once. Without it, 50 concurrent 6 MB imports took
 * the runner from 1.0 to 2.2 GB RSS (issue 17): each body is copied into the event, its JSON and the function's
 * objects, and a heap once grown is not given back. A request that does not fit gets API Gateway's throttling answer
 * (429) at once instead of waiting, so a client retries later rather than piling up.
 *
 * <p>A request holds the bytes that have arrived, not the length it declares: a client that declares 6 MB and sends
 * a byte a second holds a few bytes, so a handful of such clients cannot refuse every other tenant's body. The memory
 * bound is the same, since a byte is reserved before it is kept. Only a declared length that does not fit beside what
 * others already hold is refused before its first byte.
 */
final class BodyBudget {

    private final long capacity;
    private final AtomicLong held = new AtomicLong();

    BodyBudget(long capacity) {
        this.capacity = capacity;
    }

    Lease lease() {
        return new Lease();
    }

    /** One request's share; {@link #close} gives all of it back. Used by one thread. */
    final class Lease implements AutoCloseable {
        private long bytes;

        /**
         * Whether {@code more} bytes would fit now, without taking them: a body whose declared length cannot fit beside
         * what other requests hold is refused before any of it is read.
         */
        boolean hasRoomFor(long more) {
            long current = held.get();
            return current + more <= capacity || current - bytes <= 0;
        }

        /**
         * Takes {@code more} bytes if they fit. A request alone in flight always fits, so a budget smaller than one body
         * slows the runner down but never refuses every request.
         */
        boolean reserve(long more) {
            while (true) {
                long current = held.get();
                if (current + more > capacity && current - bytes > 0) {
                    return false;
                }
                if (held.compareAndSet(current, current + more)) {
                    bytes += more;
                    return true;
                }
            }
        }

        @Override
        public void close() {
            held.addAndGet(-bytes);
            bytes = 0;
        }
    }
}
