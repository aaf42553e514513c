package dev.groundwork.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code ./groundwork invoke <Function> --runtime [--snapstart]} as a user runs it in the project folder: the function's
 * built zip under Lambda's runtime client, with Lambda's REPORT figures, its log lines and its answer.
 */
class InvokeUnderRuntimeIT {
    private static final Path ROOT = Path.of(System.getProperty("groundwork.root", "../.."))
            .toAbsolutePath()
            .normalize();
    private static final Path RUNNER = ROOT.resolve("local/runner/target/groundwork-local.jar");

    @Test
    void runsTheFunctionsZipUnderLambdasRuntimeClientAndReportsAsLambdaDoes() throws Exception {
        String output = groundwork(
                "invoke", "CreateItemFunction", "--event", "events/http/create-item/valid.json", "--runtime");

        assertThat(output)
                .contains("\"message\":\"request handled\"")
                .containsPattern(
                        "REPORT RequestId: \\S+  Duration: \\d+ ms  Memory Size: 1024 MB  Max Memory Used: \\d+ MB"
                                + "  Init Duration: \\d+ ms")
                .contains("\"statusCode\":201");
    }

    @Test
    void primesAndRestoresTheFunctionFirstUnderTheSnapStartLifecycle() throws Exception {
        String output = groundwork(
                "invoke", "GetItemFunction", "--event", "events/http/get-item/valid.json", "--runtime", "--snapstart");

        assertThat(output)
                .contains("primed before the snapshot")
                .containsPattern(
                        "REPORT RequestId: \\S+  Duration: \\d+ ms  Memory Size: 1024 MB  Max Memory Used: \\d+ MB"
                                + "  Restore Duration: \\d+ ms")
                .doesNotContain("Init Duration")
                .contains("\"statusCode\":404"); // nothing was created in this invocation's fresh tables
    }

    private static String groundwork(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", RUNNER.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
