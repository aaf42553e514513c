package dev.groundwork.local.lambda;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A function's instances: at most {@code maxInstances} at a time, an idle one reused before a new one is started (the
 * most recently used first, as Lambda keeps its warmest environment busy), a caller waiting when all are busy. After a
 * reload, new requests get instances of the new code; instances of the old finish what they run and stop, and the old
 * code is closed once its last one has.
 */
final class InstancePool implements AutoCloseable {

    /** The right to run one request: on an idle instance, or (when {@code idle} is empty) on one to be started. */
    record Lease(Generation generation, Optional<FunctionInstance> idle) {
        FunctionCode code() {
            return generation.code;
        }
    }

    /** The instances of one {@link FunctionCode}. */
    static final class Generation {
        private final FunctionCode code;
        private final Deque<FunctionInstance> idle = new ArrayDeque<>();
        private int live;

        private Generation(FunctionCode code) {
            this.code = code;
        }

        private void stopIdle() {
            idle.forEach(FunctionInstance::stop);
            live -= idle.size();
            idle.clear();
        }

        private void closeIfDrained() {
            if (live <= 0) {
                stopIdle();
                code.close();
            }
        }
    }

    private final String function;
    private final int maxInstances;
    private final HotReload reload;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();
    private Generation current;
    private boolean closed;

    InstancePool(String function, int maxInstances, HotReload reload) {
        this.function = function;
        this.maxInstances = maxInstances;
        this.reload = reload;
    }

    /**
     * Waits for an idle instance or room for a new one, after taking newly built classes if there are any.
     *
     * @throws IllegalStateException when the pool is closed, or the function's classes cannot be loaded
     */
    Lease acquire() throws InterruptedException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException(function + " is stopped");
            }
            if (current == null) {
                current = new Generation(reload.load());
            } else {
                Optional<FunctionCode> newer = reload.newerThan(current.code);
                if (newer.isPresent()) {
                    replaceCurrent(newer.get());
                }
            }
            while (true) {
                Generation generation = current;
                FunctionInstance idle = generation.idle.pollFirst();
                if (idle != null) {
                    return new Lease(generation, Optional.of(idle));
                }
                if (generation.live < maxInstances) {
                    generation.live++;
                    return new Lease(generation, Optional.empty());
                }
                released.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Loads the classes now, so that a function that is not built is reported at start, not at its first request. */
    void loadNow() {
        lock.lock();
        try {
            if (current == null && !closed) {
                current = new Generation(reload.load());
            }
        } finally {
            lock.unlock();
        }
    }

    /** The instance served its request and waits for the next, unless its code has been replaced meanwhile. */
    void giveBack(Lease lease, FunctionInstance instance) {
        lock.lock();
        try {
            Generation owner = lease.generation();
            if (owner == current && !closed) {
                owner.idle.addFirst(instance);
            } else {
                instance.stop();
                owner.live--;
                owner.closeIfDrained();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The instance must not serve again (a timeout, an Error): stop it; the next request starts a new one. */
    void retire(Lease lease, FunctionInstance instance) {
        instance.stop();
        abandon(lease);
    }

    /** The lease was not used: its instance never started. */
    void abandon(Lease lease) {
        lock.lock();
        try {
            Generation owner = lease.generation();
            owner.live--;
            if (owner != current || closed) {
                owner.closeIfDrained();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void replaceCurrent(FunctionCode code) {
        Generation previous = current;
        current = new Generation(code);
        previous.stopIdle();
        previous.closeIfDrained();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (current != null) {
                current.stopIdle();
                current.closeIfDrained();
            }
            released.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
