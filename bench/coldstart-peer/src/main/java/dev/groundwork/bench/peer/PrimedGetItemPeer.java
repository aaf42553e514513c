package dev.groundwork.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.UUID;
import org.crac.Core;
import org.crac.Resource;

/**
 * The least code for GetItem's route under SnapStart, the yardstick of {@code ./groundwork bench coldstart
 * --snapstart}: {@link GetItemPeer} with container credentials (what SnapStart hands a function) and the simplest
 * priming AWS describes, one call of the handler before the snapshot, on a made-up tenant's key that holds nothing.
 * Its first invoke after the restore against its own warm p50 is what the runtime client and a primed SDK call cost
 * on this machine, without anything of Groundwork's.
 */
public final class PrimedGetItemPeer
        implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, Resource {
    private final GetItemPeer peer =
            new GetItemPeer(PeerClient.dynamoDbUnderSnapStart(System.getenv()), PeerCredentials.FUNCTIONS_OWN);
    private final String claim = System.getenv().getOrDefault("TENANT_CLAIM", "tenant_id");

    public PrimedGetItemPeer() {
        // The runtime holds the handler, so the hook (the handler itself) lives as long as the context needs it.
        Core.getGlobalContext().register(this);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return peer.handleRequest(event, context);
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withPathParameters(Map.of("itemId", UUID.randomUUID().toString()))
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                        .builder()
                                        .withClaims(Map.of(claim, "priming-" + UUID.randomUUID()))
                                        .build())
                                .build())
                        .build())
                .build();
        if (handleRequest(event, null).getStatusCode() != 404) {
            throw new IllegalStateException("the priming read found an item");
        }
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {}
}
