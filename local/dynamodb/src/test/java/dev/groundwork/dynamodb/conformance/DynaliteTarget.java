package dev.groundwork.dynamodb.conformance;

import dev.groundwork.dynamodb.differential.Dynalite;
import java.util.EnumSet;

/** dynalite 4.0.0 in a node child process: serves the core operations only (see {@link Capability}). */
final class DynaliteTarget {

    static final DynamoDbTarget INSTANCE = new LazilyStartedTarget(
            "dynalite", EnumSet.noneOf(Capability.class), EnumSet.allOf(KnownDeviation.class), () -> {
                var reason = Dynalite.unavailableReason();
                if (reason.isPresent()) {
                    throw new LazilyStartedTarget.TargetUnavailableException(reason.get());
                }
                return Dynalite.start().endpoint();
            });

    private DynaliteTarget() {}
}
