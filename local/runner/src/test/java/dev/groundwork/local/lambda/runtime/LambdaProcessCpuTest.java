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

        // 5 ms is half a tick of /proc/<pid>/stat: only a finer count sees it. Other threads of this JVM may add some.
        assertThat(after - before)
                .isGreaterThanOrEqualTo(spun)
                .isLessThan(spun + Duration.ofSeconds(1).toNanos());
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
