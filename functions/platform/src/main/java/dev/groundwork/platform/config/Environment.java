package dev.groundwork.platform.config;

import java.util.Map;
import java.util.Optional;

/** Reading variables from an environment map: the one place that says what "set" means. */
public final class Environment {
    private Environment() {}

    public static String required(Map<String, String> env, String name) {
        return optional(env, name).orElseThrow(() -> new IllegalStateException(name + " is not set"));
    }

    public static Optional<String> optional(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }
}
