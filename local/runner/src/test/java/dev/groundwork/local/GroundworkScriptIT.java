package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code groundwork} script, run in a scratch folder whose {@code mvnw} only records that a build
 * ran (and takes a second doing it), so that two commands started together show whether their builds overlap.
 */
class GroundworkScriptIT {

    private static final Path SCRIPT =
            Path.of("../../groundwork").toAbsolutePath().normalize();

    @TempDir
    Path folder;

    @Test
    void helpAfterACommandPrintsTheOptionsWithoutBuildingOrStartingAnything() throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "no groundwork script at the repository root");
        Files.copy(SCRIPT, folder.resolve("groundwork"), StandardCopyOption.COPY_ATTRIBUTES);
        Path mvnw = folder.resolve("mvnw");
        Files.writeString(mvnw, "#!/usr/bin/env bash\necho built >> builds.log\n");
        mvnw.toFile().setExecutable(true);

        for (List<String> command : List.of(List.of("local", "--help"), List.of("token", "--tenant", "acme", "-h"))) {
            List<String> line =
                    new ArrayList<>(List.of(folder.resolve("groundwork").toString()));
            line.addAll(command);
            Process process = new ProcessBuilder(line)
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .start();
            assertThat(process.waitFor(30, TimeUnit.SECONDS))
                    .as("%s returns at once", command)
                    .isTrue();

            assertThat(process.exitValue()).as("%s", command).isZero();
            assertThat(new String(process.getInputStream().readAllBytes()))
                    .as("%s", command)
                    .contains("Usage: ./groundwork <command> [options]", "local [--port 3000]");
        }
        assertThat(folder.resolve("builds.log")).as("no build ran").doesNotExist();
    }

    @Test
    void aSecondCommandWaitsForTheFirstBuildAndThenFindsItDone() throws Exception {
        assumeTrue(Files.isRegularFile(SCRIPT), "no groundwork script at the repository root");
        assumeTrue(new ProcessBuilder("sh", "-c", "command -v flock").start().waitFor() == 0, "flock is not installed");
        Files.copy(SCRIPT, folder.resolve("groundwork"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(folder.resolve("pom.xml"), "<project/>\n");
        Path mvnw = folder.resolve("mvnw");
        Files.writeString(mvnw, """
        #!/usr/bin/env bash
        echo "start $$" >> builds.log
        sleep 1
        mkdir -p local/runner/target && : > local/runner/target/groundwork-local.jar
        echo "end $$" >> builds.log
        """);
        mvnw.toFile().setExecutable(true);

        List<Process> commands = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            commands.add(new ProcessBuilder(folder.resolve("groundwork").toString(), "token", "--tenant", "acme")
                    .directory(folder.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(folder.resolve("out-" + i).toFile())
                    .start());
        }
        for (Process command : commands) {
            assertThat(command.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }

        // The runner jar is a stand-in, so the commands themselves fail after the build; the builds are what counts.
        List<String> builds = Files.readAllLines(folder.resolve("builds.log"));
        assertThat(builds).as("one build, not two at once").hasSize(2);
        assertThat(builds.get(0)).startsWith("start ");
        assertThat(builds.get(1)).isEqualTo("end " + builds.get(0).substring("start ".length()));
    }
}
