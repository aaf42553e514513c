package dev.groundwork.platform.observability;

import dev.groundwork.platform.config.Environment;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function's metrics are configured with, read once from its environment map (as Powertools reads the same
 * variables): the namespace, the {@code Service} dimension, whether metrics are switched off, and the variables Lambda
 * sets that each document names ({@link EmfMetrics}).
 *
 * @param lambdaEnvironment the variables Lambda sets that {@link EmfMetrics} names in each document, those that are set
 * @param disabled          {@code POWERTOOLS_METRICS_DISABLED=true}, as Powertools reads it: every document is
 *                          still built, and printed nowhere
 */
public record MetricsSettings(
        String namespace, String service, boolean disabled, Map<String, String> lambdaEnvironment) {
    public static final String SERVICE_NAME = "POWERTOOLS_SERVICE_NAME";
    public static final String METRICS_NAMESPACE = "POWERTOOLS_METRICS_NAMESPACE";
    public static final String METRICS_DISABLED = "POWERTOOLS_METRICS_DISABLED";
    public static final String DEFAULT_NAMESPACE = "Groundwork";

    public MetricsSettings {
        lambdaEnvironment = Map.copyOf(lambdaEnvironment);
    }

    /** The settings {@code env} gives, with {@code service} where it names none. */
    public static MetricsSettings fromEnvironment(Map<String, String> env, String service) {
        Map<String, String> lambda = new LinkedHashMap<>();
        for (String variable : EmfMetrics.LAMBDA_VARIABLES) {
            Environment.optional(env, variable).ifPresent(value -> lambda.put(variable, value));
        }
        return new MetricsSettings(
                Environment.optional(env, METRICS_NAMESPACE).orElse(DEFAULT_NAMESPACE),
                Environment.optional(env, SERVICE_NAME).orElse(service),
                Environment.optional(env, METRICS_DISABLED)
                        .filter("true"::equalsIgnoreCase)
                        .isPresent(),
                lambda);
    }
}
