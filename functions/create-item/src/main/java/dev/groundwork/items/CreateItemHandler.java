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
import dev.groundwork.platform.idempotency.IdempotentRequests;
import java.time.Duration;
import java.util.Map;

/** {@code POST /v1/items}: creates an item; 201 with {@code Location} and {@code ETag}; honours {@code Idempotency-Key}. */
public final class CreateItemHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpFunction http;
    private final CreateItem createItem;
    private final IdempotentRequests idempotentRequests;

    public CreateItemHandler() {
        this(ItemsApplication.fromEnvironment(System.getenv()));
    }

    CreateItemHandler(ItemsApplication application) {
        this.http = application.http();
        this.createItem = application.createItem();
        this.idempotentRequests = application.idempotentRequests();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return http.handle(event, context, request -> {
            // Everything is checked before anything is written: a rejected request leaves no record, not even a key.
            Map<String, Object> document = ItemBodies.jsonObject(request, ItemBodies.CREATE_MEDIA_TYPES);
            ItemContent content = ItemBodies.content(ItemDocument.read(document));
            return IdempotentRequests.keyOf(request)
                    .map(key -> idempotentRequests.run(
                            request,
                            key,
                            ItemBodies.bytes(request),
                            Duration.ofMillis(context.getRemainingTimeInMillis()),
                            () -> create(request, content)))
                    .orElseGet(() -> create(request, content));
        });
    }

    private APIGatewayV2HTTPResponse create(ApiRequest request, ItemContent content) {
        Item item = createItem.create(request.tenant(), content);
        return ApiResponses.json(
                201,
                ItemRepresentation.of(item),
                Map.of("Location", ItemRepresentation.location(item), "ETag", EntityTags.of(item)));
    }
}
