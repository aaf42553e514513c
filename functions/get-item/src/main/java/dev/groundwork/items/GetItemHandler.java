package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.GetItem;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.http.EntityTags;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.items.http.ItemRepresentation;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v1/items/{itemId}}: 200 with {@code ETag}, 304 when {@code If-None-Match} matches, 404 otherwise. */
public final class GetItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetItem getItem;

    public GetItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    GetItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.getItem = application.getItem();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, request -> {
            Optional<String> ifNoneMatch = request.header("If-None-Match");
            Optional<Item> found = getItem.get(request.tenant(), ItemBodies.itemId(request));
            if (found.isEmpty()) {
                return ApiResponses.problem(ItemBodies.notFound());
            }
            Item item = found.get();
            Map<String, String> headers = Map.of("ETag", EntityTags.of(item));
            if (ifNoneMatch.isPresent() && EntityTags.noneMatchHits(ifNoneMatch.get(), item)) {
                return ApiResponses.empty(304, headers);
            }
            return ApiResponses.json(200, ItemRepresentation.of(item), headers);
        });
    }
}
