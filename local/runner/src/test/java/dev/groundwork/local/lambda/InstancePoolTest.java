package dev.groundwork.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstancePoolTest {

    @TempDir
    Path folder;

    private InstancePool pool;

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
    }

    @Test
    void reusesAnInstanceGivenBackInsteadOfStartingANewOne() throws Exception {
        pool = pool(FixtureModule.create(folder.resolve("module")), 4);
        InstancePool.Lease first = pool.acquire();
        FunctionInstance started = start(first);

        pool.giveBack(first, started);
        InstancePool.Lease second = pool.acquire();

        assertThat(first.idle()).isEmpty();
        assertThat(second.idle()).containsSame(started);
    }

    @Test
    void makesACallerWaitWhileEveryInstanceIsBusy() throws Exception {
        pool = pool(FixtureModule.create(folder.resolve("module")), 1);
        InstancePool.Lease busy = pool.acquire();
        FunctionInstance instance = start(busy);

        CompletableFuture<InstancePool.Lease> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                return pool.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        pool.giveBack(busy, instance);

        assertThat(waiting.get(5, TimeUnit.SECONDS).idle()).containsSame(instance);
    }

    @Test
    void givesTheSlotOfAFailedColdStartToTheNextCaller() throws Exception {
        pool = pool(FixtureModule.create(folder.resolve("module")), 1);
        InstancePool.Lease failed = pool.acquire();

        pool.abandon(failed);

        assertThat(pool.acquire().idle()).isEmpty();
    }

    @Test
    void refusesCallersOnceClosed() throws Exception {
        pool = pool(FixtureModule.create(folder.resolve("module")), 1);

        pool.close();

        assertThatIllegalStateException().isThrownBy(pool::acquire).withMessage("SlowFunction is stopped");
    }

    @Test
    void saysAFunctionThatIsNotBuiltIsNotBuilt() throws Exception {
        Path module = Files.createDirectories(folder.resolve("never-built"));
        pool = pool(module, 1);

        assertThatIllegalStateException().isThrownBy(pool::loadNow).withMessageContaining("is not built");
    }

    private static InstancePool pool(Path module, int maxInstances) {
        var spec = FunctionSpecs.spec(module, "SlowHandler", Map.of());
        return new InstancePool(
                "SlowFunction", maxInstances, new HotReload(spec, Map.of(), Optional.empty(), FunctionSpecs.LOG));
    }

    private static FunctionInstance start(InstancePool.Lease lease) throws InitFailure {
        return FunctionInstance.start("SlowFunction", 1, lease.code(), FunctionSpecs.CONSOLE, FunctionSpecs.LOG);
    }
}
