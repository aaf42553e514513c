package dev.groundwork.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.joda.time.DateTime;

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
        Path module = root.resolve(folder);
        Path classes = module.resolve("target/classes");
        Path fixtures = Path.of(codeSource(FixtureProject.class)).resolve("dev/groundwork/local/fixtures");
        Path target = classes.resolve("dev/groundwork/local/fixtures");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(fixtures)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        String classPath = String.join(
                File.pathSeparator,
                codeSource(RequestHandler.class),
                codeSource(APIGatewayV2HTTPEvent.class),
                codeSource(DateTime.class));
        Files.writeString(module.resolve("target/runtime-classpath.txt"), classPath);
        return module;
    }

    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
