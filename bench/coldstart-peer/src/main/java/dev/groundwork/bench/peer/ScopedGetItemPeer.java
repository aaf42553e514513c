package dev.groundwork.bench.peer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@link GetItemPeer} with the product's isolation below the code: the read made as the tenant, through its role. */
public final class ScopedGetItemPeer implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final GetItemPeer peer =
            new GetItemPeer(PeerClient.dynamoDb(System.getenv()), new PeerTenantRoles(System.getenv()));

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return peer.handleRequest(event, context);
    }
}
