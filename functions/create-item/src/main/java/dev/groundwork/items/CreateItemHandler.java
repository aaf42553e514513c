package dev.groundwork.items;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.CreateItem;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.http.EntityTags;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.items.http.ItemRepresentation;
import dev.groundwork.platform.http.ApiRequest;
import dev.groundwork.platform.http.ApiResponses;
import dev.groundwork.platform.http.HttpFunction;
import dev.groundwork.platform.http.PrimingRequest;
import dev.groundwork.platform.http.Route;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.snapstart.Priming;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/** {@code POST /v1/items}: creates an item; 201 with {@code Location} and {@code ETag}; honours {@code Idempotency-Key}. */
public final class CreateItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final CreateItem createItem;
    private final IdempotentRequests idempotentRequests;
    private final ItemsApplication application;
    /**
     * Built once: a lambda's class is made the first time its expression runs, so the requests and the priming share
     * this one, made at init (not on the first request after a SnapStart restore).
     */
    private final Route route;

    private final Priming priming;

    public CreateItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    CreateItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.createItem = application.createItem();
        this.idempotentRequests = application.idempotentRequests();
        this.application = application;
        this.route = request -> answer(request, this::create);
        this.priming = Priming.register("CreateItem", this::prime);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, route);
    }

    private APIGatewayV2HTTPResponse answer(
            ApiRequest request, BiFunction<ApiRequest, ItemContent, APIGatewayV2HTTPResponse> create) {
        // Everything is checked before anything is written: a rejected request leaves no record, not even a key.
        Map<String, Object> document = ItemBodies.jsonObject(request, ItemBodies.CREATE_MEDIA_TYPES);
        ItemContent content = ItemBodies.content(ItemDocument.read(document));
        return IdempotentRequests.keyOf(request)
                .map(key -> ItemRepresentation.replayedInCurrentForm(idempotentRequests.run(
                        request,
                        key,
                        ItemBodies.bytes(request),
                        request.remaining(),
                        digest -> created(createItem.create(request.tenant(), content, digest)))))
                .orElseGet(() -> create.apply(request, content));
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request, ItemContent content) {
        return created(createItem.create(request.tenant(), content));
    }

    private static APIGatewayV2HTTPResponse created(Item item) {
        return ApiResponses.json(
                201,
                ItemRepresentation.of(item),
                Map.of("Location", ItemRepresentation.location(item), "ETag", EntityTags.of(item)));
    }

    /**
     * SnapStart priming: an invalid document, answered 400, then a valid one of a made-up tenant, answered 201 by the
     * same parsing, validation and representation, whose write is made so that it must fail (a put conditioned on the
     * version of an item that does not exist): DynamoDB writes nothing and streams nothing (docs/snapstart.md).
     * Without an Idempotency-Key, so no idempotency record either.
     */
    void prime() {
        APIGatewayV2HTTPResponse invalid = http.prime(
                PrimingRequest.of("POST /v1/items", "/v1/items")
                        .withBody("application/json", ItemsPriming.INVALID_DOCUMENT),
                route);
        Priming.expectStatus("POST /v1/items with an invalid document", 400, invalid.getStatusCode());
        APIGatewayV2HTTPResponse valid = http.prime(
                PrimingRequest.of("POST /v1/items", "/v1/items")
                        .withBody("application/json", ItemsPriming.ITEM_DOCUMENT),
                request -> answer(request, this::createNothing));
        Priming.expectStatus("POST /v1/items", 201, valid.getStatusCode());
        ItemsPriming.writeAnswers();
    }

    private APIGatewayV2HTTPResponse createNothing(ApiRequest request, ItemContent content) {
        Item item = Item.created(ItemsPriming.freshItemId(), content, Instant.now());
        // The write below is refused, so nothing else here parses a successful answer of DynamoDB (its consumed
        // capacity, a number, included) before the first real write: a read of the fresh id, which finds nothing.
        Priming.expect(
                "a read of the fresh id of POST /v1/items",
                Optional.empty(),
                application.getItem().get(request.tenant(), item.id()));
        Priming.expect(
                "the write of POST /v1/items, conditioned to fail",
                false,
                application.replaceAbsentItem(request.tenant(), item));
        return created(item);
    }
}
