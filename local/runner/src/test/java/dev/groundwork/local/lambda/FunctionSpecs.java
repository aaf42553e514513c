package dev.groundwork.local.lambda;

import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.console.Console;
import dev.groundwork.local.template.FunctionSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Specs of fixture functions, and a console nobody reads, for the tests of one function's parts. */
final class FunctionSpecs {

    static final Console CONSOLE = new Console(new PrintStream(OutputStream.nullOutputStream()));
    static final AccessLog LOG = new AccessLog(CONSOLE);

    private FunctionSpecs() {}

    static FunctionSpec spec(Path module, String handlerClass, Map<String, String> environment) {
        return new FunctionSpec(
                "SlowFunction",
                "groundwork-slow",
                module,
                "dev.groundwork.local.fixtures." + handlerClass + "::handleRequest",
                512,
                Duration.ofSeconds(3),
                environment,
                List.of(),
                List.of(),
                List.of(),
                false);
    }
}
