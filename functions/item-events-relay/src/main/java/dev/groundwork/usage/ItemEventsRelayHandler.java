package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.groundwork.platform.snapstart.Priming;
import dev.groundwork.platform.snapstart.PrimingContext;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The items table's stream to the item-events queue. All or nothing: a failure throws, and Lambda retries the same
 * batch (no bisecting, no partial report), which yields the same runs, which the meter counts once.
 */
public final class ItemEventsRelayHandler implements RequestHandler<DynamodbEvent, Void> {
    private final ItemEventsRelay relay;
    private final Priming priming;

    public ItemEventsRelayHandler() {
        this(ItemEventsRelay.fromEnvironment(System.getenv()));
    }

    ItemEventsRelayHandler(ItemEventsRelay relay) {
        this.relay = relay;
        this.priming = Priming.register(
                "ItemEventsRelay",
                () -> PowertoolsLogging.withLogging(new PrimingContext(), () -> {
                    relay.prime();
                    return null;
                }));
    }

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> {
            relay.relay(event, context);
            return null;
        });
    }
}
