package dev.groundwork.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.lambda.runtime.LambdaProcess;
import dev.groundwork.local.lambda.runtime.RuntimeApi;
import dev.groundwork.local.template.FunctionSpec;
import dev.groundwork.local.template.LocalAccessControl;
import dev.groundwork.local.template.LocalDeployment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code invoke}: runs one function once with an event (as {@code sam local invoke -e} does), with the template's
 * tables and queues in memory (or in {@code --data-dir}), and prints its logs and then its response.
 *
 * <p>By default in the runner's own JVM, in the function's class loader, as {@code ./groundwork local} serves it: quick,
 * and with the classes an IDE just compiled. With {@code --runtime}, as Lambda runs it: the function's built
 * {@code function.zip} in a fresh JVM with Lambda's flags under AWS's runtime interface client, against a Runtime API
 * stand-in, with the environment and credentials Lambda hands it ({@code --snapstart}: the SnapStart lifecycle, its
 * priming and the after-restore hooks first, container credentials only). It prints Lambda's REPORT figures.
 */
final class InvokeCommand {
    private static final ObjectMapper JSON = LocalJson.mapper();

    /** How long init (and a SnapStart version's priming) and the invocation may take, under the runtime client. */
    private static final Duration RUNTIME_TIMEOUT = Duration.ofSeconds(60);

    private InvokeCommand() {}

    static int run(Arguments arguments) throws Exception {
        if (arguments.positional().isEmpty()) {
            throw new Arguments.UsageException(
                    "name the function: invoke <FunctionLogicalId> [--event events/....json]");
        }
        if (arguments.has("snapstart") && !arguments.has("runtime")) {
            throw new Arguments.UsageException(
                    "--snapstart primes and restores the built zip under Lambda's runtime client: add --runtime");
        }
        String logicalId = arguments.positional().get(0);
        Path eventFile = arguments.has("event") ? Path.of(arguments.value("event")) : null;
        if (eventFile != null && Files.isDirectory(eventFile)) {
            throw new Arguments.UsageException("--event " + eventFile + " is a directory; name an event's JSON file");
        }
        byte[] event = eventFile != null ? Files.readAllBytes(eventFile) : "{}".getBytes(StandardCharsets.UTF_8);
        LocalApplication.Options.Builder options = LocalApplication.Options.forTemplate(
                        Path.of(arguments.value("template", "template.yaml")))
                .stateDirectory(Path.of(".groundwork").toAbsolutePath())
                .buildingMissingFunctions()
                .serving(LocalApplication.Serving.FUNCTIONS_ONLY);
        if (arguments.has("data-dir")) {
            options.dataDirectory(arguments.directory("data-dir"));
        }
        try (LocalApplication application = LocalApplication.start(options.build())) {
            LocalFunction function;
            try {
                function = application.function(logicalId);
            } catch (IllegalArgumentException noSuchFunction) {
                throw new Arguments.UsageException(noSuchFunction.getMessage());
            }
            if (arguments.has("runtime")) {
                return underLambdasRuntime(application, function.spec(), event, arguments.has("snapstart"));
            }
            InvocationResult result = function.invoke(event);
            String report = String.format(
                    "REPORT RequestId: %s  Duration: %.1f ms  %s",
                    result.meta().requestId(),
                    result.meta().duration().toNanos() / 1e6,
                    result.meta().coldStart() ? "(cold start)" : "");
            application.console().info(report);
            return switch (result) {
                case InvocationResult.Success success -> {
                    System.out.println(success.payloadText());
                    yield 0;
                }
                case InvocationResult.Failure failure -> {
                    System.out.println("{\"errorType\":\"" + failure.errorType() + "\",\"errorMessage\":"
                            + JSON.writeValueAsString(failure.errorMessage()) + "}");
                    yield 1;
                }
                case InvocationResult.Timeout timeout -> {
                    System.out.println("{\"errorType\":\"Sandbox.Timedout\",\"errorMessage\":\"Task timed out after "
                            + timeout.limit().toSeconds() + " seconds\"}");
                    yield 1;
                }
            };
        }
    }

    private static int underLambdasRuntime(
            LocalApplication application, FunctionSpec function, byte[] event, boolean snapStart) throws Exception {
        Path zip = function.codeUri().resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new Arguments.UsageException("no " + zip + ": build it first (./mvnw -DskipTests package)");
        }
        LocalDeployment deployment = application.deployment();
        Path work = Files.createTempDirectory("groundwork-invoke-");
        try (RuntimeApi api = new RuntimeApi(
                        deployment.functionArn(function.functionName()),
                        function.timeout(),
                        LocalAccessControl.keysOf(deployment, function.logicalId()));
                LambdaProcess process = LambdaProcess.start(
                        function,
                        function.environment(),
                        LambdaProcess.localEndpoints(
                                application.dynamoDbEndpoint(),
                                application.queues().endpoint()),
                        snapStart
                                ? LambdaProcess.Credentials.SNAPSTART_LIFECYCLE
                                : LambdaProcess.Credentials.ENVIRONMENT_KEYS,
                        api,
                        taskRoot(zip, work),
                        ColdStartBench.runtimeDirectory(),
                        List.of(),
                        work.resolve("output.log"))) {
            String restore = "";
            if (snapStart) {
                process.awaitCheckpoint(api, RUNTIME_TIMEOUT);
                Instant restoring = Instant.now();
                api.restore();
                restore = String.format(
                        Locale.ROOT,
                        "  Restore Duration: %d ms",
                        Duration.between(restoring, process.awaitInit(api, RUNTIME_TIMEOUT))
                                .toMillis());
            }
            Instant ready = process.awaitInit(api, RUNTIME_TIMEOUT);
            RuntimeApi.Answer answer =
                    process.awaitAnswer(api.invoke(new String(event, StandardCharsets.UTF_8)), RUNTIME_TIMEOUT);
            System.out.print(process.log());
            application
                    .console()
                    .info(String.format(
                            Locale.ROOT,
                            "REPORT RequestId: %s  Duration: %d ms  Memory Size: %d MB  Max Memory Used: %d MB%s%s",
                            answer.requestId(),
                            answer.took().toMillis(),
                            function.memoryMb(),
                            process.peakRssKib().orElse(0) / 1024,
                            snapStart
                                    ? ""
                                    : "  Init Duration: "
                                            + Duration.between(process.started(), ready)
                                                    .toMillis()
                                            + " ms",
                            restore));
            // An error's body is the runtime client's error document ({"errorMessage", "errorType", ...}), as Lambda
            // returns it.
            System.out.println(answer.body());
            return answer.error() ? 1 : 0;
        } finally {
            LambdaProcess.deleteTree(work);
        }
    }

    private static Path taskRoot(Path zip, Path work) throws IOException {
        Path taskRoot = Files.createDirectories(work.resolve("task"));
        LambdaProcess.unpack(zip, taskRoot);
        return taskRoot;
    }
}
