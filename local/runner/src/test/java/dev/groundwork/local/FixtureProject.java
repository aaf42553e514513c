package dev.groundwork.local;

import dev.groundwork.local.api.ApiGateway;
import dev.groundwork.local.lambda.FixtureModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A scratch project on disk laid out like Groundwork's: a template.yaml and one Maven-style module folder per
 * function ({@code target/classes} with the fixture handlers, {@code target/runtime-classpath.txt} with the Lambda
 * jars and joda-time, as aws-lambda-java-events brings it), so the runner serves it exactly as it serves the real application.
 */
final class FixtureProject {

    private final Path root;

    private FixtureProject(Path root) {
        this.root = root;
    }

    /**
     * The runner over a fixture project in {@code root}, with the front door's limits given: the runner's own
     * ({@code Limits.DEFAULTS}) for a benchmark, or short ones, so that a test of them waits seconds rather than the
     * runner's 10 and 30 s.
     */
    static LocalApplication startWith(Path root, ApiGateway.Limits limits) throws Exception {
        return LocalApplication.start(
                LocalApplication.Options.forTemplate(create(root).template())
                        .stateDirectory(root.resolve(".groundwork"))
                        .limits(limits)
                        .build());
    }

    static FixtureProject create(Path root) {
        FixtureProject project = new FixtureProject(root);
        try {
            Files.createDirectories(root.resolve("records"));
            String template;
            try (InputStream in = FixtureProject.class.getResourceAsStream("/fixtures/template.yaml")) {
                template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            project.writeTemplate(
                    template.replace("@RECORDS@", root.resolve("records").toString()));
            for (String function : List.of("echo", "twin", "slow", "worker", "stream")) {
                project.addFunctionModule("functions/" + function);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }

    Path root() {
        return root;
    }

    Path template() {
        return root.resolve("template.yaml");
    }

    Path records() {
        return root.resolve("records");
    }

    void writeTemplate(String text) throws IOException {
        Files.writeString(template(), text);
    }

    /** A module folder whose target/classes holds the compiled fixtures and whose class path lists the Lambda jars. */
    Path addFunctionModule(String folder) throws IOException {
        return FixtureModule.create(root.resolve(folder));
    }
}
