package dev.groundwork.dynamodb.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a Docker engine; probed once per JVM and bounded in time so a run never hangs on it. */
public final class DockerEngine {

    private static final Optional<String> UNAVAILABLE_REASON = probe();

    private DockerEngine() {}

    /** Why containers cannot run here, or empty when a Docker engine answers. */
    public static Optional<String> unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static Optional<String> probe() {
        // Testcontainers' own search tries several strategies and can take over 20 s on a busy machine to say
        // "none"; where nothing could point at an engine, say so at once.
        if (nothingPointsAtAnEngine()) {
            return Optional.of(
                    "container tests skipped: no Docker engine here (DOCKER_HOST is not set, no Docker socket"
                            + " at the usual places, no Testcontainers or Docker client configuration)");
        }
        try {
            boolean available = CompletableFuture.supplyAsync(
                            () -> DockerClientFactory.instance().isDockerAvailable())
                    .get(20, TimeUnit.SECONDS);
            return available
                    ? Optional.empty()
                    : Optional.of("container tests skipped: Testcontainers found no Docker engine on this machine");
        } catch (Exception e) {
            return Optional.of(
                    "container tests skipped: looking for a Docker engine failed or took over 20 s (" + e + ")");
        }
    }

    private static boolean nothingPointsAtAnEngine() {
        if (System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null) {
            return false;
        }
        String home = System.getProperty("user.home");
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock"),
                Path.of(home, ".testcontainers.properties"),
                Path.of(home, ".docker", "config.json")));
        if (runtime != null) {
            candidates.add(Path.of(runtime, "docker.sock"));
        }
        return candidates.stream().noneMatch(Files::exists);
    }
}
