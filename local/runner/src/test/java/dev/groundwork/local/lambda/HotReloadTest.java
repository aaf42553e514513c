package dev.groundwork.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HotReloadTest {

    @TempDir
    Path folder;

    @Test
    void findsNothingNewWhileTheClassesAreUnchanged() throws Exception {
        HotReload reload = reload(FixtureModule.create(folder.resolve("module")));
        FunctionCode loaded = reload.load();

        Thread.sleep(150);

        assertThat(reload.newerThan(loaded)).isEmpty();
        loaded.close();
    }

    @Test
    void loadsTheClassesAgainOnceABuildHasChangedThem() throws Exception {
        Path module = FixtureModule.create(folder.resolve("module"));
        HotReload reload = reload(module);
        FunctionCode loaded = reload.load();

        Path rebuilt = module.resolve("target/classes/dev/groundwork/local/fixtures/Added.class");
        Files.write(rebuilt, new byte[] {1});
        // Written a while ago, as by a build that has finished: no waiting for it to settle.
        Files.setLastModifiedTime(rebuilt, FileTime.from(Instant.now().minusSeconds(5)));
        Thread.sleep(150);
        Optional<FunctionCode> newer = reload.newerThan(loaded);

        assertThat(newer).get().isNotSameAs(loaded);
        assertThat(newer.get().loader()).isNotSameAs(loaded.loader());
        loaded.close();
        newer.get().close();
    }

    private static HotReload reload(Path module) {
        return new HotReload(
                FunctionSpecs.spec(module, "SlowHandler", Map.of()), Map.of(), Optional.empty(), FunctionSpecs.LOG);
    }
}
