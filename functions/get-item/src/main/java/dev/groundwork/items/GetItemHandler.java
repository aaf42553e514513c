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
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import java.util.Map;
import java.util.Optional;

/** {@code GET /v1/items/{itemId}}: 200 with {@code ETag}, 304 when {@code If-None-Match} matches, 404 otherwise. */
public final class GetItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final GetItem getItem;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public GetItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    GetItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.getItem = application.getItem();
        this.route = this::answer;
        this.priming = Priming.register("GetItem", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(ApiRequest request) {
        Optional<String> ifNoneMatch = request.header("If-None-Match");
        Optional<Item> found = getItem.get(request.tenant(), ItemBodies.itemId(request));
        if (found.isEmpty()) {
            return ApiResponses.problem(ItemBodies.notFound());
        }
        return found(found.get(), ifNoneMatch);
    }

    private static APIGatewayV2HTTPResponse found(Item item, Optional<String> ifNoneMatch) {
        Map<String, String> headers = Map.of("ETag", EntityTags.of(item));
        if (ifNoneMatch.isPresent() && EntityTags.noneMatchHits(ifNoneMatch.get(), item)) {
            return ApiResponses.empty(304, headers);
        }
        return ApiResponses.json(200, ItemRepresentation.of(item), headers);
    }

    /**
     * SnapStart priming: the read of an id no item has, of a made-up tenant, answered 404; then the answers to a found
     * item, mapped in memory (docs/snapstart.md).
     */
    void prime() {
        String id = ItemsPriming.freshItemId().value();
        APIGatewayV2HTTPResponse response = http.prime(
                PrimingRequest.of("GET /v1/items/{itemId}", "/v1/items/" + id)
                        .withPathParameter("itemId", id)
                        .withHeader("If-None-Match", "\"1\""),
                route);
        Priming.expectStatus("GET /v1/items/{itemId}", 404, response.getStatusCode());
        Item found = ItemsPriming.asFound(Priming.tenant());
        Priming.expectStatus("a found item", 200, found(found, Optional.empty()).getStatusCode());
        Priming.expectStatus(
                "a found item, not modified",
                304,
                found(found, Optional.of(EntityTags.of(found))).getStatusCode());
    }
}
