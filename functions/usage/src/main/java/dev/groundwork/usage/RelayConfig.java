package dev.groundwork.usage;

import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.config.Environment;
import dev.groundwork.platform.observability.MetricsSettings;
import java.util.Map;

/** The change-event relay's configuration: the queues it sends runs of changes and dead letters to, and its telemetry names. */
public record RelayConfig(
        AwsSettings aws, String itemEventsQueueUrl, String deadLetterQueueUrl, MetricsSettings metrics) {
    public static final String ITEM_EVENTS_QUEUE_URL = "ITEM_EVENTS_QUEUE_URL";
    /** Where the stream's records that cannot be relayed go, whole. */
    public static final String ITEM_CHANGES_DEAD_LETTER_QUEUE_URL = "ITEM_CHANGES_DEAD_LETTER_QUEUE_URL";

    public static RelayConfig fromEnvironment(Map<String, String> env) {
        return new RelayConfig(
                AwsSettings.fromEnvironment(env),
                Environment.required(env, ITEM_EVENTS_QUEUE_URL),
                Environment.required(env, ITEM_CHANGES_DEAD_LETTER_QUEUE_URL),
                MetricsSettings.fromEnvironment(env, "usage"));
    }
}
