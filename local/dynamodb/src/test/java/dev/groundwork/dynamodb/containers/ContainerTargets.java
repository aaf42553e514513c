package dev.groundwork.dynamodb.containers;

import dev.groundwork.dynamodb.conformance.Capability;
import dev.groundwork.dynamodb.conformance.DynamoDbTarget;
import dev.groundwork.dynamodb.conformance.LazilyStartedTarget;
import dev.groundwork.dynamodb.conformance.LazilyStartedTarget.TargetUnavailableException;
import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack and Floci as conformance targets, through Testcontainers. Both serve every operation the suite
 * covers; TTL sweeping on them runs on their own schedule, so the suite's fast-sweep cases skip there.
 */
public final class ContainerTargets {

    private static final Set<Capability> FULL_BUT_SLOW_TTL =
            EnumSet.complementOf(EnumSet.of(Capability.FAST_TTL_SWEEP));
    private static final int EDGE_PORT = 4566;

    public static final DynamoDbTarget LOCALSTACK =
            new LazilyStartedTarget("localstack", FULL_BUT_SLOW_TTL, ContainerTargets::startLocalStack);
    public static final DynamoDbTarget FLOCI =
            new LazilyStartedTarget("floci", FULL_BUT_SLOW_TTL, ContainerTargets::startFloci);

    private ContainerTargets() {}

    private static URI startLocalStack() throws TargetUnavailableException {
        requireDocker();
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        LocalStackContainer container = new LocalStackContainer(
                DockerImageName.parse(ContainerImages.localStack()).asCompatibleSubstituteFor("localstack/localstack"));
        String token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        if (token != null && !token.isBlank()) {
            container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
        }
        container.start();
        return container.getEndpoint();
    }

    private static URI startFloci() throws TargetUnavailableException {
        requireDocker();
        @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(ContainerImages.floci()))
                .withExposedPorts(EDGE_PORT)
                .waitingFor(Wait.forListeningPort());
        container.start();
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(EDGE_PORT));
    }

    private static void requireDocker() throws TargetUnavailableException {
        var reason = DockerEngine.unavailableReason();
        if (reason.isPresent()) {
            throw new TargetUnavailableException(reason.get());
        }
    }
}
