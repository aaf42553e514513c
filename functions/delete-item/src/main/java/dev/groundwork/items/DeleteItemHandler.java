package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.DeleteItem;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.http.EntityTags;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import java.util.Map;

/**
 * {@code DELETE /v1/items/{itemId}}: 204, or 404 when the tenant has no such item; with {@code If-Match} or
 * {@code If-None-Match}, 412 when they do not admit the item's version, read exactly as {@code PATCH} reads them.
 */
public final class DeleteItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final DeleteItem deleteItem;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    /** The same route over a delete that removes nothing, for the priming's delete that succeeds. */
    private final Route primedSuccess;

    private final DeleteItem removingNothing;
    private final Priming priming;

    public DeleteItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    DeleteItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.deleteItem = application.deleteItem();
        this.removingNothing = application.deleteItemRemovingNothing();
        this.route = request -> answer(request, deleteItem);
        this.primedSuccess = request -> answer(request, removingNothing);
        this.priming = Priming.register("DeleteItem", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private static APIGatewayV2HTTPResponse answer(ApiRequest request, DeleteItem deleteItem) {
        ItemId id = ItemBodies.itemId(request);
        Preconditions conditions =
                EntityTags.preconditions(request.header("If-Match"), request.header("If-None-Match"));
        return switch (deleteItem.delete(request.tenant(), id, conditions)) {
            case DeleteItem.Deleted deleted -> ApiResponses.empty(204, Map.of());
            case DeleteItem.NotFound notFound -> ApiResponses.problem(ItemBodies.notFound());
            case DeleteItem.PreconditionFailed stale -> preconditionFailed(stale.currentVersion());
        };
    }

    private static APIGatewayV2HTTPResponse preconditionFailed(long currentVersion) {
        return ApiResponses.problem(EntityTags.preconditionFailed(currentVersion));
    }

    /**
     * SnapStart priming: two deletes of ids no item has, of a made-up tenant, with an {@code If-Match}. The first is
     * conditioned on the item existing, as every delete is, so DynamoDB refuses it: 404. The second on no item having
     * the id ({@link ItemsApplication#deleteItemRemovingNothing}), so DynamoDB answers it as done: 204, and the success
     * of a delete runs too. Neither deletes or streams anything (docs/snapstart.md). Then the answer to a delete its
     * preconditions refuse, in memory: DynamoDB hands the item back with the refusal, read as a found item is read
     * ({@code ItemsPriming.asFound}), and the 412.
     */
    void prime() {
        Priming.expectStatus(
                "DELETE /v1/items/{itemId}", 404, http.prime(delete(), route).getStatusCode());
        Priming.expectStatus(
                "DELETE /v1/items/{itemId} of nothing",
                204,
                http.prime(delete(), primedSuccess).getStatusCode());
        Item refused = ItemsPriming.asFound(Priming.tenant());
        Priming.expectStatus(
                "a delete its preconditions refuse",
                412,
                preconditionFailed(refused.version()).getStatusCode());
    }

    private static PrimingRequest delete() {
        String id = ItemsPriming.freshItemId().value();
        return PrimingRequest.of("DELETE /v1/items/{itemId}", "/v1/items/" + id)
                .withPathParameter("itemId", id)
                .withHeader("If-Match", "\"1\"")
                // A tag that is no version, so it refuses none: its reading and its condition are in the snapshot.
                .withHeader("If-None-Match", ItemsPriming.NO_VERSION_TAG);
    }
}
