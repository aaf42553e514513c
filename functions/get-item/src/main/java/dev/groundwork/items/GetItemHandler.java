package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.ExpectedVersions;
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

/**
 * {@code GET /v1/items/{itemId}}: 200 with {@code ETag}, 412 when {@code If-Match} names another version, 304 when
 * {@code If-None-Match} matches, 404 when there is no such item.
 */
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
        // Both read before the item, so that a malformed one is a 400 whether the item exists or not.
        Optional<ExpectedVersions> ifMatch = request.header("If-Match").flatMap(EntityTags::expectedVersions);
        Optional<EntityTags.NoneMatch> ifNoneMatch =
                request.header("If-None-Match").map(EntityTags::noneMatch);
        Optional<Item> found = getItem.get(request.tenant(), ItemBodies.itemId(request));
        if (found.isEmpty()) {
            return ApiResponses.problem(ItemBodies.notFound());
        }
        return found(found.get(), ifMatch, ifNoneMatch);
    }

    /** RFC 9110 §13.2.2's order: {@code If-Match} first (412), then {@code If-None-Match} (304). */
    private static APIGatewayV2HTTPResponse found(
            Item item, Optional<ExpectedVersions> ifMatch, Optional<EntityTags.NoneMatch> ifNoneMatch) {
        if (ifMatch.isPresent() && !ifMatch.get().admits(item.version())) {
            return ApiResponses.problem(EntityTags.readPreconditionFailed(item.version()));
        }
        Map<String, String> headers = Map.of("ETag", EntityTags.of(item));
        if (ifNoneMatch.isPresent() && ifNoneMatch.get().hits(item)) {
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
                        .withHeader("If-Match", "\"1\"")
                        .withHeader("If-None-Match", "\"1\""),
                route);
        Priming.expectStatus("GET /v1/items/{itemId}", 404, response.getStatusCode());
        Item found = ItemsPriming.asFound(Priming.tenant());
        Priming.expectStatus(
                "a found item",
                200,
                found(found, Optional.empty(), Optional.empty()).getStatusCode());
        Priming.expectStatus(
                "a found item, not modified",
                304,
                found(found, Optional.empty(), Optional.of(EntityTags.noneMatch(EntityTags.of(found))))
                        .getStatusCode());
        Priming.expectStatus(
                "a found item at a version If-Match does not name",
                412,
                found(found, Optional.of(ExpectedVersions.of(ExpectedVersions.NONE)), Optional.empty())
                        .getStatusCode());
    }
}
