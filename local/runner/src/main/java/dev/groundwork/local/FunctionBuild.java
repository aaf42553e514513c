package dev.groundwork.local;

import dev.groundwork.local.console.Console;
import dev.groundwork.local.lambda.FunctionClasspath;
import dev.groundwork.local.template.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the function modules that the template names and that were never built (no {@code target/classes} or no
 * {@code target/runtime-classpath.txt}), with the project's Maven wrapper, so that a fresh clone runs with one
 * command. Modules already built are left alone: rebuilding a changed one is the IDE's or {@code ./mvnw compile}'s
 * job, and the runner reloads it.
 */
final class FunctionBuild {

    private FunctionBuild() {}

    static void buildMissing(Path projectRoot, List<FunctionSpec> functions, Console console)
            throws IOException, InterruptedException {
        Set<String> modules = new LinkedHashSet<>();
        for (FunctionSpec function : functions) {
            Path module = function.codeUri();
            boolean built = Files.isDirectory(module.resolve("target/classes"))
                    && Files.isRegularFile(module.resolve(FunctionClasspath.LISTING));
            if (!built && Files.isRegularFile(module.resolve("pom.xml")) && module.startsWith(projectRoot)) {
                modules.add(projectRoot.relativize(module).toString());
            }
        }
        Path wrapper = projectRoot.resolve(isWindows() ? "mvnw.cmd" : "mvnw");
        if (modules.isEmpty() || !Files.isRegularFile(wrapper)) {
            return;
        }
        console.info("building " + String.join(", ", modules) + " (not built yet) ...");
        List<String> command = new ArrayList<>(List.of(
                wrapper.toString(),
                "-q",
                "-B",
                "-Dmaven.test.skip=true",
                "package",
                "-pl",
                String.join(",", modules),
                "-am"));
        ProcessBuilder build =
                new ProcessBuilder(command).directory(projectRoot.toFile()).inheritIO();
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        if (Runtime.version().feature() >= 24) {
            // Maven's own Guice still uses sun.misc.Unsafe: keep the JDK 24+ warning off the console, as ./groundwork
            // does.
            build.environment().merge("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow", (a, b) -> b + " " + a);
        }
        int status = build.start().waitFor();
        if (status != 0) {
            console.info("  ! the build failed (exit " + status + "); run ./mvnw -DskipTests package to see why");
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .startsWith("windows");
    }
}
