package dev.groundwork.local;

import dev.groundwork.local.lambda.InvocationResult;
import dev.groundwork.local.lambda.LocalFunction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code invoke}: runs one function once with an event (as {@code sam local invoke -e} does), with the template's
 * tables and queues in memory (or in {@code --data-dir}), and prints its logs and then its response.
 */
final class InvokeCommand {

    private InvokeCommand() {}

    static int run(Arguments arguments) throws Exception {
        if (arguments.positional().isEmpty()) {
            throw new Arguments.UsageException(
                    "name the function: invoke <FunctionLogicalId> [--event events/....json]");
        }
        String logicalId = arguments.positional().get(0);
        byte[] event = arguments.has("event")
                ? Files.readAllBytes(Path.of(arguments.value("event")))
                : "{}".getBytes(StandardCharsets.UTF_8);
        LocalApplication.Options.Builder options = LocalApplication.Options.forTemplate(
                        Path.of(arguments.value("template", "template.yaml")))
                .stateDirectory(Path.of(".groundwork").toAbsolutePath())
                .buildingMissingFunctions()
                .serving(LocalApplication.Serving.FUNCTIONS_ONLY);
        if (arguments.has("data-dir")) {
            options.dataDirectory(Path.of(arguments.value("data-dir")).toAbsolutePath());
        }
        try (LocalApplication application = LocalApplication.start(options.build())) {
            LocalFunction function = application.function(logicalId);
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
                            + com.fasterxml.jackson.databind.json.JsonMapper.builder()
                                    .build()
                                    .writeValueAsString(failure.errorMessage())
                            + "}");
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
}
