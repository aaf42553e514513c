package dev.groundwork.platform.testing;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Where integration tests find DynamoDB: Groundwork's embedded server in this JVM (always), or LocalStack or Floci in
 * a container (only with a Docker engine; without one those tests are skipped, saying why). Each is started once per
 * JVM; every test gets its own fresh table ({@link TestTable}).
 */
public enum DynamoDbTarget {
    EMBEDDED,
    /** LocalStack 4.14.0, the last free tag; LOCALSTACK_AUTH_TOKEN is passed through when set (newer tags need it). */
    LOCALSTACK,
    /** Floci (MIT), a free emulator serving DynamoDB on the same port as LocalStack. */
    FLOCI;

    private static final Map<DynamoDbTarget, URI> ENDPOINTS = new ConcurrentHashMap<>();

    /** A fresh table with the template's key schema on this target; skips the test when the target cannot run here. */
    public TestTable freshTable() {
        return TestTable.create(endpoint());
    }

    private URI endpoint() {
        return ENDPOINTS.computeIfAbsent(this, DynamoDbTarget::start);
    }

    private static URI start(DynamoDbTarget target) {
        return switch (target) {
            // Lives as long as the test JVM; serves the STS stand-in and enforces the tenant role (TestTenantRole).
            case EMBEDDED ->
                EmbeddedDynamoDb.builder()
                        .accessControl(TestTenantRole.accessControl())
                        .start()
                        .endpoint();
            case LOCALSTACK ->
                container(
                        System.getProperty("groundwork.localstack.image", "localstack/localstack:4.14.0"),
                        "/_localstack/health");
            case FLOCI -> container(System.getProperty("groundwork.floci.image", "floci/floci:latest"), null);
        };
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM ends
    private static URI container(String image, String healthPath) {
        Assumptions.assumeTrue(
                dockerAvailable(),
                "No Docker engine here: skipping the run against " + image + " (the embedded DynamoDB run covers it).");
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(4566)
                .withEnv("SERVICES", "dynamodb,sts");
        Optional.ofNullable(System.getenv("LOCALSTACK_AUTH_TOKEN"))
                .ifPresent(token -> container.withEnv("LOCALSTACK_AUTH_TOKEN", token));
        container.waitingFor(
                healthPath == null
                        ? Wait.forListeningPort()
                        : Wait.forHttp(healthPath).forStatusCode(200));
        container.start();
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(4566));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException noDocker) {
            return false;
        }
    }
}
