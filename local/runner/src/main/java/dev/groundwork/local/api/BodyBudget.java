package dev.groundwork.local.api;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request body bytes that all requests in flight may hold at once. Without it, 50 concurrent 6 MB imports took
 * the runner from 1.0 to 2.2 GB RSS (issue 17): each body is copied into the event, its JSON and the function's
 * objects, and a heap once grown is not given back. A request that does not fit gets API Gateway's throttling answer
 * (429) at once instead of waiting, so a client retries later rather than piling up.
 *
 * <p>One tenant's bodies hold at most half of it together (the tenant the token names; requests without a token share
 * one name): a tenant that sends bodies fast and holds back their last bytes, reopening at each deadline, would
 * otherwise hold all of it.
 *
 * <p>A request holds the bytes that have arrived, not the length it declares: a client that declares 6 MB and sends
 * a byte a second holds a few bytes, so a handful of such clients cannot refuse every other tenant's body. The memory
 * bound is the same, since a byte is reserved before it is kept. Only a declared length that does not fit beside what
 * others already hold is refused before its first byte.
 */
final class BodyBudget {

    private final long capacity;
    /** What one tenant's bodies may hold together: half, so that one tenant never holds what another needs. */
    private final long share;

    private final AtomicLong held = new AtomicLong();
    private final ConcurrentHashMap<String, Long> heldBy = new ConcurrentHashMap<>();

    BodyBudget(long capacity) {
        this.capacity = capacity;
        this.share = capacity / 2;
    }

    /** A request's lease, before its tenant is known: {@link Lease#forTenant} names it before anything is reserved. */
    Lease lease() {
        return new Lease();
    }

    /** One request's share; {@link #close} gives all of it back. Used by one thread. */
    final class Lease implements AutoCloseable {
        /** Every request without a tenant counts as this one. */
        private String owner = "";

        private long bytes;

        private Lease() {}

        /** Whose body it is: the tenant the request's token names. Only before a byte is reserved. */
        Lease forTenant(String tenant) {
            if (bytes > 0) {
                throw new IllegalStateException("a lease's tenant is named before it holds anything");
            }
            owner = tenant;
            return this;
        }

        /**
         * Whether {@code more} bytes would fit now, without taking them: a body whose declared length cannot fit beside
         * what other requests hold, or beside what its tenant's other bodies hold, is refused before any of it is read.
         */
        boolean hasRoomFor(long more) {
            return fits(more, held.get(), capacity) && fits(more, heldBy.getOrDefault(owner, 0L), share);
        }

        /**
         * Takes {@code more} bytes if they fit, in the whole budget and in its tenant's half. A request alone in flight
         * (or its tenant's only one) always fits, so a budget smaller than one body slows the runner down but never
         * refuses every request.
         */
        boolean reserve(long more) {
            boolean[] taken = {false};
            heldBy.compute(owner, (name, mine) -> {
                long before = mine == null ? 0 : mine;
                if (!fits(more, before, share)) {
                    return mine;
                }
                taken[0] = true;
                return before + more;
            });
            if (!taken[0]) {
                return false;
            }
            while (true) {
                long current = held.get();
                if (!fits(more, current, capacity)) {
                    release(more);
                    return false;
                }
                if (held.compareAndSet(current, current + more)) {
                    bytes += more;
                    return true;
                }
            }
        }

        /**
         * Whether {@code more} fits under {@code limit} beside {@code counted}, which includes what this lease holds:
         * it always does when this lease is all that is counted, so that no body is refused for being alone.
         */
        private boolean fits(long more, long counted, long limit) {
            return counted + more <= limit || counted - bytes <= 0;
        }

        @Override
        public void close() {
            held.addAndGet(-bytes);
            release(bytes);
            bytes = 0;
        }

        /** Its tenant's count less {@code some}; a tenant that holds nothing leaves no entry behind. */
        private void release(long some) {
            if (some > 0) {
                heldBy.computeIfPresent(owner, (name, mine) -> mine - some <= 0 ? null : mine - some);
            }
        }
    }
}
