package dev.groundwork.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@link CreateItemPeer} with the product's isolation below the code: the write made as the tenant, through its role. */
public final class ScopedCreateItemPeer implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final CreateItemPeer peer = new CreateItemPeer(new PeerTenantRoles(System.getenv()));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return peer.handleRequest(event, context);
    }
}
