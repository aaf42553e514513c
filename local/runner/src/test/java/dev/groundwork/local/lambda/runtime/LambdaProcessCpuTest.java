package dev.groundwork.local.lambda.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LambdaProcessCpuTest {

    @Test
    void servingCpuCountsWhatThisProcessRanFinerThanTheTenMillisecondTicks() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "no procfs here");
        long pid = ProcessHandle.current().pid();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        long before = LambdaProcess.servingCpuNanos(pid).orElseThrow();
        long spunFrom = threads.getCurrentThreadCpuTime();
        spin(Duration.ofMillis(23));
        long spun = threads.getCurrentThreadCpuTime() - spunFrom;
        long after = LambdaProcess.servingCpuNanos(pid).orElseThrow();

        // The spinning thread's own count may lag by a scheduler tick (4 ms at 250 Hz); other threads of this JVM may
        // add some. A count of /proc/<pid>/stat's 10 ms ticks would be a multiple of 10 ms.
        assertThat(after - before)
                .isGreaterThan(spun - Duration.ofMillis(5).toNanos())
                .isLessThan(spun + Duration.ofSeconds(1).toNanos());
        assertThat((after - before) % Duration.ofMillis(10).toNanos())
                .as("a count finer than 10 ms ticks")
                .isNotZero();
    }

    @Test
    void aProcessThatIsGoneHasNoCpuTime() {
        assertThat(LambdaProcess.servingCpuNanos(Long.MAX_VALUE)).isEmpty();
    }

    private static void spin(Duration cpu) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long until = threads.getCurrentThreadCpuTime() + cpu.toNanos();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < until) {
            sink += System.nanoTime() % 7;
        }
        assertThat(sink).isNotNegative();
    }
}
