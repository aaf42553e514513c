package dev.groundwork.local;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.groundwork.local.template.FunctionSpec;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.Template;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The repository's own template.yaml, served by the runner in a test. A test that needs it is skipped, with the
 * reason, where the template is missing or its functions are not built (when this module is built on its own).
 */
public final class RepositoryApplication {
    public static final Path TEMPLATE =
            Path.of("../../template.yaml").toAbsolutePath().normalize();

    private RepositoryApplication() {}

    /** The template's functions, queues and tables as the runner resolves them; skips the test without a template. */
    public static LocalDeployment deployment() throws Exception {
        assumeTrue(Files.isRegularFile(TEMPLATE), "no template.yaml at the repository root");
        return new LocalDeployment(
                Template.load(TEMPLATE),
                new LocalDeployment.Settings(
                        "groundwork",
                        "us-east-1",
                        "000000000000",
                        Map.of(),
                        URI.create("http://localhost:9324"),
                        URI.create("http://localhost:3000")),
                id -> null);
    }

    /**
     * Starts the whole application on a free port, unthrottled (the tests send far more than the template's per-route
     * limits, which {@code ApiEdgeIT} covers); skips the test unless every function of it is built.
     */
    public static LocalApplication start(LocalDeployment deployment, Path state) throws Exception {
        return start(
                deployment,
                state,
                LocalApplication.Options.forTemplate(TEMPLATE).throttling(false));
    }

    /** Starts the whole application as {@code options} say, with {@code state} as its state directory. */
    public static LocalApplication start(
            LocalDeployment deployment, Path state, LocalApplication.Options.Builder options) throws Exception {
        for (FunctionSpec function : deployment.functions()) {
            assumeTrue(
                    Files.isRegularFile(function.codeUri().resolve("target/runtime-classpath.txt")),
                    function.codeUri()
                            + " is not built; build the functions first (./mvnw verify builds them before this module)");
        }
        return LocalApplication.start(options.stateDirectory(state).build());
    }

    public static LocalApplication start(Path state) throws Exception {
        return start(deployment(), state);
    }

    /** As {@link #start(Path)}, for a test of one function: skips the test when the template has no such function. */
    public static LocalApplication startWith(String logicalId, Path state) throws Exception {
        LocalDeployment deployment = deployment();
        assumeTrue(
                deployment.functions().stream()
                        .anyMatch(function -> function.logicalId().equals(logicalId)),
                "template.yaml has no " + logicalId);
        return start(deployment, state);
    }
}
