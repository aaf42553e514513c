package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.DeleteItem;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import java.util.Map;

/** {@code DELETE /v1/items/{itemId}}: 204, or 404 when the tenant has no such item. */
public final class DeleteItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final DeleteItem deleteItem;

    public DeleteItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    DeleteItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.deleteItem = application.deleteItem();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(
                event, context, request -> switch (deleteItem.delete(request.tenant(), ItemBodies.itemId(request))) {
                    case DeleteItem.Deleted deleted -> ApiResponses.empty(204, Map.of());
                    case DeleteItem.NotFound notFound -> ApiResponses.problem(ItemBodies.notFound());
                });
    }
}
