package dev.groundwork.dynamodb.conformance;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import java.time.Duration;
import java.util.EnumSet;

/**
 * The embedded server, in this JVM, shared by every conformance class. Its TTL sweep runs every 200 ms so the TTL
 * cases finish in a second; everything else is as {@link EmbeddedDynamoDb#start()} gives it.
 */
final class EmbeddedTarget {

    static final Duration TTL_SWEEP_INTERVAL = Duration.ofMillis(200);

    static final DynamoDbTarget INSTANCE = new LazilyStartedTarget("embedded", EnumSet.allOf(Capability.class), () -> {
        EmbeddedDynamoDb server =
                EmbeddedDynamoDb.builder().ttlSweepInterval(TTL_SWEEP_INTERVAL).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server.endpoint();
    });

    private EmbeddedTarget() {}
}
