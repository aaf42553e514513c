package dev.groundwork.local.lambda;

import java.util.Map;

/**
 * What {@code System.getenv} answers inside one function. The runner defines a separate copy of this class in every
 * function's class loader and rewrites that function's {@code System.getenv()} / {@code System.getenv(name)} calls
 * (its own code and its libraries': the AWS SDK, Powertools, Logback) to call it instead, so each function sees exactly
 * the environment template.yaml declares for it, as it would in its own Lambda container, while the runner's process
 * environment stays untouched. Function code needs nothing special: it reads {@code System.getenv()} as in Lambda.
 */
public final class FunctionEnvironment {

    private static volatile Map<String, String> variables = Map.of();

    private FunctionEnvironment() {}

    /** Called by the runner, reflectively, on the copy inside a function's class loader before any function code runs. */
    public static void set(Map<String, String> environment) {
        variables = Map.copyOf(environment);
    }

    public static Map<String, String> getenv() {
        return variables;
    }

    public static String getenv(String name) {
        if (name == null) {
            throw new NullPointerException("name"); // as System.getenv(null) does
        }
        return variables.get(name);
    }
}
