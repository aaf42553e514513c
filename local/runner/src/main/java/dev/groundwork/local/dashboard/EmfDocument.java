package dev.groundwork.local.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line in CloudWatch's embedded metric format, read: its metrics' values by name and its dimensions. See
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * (a metric's value is the top-level member of its name: a number, or an array of numbers).
 */
record EmfDocument(Map<String, Double> metrics, Map<String, String> dimensions) {

    static Optional<EmfDocument> read(JsonNode line) {
        if (line == null
                || !line.isObject()
                || !line.path("_aws").path("CloudWatchMetrics").isArray()) {
            return Optional.empty();
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        Map<String, String> dimensions = new LinkedHashMap<>();
        for (JsonNode directive : line.path("_aws").path("CloudWatchMetrics")) {
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                JsonNode value = line.get(name);
                if (value != null && value.isNumber()) {
                    metrics.put(name, value.asDouble());
                } else if (value != null && value.isArray() && !value.isEmpty()) {
                    double sum = 0;
                    for (JsonNode each : value) {
                        sum += each.asDouble();
                    }
                    metrics.put(name, sum);
                }
            }
            for (JsonNode set : directive.path("Dimensions")) {
                for (JsonNode dimension : set) {
                    JsonNode value = line.get(dimension.asText());
                    if (value != null && value.isTextual()) {
                        dimensions.put(dimension.asText(), value.asText());
                    }
                }
            }
        }
        return metrics.isEmpty() ? Optional.empty() : Optional.of(new EmfDocument(metrics, dimensions));
    }

    boolean has(String metric) {
        return metrics.containsKey(metric);
    }

    double value(String metric) {
        return metrics.getOrDefault(metric, 0.0);
    }
}
