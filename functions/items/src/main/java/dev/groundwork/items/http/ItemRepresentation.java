package dev.groundwork.items.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.items.domain.Item;
import dev.groundwork.platform.http.ApiJson;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item as the API shows it: {@code {"id","name","attributes","tags","version","createdAt","updatedAt"}}, its
 * attributes' keys in order at every depth (by UTF-16 code units, as RFC 8785 orders them). One version of an item is
 * one representation, byte for byte, whichever route answers with it, as its strong {@code ETag} promises (RFC 9110
 * §8.8.1): otherwise a write would answer the keys in the order the client sent them, and a read in the order DynamoDB
 * returns them, which it does not keep.
 */
public final class ItemRepresentation {
    private ItemRepresentation() {}

    public static Map<String, Object> of(Item item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id().value());
        json.put("name", item.content().name());
        json.put("attributes", inKeyOrder(item.content().attributes()));
        json.put("tags", item.content().tags());
        json.put("version", item.version());
        json.put("createdAt", item.createdAt().toString());
        json.put("updatedAt", item.updatedAt().toString());
        return json;
    }

    /**
     * An answer replayed from an {@code Idempotency-Key}'s record, its item in today's form. A record kept from before
     * 2026-12-07 (for at most 25 hours) holds the item as it was answered then, numbers and keys as the client sent
     * them: bytes that no read of the item answers under the same {@code ETag}.
     */
    public static APIGatewayV2HTTPResponse replayedInCurrentForm(APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != 201
                || response.getHeaders() == null
                || !"true".equals(response.getHeaders().get(IdempotentRequests.REPLAYED))) {
            return response;
        }
        Map<String, Object> item = ApiJson.readObject(response.getBody().getBytes(StandardCharsets.UTF_8));
        item.computeIfPresent("attributes", (key, attributes) -> inKeyOrder(attributes));
        response.setBody(ApiJson.write(item));
        return response;
    }

    private static Object inKeyOrder(Object value) {
        return switch (value) {
            case Map<?, ?> object -> {
                Map<String, Object> ordered = new TreeMap<>();
                object.forEach((key, element) -> ordered.put((String) key, inKeyOrder(element)));
                yield ordered;
            }
            case List<?> array ->
                array.stream().map(ItemRepresentation::inKeyOrder).toList();
            case null, default -> value;
        };
    }

    public static List<Map<String, Object>> of(List<Item> items) {
        return items.stream().map(ItemRepresentation::of).toList();
    }

    /** {@code /v1/items/{id}}, the item's address for {@code Location}. */
    public static String location(Item item) {
        return "/v1/items/" + item.id().value();
    }
}
