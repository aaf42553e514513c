package dev.groundwork.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionInstanceTest {

    @TempDir
    Path folder;

    @Test
    void runsItsHandlerOnAThreadOfItsOwnNamedAfterTheFunctionAndTheInstance() throws Exception {
        FunctionCode code = code("SlowHandler");
        FunctionInstance instance =
                FunctionInstance.start("SlowFunction", 7, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG);

        byte[] answer = instance.invoke(
                        "{\"queryStringParameters\":{\"ms\":\"0\"}}".getBytes(StandardCharsets.UTF_8),
                        new LocalContext(
                                "r-1",
                                "groundwork-slow",
                                "arn",
                                512,
                                System.nanoTime() + 1_000_000_000L,
                                instance.logStream()))
                .get(5, TimeUnit.SECONDS);

        assertThat(new String(answer, StandardCharsets.UTF_8)).contains("\\\"thread\\\":\\\"SlowFunction#7\\\"");
        assertThat(instance.logStream()).isEqualTo("local/[$LATEST]7");
        instance.stop();
        code.close();
    }

    @Test
    void reportsAConstructorThatThrowsAsAnInitErrorNamingTheCause() throws Exception {
        FunctionCode code = code("BrokenInitHandler");

        assertThatExceptionOfType(InitFailure.class)
                .isThrownBy(() ->
                        FunctionInstance.start("BrokenFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG))
                .satisfies(failure -> assertThat(failure.errorType()).isEqualTo("Runtime.InitError"))
                .withMessage("java.lang.IllegalStateException: TABLE_NAME is not set");
        code.close();
    }

    private FunctionCode code(String handler) throws Exception {
        Path module = FixtureModule.create(folder.resolve("module"));
        return new FunctionCode(FunctionSpecs.spec(module, handler, Map.of()), FunctionClasspath.of(module), Map.of());
    }
}
