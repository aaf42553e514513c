package dev.groundwork.dynamodb.conformance;

import java.net.URI;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/**
 * A target started on first use and then shared by every test class of the JVM. A server that cannot run on this
 * machine (no node, no Docker engine) makes its tests skip with the reason; one that can run but fails to start
 * makes them fail.
 */
public final class LazilyStartedTarget implements DynamoDbTarget {

    /** Starts the server and returns its endpoint. */
    @FunctionalInterface
    public interface Launcher {
        URI launch() throws TargetUnavailableException;
    }

    /** The server cannot run here; the message says why and what would make it run. */
    public static final class TargetUnavailableException extends Exception {
        public TargetUnavailableException(String reason) {
            super(reason);
        }
    }

    private final String name;
    private final Set<Capability> capabilities;
    private final Set<KnownDeviation> knownDeviations;
    private final Launcher launcher;
    private URI endpoint;
    private String unavailableReason;
    private RuntimeException startFailure;
    private TargetClients clients;

    public LazilyStartedTarget(String name, Set<Capability> capabilities, Launcher launcher) {
        this(name, capabilities, Set.of(), launcher);
    }

    public LazilyStartedTarget(
            String name, Set<Capability> capabilities, Set<KnownDeviation> knownDeviations, Launcher launcher) {
        this.name = name;
        this.capabilities = capabilities.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(capabilities);
        this.knownDeviations =
                knownDeviations.isEmpty() ? EnumSet.noneOf(KnownDeviation.class) : EnumSet.copyOf(knownDeviations);
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized URI endpoint() {
        if (endpoint == null && unavailableReason == null && startFailure == null) {
            try {
                endpoint = launcher.launch();
            } catch (TargetUnavailableException e) {
                unavailableReason = e.getMessage();
                // Surefire does not list a skipped class invocation, so say it once where the build log shows it.
                System.err.println("[conformance] " + name + " skipped: " + unavailableReason);
            } catch (RuntimeException e) {
                startFailure = new IllegalStateException(name + " did not start", e);
            }
        }
        Assumptions.assumeTrue(unavailableReason == null, () -> name + ": " + unavailableReason);
        if (startFailure != null) {
            throw startFailure;
        }
        return endpoint;
    }

    @Override
    public Set<Capability> capabilities() {
        return capabilities;
    }

    @Override
    public Set<KnownDeviation> knownDeviations() {
        return knownDeviations;
    }

    @Override
    public synchronized TargetClients clients() {
        if (clients == null) {
            clients = TargetClients.forEndpoint(endpoint());
        }
        return clients;
    }

    @Override
    public String toString() {
        return name;
    }
}
