package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.Preconditions;
import dev.groundwork.items.domain.UpdateItem;
import dev.groundwork.items.http.EntityTags;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.items.http.ItemRepresentation;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Problem;
import dev.groundwork.platform.http.ProblemType;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.snapstart.Priming;
import java.util.Map;

/**
 * {@code PATCH /v1/items/{itemId}}: applies a JSON Merge Patch; {@code If-Match} and {@code If-None-Match} optional
 * (each {@code *} or one or more tags), 412 when they do not admit the item's version.
 */
public final class UpdateItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final UpdateItem updateItem;
    private final ItemsApplication application;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public UpdateItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    UpdateItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.updateItem = application.updateItem();
        this.application = application;
        this.route = request -> answer(request, updateItem);
        this.priming = Priming.register("UpdateItem", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private static APIGatewayV2HTTPResponse answer(ApiRequest request, UpdateItem updateItem) {
        ItemId id = ItemBodies.itemId(request);
        Preconditions conditions =
                EntityTags.preconditions(request.header("If-Match"), request.header("If-None-Match"));
        Map<String, Object> patch = ItemBodies.jsonObject(request, ItemBodies.PATCH_MEDIA_TYPES);
        return switch (updateItem.update(request.tenant(), id, patch, conditions)) {
            case UpdateItem.Updated updated -> updated(updated.item());
            case UpdateItem.NotFound notFound -> ApiResponses.problem(ItemBodies.notFound());
            case UpdateItem.PreconditionFailed stale ->
                ApiResponses.problem(EntityTags.preconditionFailed(stale.currentVersion()));
            case UpdateItem.Invalid invalid -> ApiResponses.problem(ItemBodies.invalid(invalid.errors()));
            case UpdateItem.TooLarge tooLarge -> ApiResponses.problem(ItemBodies.tooLarge(tooLarge.bytes()));
            case UpdateItem.Contended contended ->
                ApiResponses.problem(
                        Problem.of(ProblemType.CONFLICT, "Retry the request.").withHeader("Retry-After", "1"));
        };
    }

    /**
     * SnapStart priming, nothing written (docs/snapstart.md): a merge patch of an id no item has, of a made-up tenant:
     * parsed, read for (a strongly consistent read that finds nothing) and answered 404. Then the same patch of an item
     * found in memory ({@link ItemsApplication#updateItemFinding}): merged, validated, and written as an update writes,
     * conditioned on a version of an item the table does not have, which DynamoDB refuses; answered 412. Then the
     * answer to an update that succeeded, mapped from an item in memory.
     */
    void prime() {
        String id = ItemsPriming.freshItemId().value();
        APIGatewayV2HTTPResponse response = http.prime(patch(id), route);
        Priming.expectStatus("PATCH /v1/items/{itemId}", 404, response.getStatusCode());
        String foundId = ItemsPriming.freshItemId().value();
        APIGatewayV2HTTPResponse stale = http.prime(
                patch(foundId),
                request -> answer(
                        request,
                        application.updateItemFinding(ItemsPriming.asFound(request.tenant(), new ItemId(foundId)))));
        Priming.expectStatus(
                "PATCH /v1/items/{itemId} of a found item, its write conditioned to fail", 412, stale.getStatusCode());
        ItemsPriming.writeAnswers();
        Priming.expectStatus(
                "an updated item's answer",
                200,
                updated(ItemsPriming.asFound(Priming.tenant())).getStatusCode());
    }

    private static APIGatewayV2HTTPResponse updated(Item item) {
        return ApiResponses.json(200, ItemRepresentation.of(item), Map.of("ETag", EntityTags.of(item)));
    }

    private static PrimingRequest patch(String id) {
        return PrimingRequest.of("PATCH /v1/items/{itemId}", "/v1/items/" + id)
                .withPathParameter("itemId", id)
                .withHeader("If-Match", "\"1\"")
                // A tag that is no version, so it refuses none: its reading is in the snapshot, its outcome unchanged.
                .withHeader("If-None-Match", ItemsPriming.NO_VERSION_TAG)
                .withBody("application/merge-patch+json", ItemsPriming.ITEM_DOCUMENT);
    }
}
