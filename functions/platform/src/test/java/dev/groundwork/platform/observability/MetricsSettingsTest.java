package dev.groundwork.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function's metrics are configured by its own environment map, as Powertools reads the same variables. */
class MetricsSettingsTest {
    @Test
    void readsTheNamespaceServiceSwitchAndLambdasVariablesFromTheMap() {
        MetricsSettings settings = MetricsSettings.fromEnvironment(
                Map.of(
                        "POWERTOOLS_METRICS_NAMESPACE", "Shop",
                        "POWERTOOLS_SERVICE_NAME", "orders",
                        "POWERTOOLS_METRICS_DISABLED", "True",
                        "AWS_EXECUTION_ENV", "AWS_Lambda_java21",
                        "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                        "_X_AMZN_TRACE_ID", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                        "TABLE_NAME", "groundwork-ItemsTable-1"),
                "items");

        assertThat(settings.namespace()).isEqualTo("Shop");
        assertThat(settings.service()).isEqualTo("orders");
        assertThat(settings.disabled()).isTrue();
        assertThat(settings.lambdaEnvironment())
                .containsOnlyKeys("AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_VERSION", "_X_AMZN_TRACE_ID");
    }

    @Test
    void defaultsToGroundworksNamespaceTheFunctionsServiceAndMetricsOn() {
        MetricsSettings settings = MetricsSettings.fromEnvironment(
                Map.of("POWERTOOLS_SERVICE_NAME", " ", "POWERTOOLS_METRICS_DISABLED", "yes"), "imports");

        assertThat(settings.namespace()).isEqualTo("Groundwork");
        assertThat(settings.service()).isEqualTo("imports");
        assertThat(settings.disabled())
                .as("only true switches them off, as in Powertools")
                .isFalse();
        assertThat(settings.lambdaEnvironment()).isEmpty();
    }
}
