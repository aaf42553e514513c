package dev.groundwork.dynamodb.conformance;

import java.net.URI;
import java.util.Set;

/**
 * A DynamoDB-compatible server the conformance suite runs against: the embedded server, dynalite, LocalStack or
 * Floci. Each is started at most once per test JVM, when a test first needs it, and is shared by every class.
 */
public interface DynamoDbTarget {

    /** Shown in test names: {@code embedded}, {@code dynalite}, {@code localstack}, {@code floci}. */
    String name();

    /**
     * Starts the server if it is not running yet and returns where it answers. Aborts the calling test (a JUnit
     * assumption, so the test is reported as skipped with the reason) when the server cannot run on this machine.
     */
    URI endpoint();

    Set<Capability> capabilities();

    /** Where this server is known to differ from DynamoDB's documented behaviour. */
    Set<KnownDeviation> knownDeviations();

    /** Clients for {@link #endpoint()}, built once. */
    TargetClients clients();

    default boolean supports(Capability capability) {
        return capabilities().contains(capability);
    }

    default boolean deviatesBy(KnownDeviation deviation) {
        return knownDeviations().contains(deviation);
    }
}
