package dev.groundwork.dynamodb.conformance;

import dev.groundwork.dynamodb.containers.ContainerTargets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The targets every conformance class runs against. {@code -Dgroundwork.dynamodb.targets=embedded,dynalite} narrows
 * the run (names as in {@link DynamoDbTarget#name()}); by default all run, and those that cannot run here skip.
 */
public final class Targets {

    private static final List<DynamoDbTarget> ALL = List.of(
            EmbeddedTarget.INSTANCE, DynaliteTarget.INSTANCE, ContainerTargets.LOCALSTACK, ContainerTargets.FLOCI);

    private Targets() {}

    /** The argument source of every {@code @ParameterizedClass} in the suite. */
    public static Stream<DynamoDbTarget> all() {
        String chosen = System.getProperty("groundwork.dynamodb.targets", "");
        if (chosen.isBlank()) {
            return ALL.stream();
        }
        Set<String> names = Arrays.stream(chosen.split(",")).map(String::trim).collect(Collectors.toSet());
        return ALL.stream().filter(target -> names.contains(target.name()));
    }
}
