package dev.groundwork.usage;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.groundwork.platform.logging.InvocationLogging;
import dev.groundwork.platform.snapstart.Priming;

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
        this.priming = Priming.register("ItemEventsRelay", () -> relay.prime(ItemEventsRelayHandler::relayLogged));
    }

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        relayLogged(relay, event, context);
        return null;
    }

    /**
     * A batch relayed with Powertools' logging around it, for a delivery and for the priming alike: one lambda, whose
     * call site the priming links before the snapshot instead of the first invoke after a restore.
     *
     * @return how many records were dead-lettered
     */
    private static int relayLogged(ItemEventsRelay relay, DynamodbEvent batch, Context context) {
        return InvocationLogging.withLogging(context, () -> relay.relay(batch, context));
    }
}
