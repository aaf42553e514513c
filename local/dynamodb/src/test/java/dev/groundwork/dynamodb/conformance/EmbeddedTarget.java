package dev.groundwork.dynamodb.conformance;

import java.util.EnumSet;

final class EmbeddedTarget {
    static final DynamoDbTarget INSTANCE = new LazilyStartedTarget("embedded", EnumSet.allOf(Capability.class), () -> {
        throw new LazilyStartedTarget.TargetUnavailableException("embedded server not merged yet");
    });
    private EmbeddedTarget() {
    }
}
