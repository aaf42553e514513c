package dev.groundwork.platform.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * What a piece of work leaves behind in the heap: live memory after full collections, after the work against before
 * it. Anything the work allocated and dropped is collected; what the process keeps (a cache, a table shared by every
 * later request) stays. Good to a few megabytes, which is what the tests that use it allow.
 */
public final class RetainedHeap {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private RetainedHeap() {}

    /** The bytes of heap still live after {@code work} that were not live before it. */
    public static long bytesKeptBy(Runnable work) {
        long before = liveBytes();
        work.run();
        return liveBytes() - before;
    }

    private static long liveBytes() {
        for (int i = 0; i < 3; i++) {
            System.gc(); // a full collection with the JVMs the build runs (G1, Serial); three settle finalizable
            // objects
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
