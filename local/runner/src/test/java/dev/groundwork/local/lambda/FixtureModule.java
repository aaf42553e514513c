package dev.groundwork.local.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.joda.time.DateTime;

/**
 * A function module folder as a Maven build leaves it: {@code target/classes} with the compiled fixture handlers
 * ({@code dev.groundwork.local.fixtures}), {@code target/runtime-classpath.txt} with the Lambda jars and joda-time, as
 * aws-lambda-java-events brings it.
 */
public final class FixtureModule {

    private FixtureModule() {}

    public static Path create(Path module) throws IOException {
        Path classes = module.resolve("target/classes");
        Path fixtures = Path.of(codeSource(FixtureModule.class)).resolve("dev/groundwork/local/fixtures");
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
                codeSource(DateTime.class),
                codeSource(org.crac.Core.class));
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
