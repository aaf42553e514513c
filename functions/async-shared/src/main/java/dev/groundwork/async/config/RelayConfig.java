package dev.groundwork.async.config;

import java.util.List;
import java.util.Map;

/** The change-event relay's configuration: the queue it sends runs of changes to. */
public record RelayConfig(AwsSettings aws, String itemEventsQueueUrl) {
    public static final String ITEM_EVENTS_QUEUE_URL = "ITEM_EVENTS_QUEUE_URL";
    public static final List<String> TEMPLATE_VARIABLES = List.of(ITEM_EVENTS_QUEUE_URL);

    public static RelayConfig fromEnvironment(Map<String, String> env) {
        return new RelayConfig(AwsSettings.fromEnvironment(env), Environment.required(env, ITEM_EVENTS_QUEUE_URL));
    }
}
