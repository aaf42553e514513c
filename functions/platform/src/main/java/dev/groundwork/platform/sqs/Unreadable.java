package dev.groundwork.platform.sqs;

import java.util.Optional;

/**
 * A message whose body cannot be read: it will never succeed, and goes to the dead-letter queue after maxReceiveCount
 * deliveries. It names the tenant and the event when the body says that much, for the error log.
 */
public final class Unreadable extends Exception {
    private final transient Optional<String> tenant;
    private final transient Optional<String> event;

    public Unreadable(String reason, Optional<String> tenant, Optional<String> event) {
        super(reason, null, false, false);
        this.tenant = tenant;
        this.event = event;
    }

    public Optional<String> tenant() {
        return tenant;
    }

    public Optional<String> event() {
        return event;
    }
}
