package dev.groundwork.dynamodb.containers;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/** Whether Testcontainers finds a Docker engine; probed once per JVM and bounded in time so a run never hangs on it. */
public final class DockerEngine {

    private static final Optional<String> UNAVAILABLE_REASON = probe();

    private DockerEngine() {
    }

    /** Why containers cannot run here, or empty when a Docker engine answers. */
    public static Optional<String> unavailableReason() {
        return UNAVAILABLE_REASON;
    }

    private static Optional<String> probe() {
        try {
            boolean available = CompletableFuture.supplyAsync(() -> DockerClientFactory.instance().isDockerAvailable())
                    .get(20, TimeUnit.SECONDS);
            return available ? Optional.empty()
                    : Optional.of("container tests skipped: Testcontainers found no Docker engine on this machine");
        } catch (Exception e) {
            return Optional.of("container tests skipped: looking for a Docker engine failed or took over 20 s (" + e + ")");
        }
    }
}
