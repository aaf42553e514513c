package dev.groundwork.local.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.groundwork.local.template.FunctionSpec;
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

    @Test
    void primesAndRestoresAnInstanceOfASnapStartFunctionBeforeItsFirstEvent() throws Exception {
        // given: a function the template gives SnapStart, whose handler registers a priming hook
        FunctionCode code = snapStartCode(true, Map.of());

        // when: two instances start (each its own "snapshot")
        FunctionInstance first =
                FunctionInstance.start("SnapFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG);
        FunctionInstance second =
                FunctionInstance.start("SnapFunction", 2, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG);

        // then: each instance's own hook ran once before its checkpoint and once after its restore
        assertThat(answer(first)).contains("\\\"primed\\\":1,\\\"restored\\\":1");
        assertThat(answer(second)).contains("\\\"primed\\\":1,\\\"restored\\\":1");
        first.stop();
        second.stop();
        code.close();
    }

    @Test
    void leavesTheHooksOfAFunctionWithoutSnapStartAlone() throws Exception {
        FunctionCode code = snapStartCode(false, Map.of());

        FunctionInstance instance =
                FunctionInstance.start("SnapFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG);

        assertThat(answer(instance)).contains("\\\"primed\\\":0,\\\"restored\\\":0");
        instance.stop();
        code.close();
    }

    @Test
    void reportsAPrimingThatFailsAsAnInitErrorNamingTheCause() throws Exception {
        FunctionCode code = snapStartCode(true, Map.of("PRIMING_FAILS", "yes"));

        assertThatExceptionOfType(InitFailure.class)
                .isThrownBy(
                        () -> FunctionInstance.start("SnapFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG))
                .satisfies(failure -> assertThat(failure.errorType()).isEqualTo("Runtime.InitError"))
                .withMessageContaining("SnapStart beforeCheckpoint hook failed")
                .withMessageContaining("priming answered 500 where 404 was expected");
        code.close();
    }

    private static String answer(FunctionInstance instance) throws Exception {
        byte[] answer = instance.invoke(
                        "{}".getBytes(StandardCharsets.UTF_8),
                        new LocalContext(
                                "r-1",
                                "groundwork-snap",
                                "arn",
                                512,
                                System.nanoTime() + 1_000_000_000L,
                                instance.logStream()))
                .get(5, TimeUnit.SECONDS);
        return new String(answer, StandardCharsets.UTF_8);
    }

    @Test
    void aHandlerNamedByItsClassOnlyIsBuiltWhenItIsARequestHandlerAndRefusedInLambdasWordsWhenNot() throws Exception {
        Path module = FixtureModule.create(folder.resolve("module"));
        try (FunctionCode handler = new FunctionCode(
                        classOnly(FunctionSpecs.spec(module, "EchoHandler", Map.of())),
                        FunctionClasspath.of(module),
                        Map.of());
                FunctionCode notAHandler = new FunctionCode(
                        classOnly(FunctionSpecs.spec(module, "Json", Map.of())),
                        FunctionClasspath.of(module),
                        Map.of())) {
            assertThat(handler.newHandler().getClass().getName())
                    .isEqualTo("dev.groundwork.local.fixtures.EchoHandler");
            assertThatExceptionOfType(IllegalStateException.class)
                    .isThrownBy(notAHandler::newHandler)
                    .withMessage("Class dev.groundwork.local.fixtures.Json does not implement RequestHandler with"
                            + " concrete type parameters");
        }
    }

    @Test
    void readsAndWritesThroughTheSerializerTheFunctionRegistersAsLambdasRuntimeDoes() throws Exception {
        // given: a function that registers its own serializer, as Groundwork's functions do (EventJson)
        Path module = registering(FixtureModule.create(folder.resolve("module")), "MarkingSerializer");
        FunctionCode code = new FunctionCode(
                FunctionSpecs.spec(module, "EchoHandler", Map.of()), FunctionClasspath.of(module), Map.of());

        // when: an event comes in
        FunctionInstance instance =
                FunctionInstance.start("EchoFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG);
        String answer = answer(instance);

        // then: that serializer read the event and wrote the answer, not the runtime's
        assertThat(answer)
                .startsWith("written by the function's serializer as "
                        + "com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse: ")
                .contains("/read-by-the-function's-serializer");
        instance.stop();
        code.close();
    }

    @Test
    void refusesToStartAFunctionThatRegistersTwoSerializersAsLambdasRuntimeDoes() throws Exception {
        Path module = registering(
                FixtureModule.create(folder.resolve("module")), "MarkingSerializer", "MarkingSerializer$Another");
        FunctionCode code = new FunctionCode(
                FunctionSpecs.spec(module, "EchoHandler", Map.of()), FunctionClasspath.of(module), Map.of());

        assertThatExceptionOfType(InitFailure.class)
                .isThrownBy(
                        () -> FunctionInstance.start("EchoFunction", 1, code, FunctionSpecs.CONSOLE, FunctionSpecs.LOG))
                .withMessageContaining("Too many serializers");
        code.close();
    }

    /** The fixture module with {@code META-INF/services} naming these fixture classes as its serializers. */
    private static Path registering(Path module, String... serializers) throws java.io.IOException {
        Path services = java.nio.file.Files.createDirectories(module.resolve("target/classes/META-INF/services"));
        java.nio.file.Files.writeString(
                services.resolve("com.amazonaws.services.lambda.runtime.CustomPojoSerializer"),
                java.util.Arrays.stream(serializers)
                        .map(name -> "dev.groundwork.local.fixtures." + name + "\n")
                        .collect(java.util.stream.Collectors.joining()));
        return module;
    }

    private static FunctionSpec classOnly(FunctionSpec spec) {
        return new FunctionSpec(
                spec.logicalId(),
                spec.functionName(),
                spec.codeUri(),
                spec.handlerClass(),
                spec.memoryMb(),
                spec.timeout(),
                spec.environment(),
                spec.routes(),
                spec.sqsSources(),
                spec.streamSources(),
                spec.snapStart());
    }

    private FunctionCode snapStartCode(boolean snapStart, Map<String, String> environment) throws Exception {
        Path module = FixtureModule.create(folder.resolve("module"));
        FunctionSpec plain = FunctionSpecs.spec(module, "SnapStartHandler", environment);
        FunctionSpec spec = new FunctionSpec(
                plain.logicalId(),
                plain.functionName(),
                plain.codeUri(),
                plain.handler(),
                plain.memoryMb(),
                plain.timeout(),
                plain.environment(),
                plain.routes(),
                plain.sqsSources(),
                plain.streamSources(),
                snapStart);
        return new FunctionCode(spec, FunctionClasspath.of(module), environment);
    }

    private FunctionCode code(String handler) throws Exception {
        Path module = FixtureModule.create(folder.resolve("module"));
        return new FunctionCode(FunctionSpecs.spec(module, handler, Map.of()), FunctionClasspath.of(module), Map.of());
    }
}
