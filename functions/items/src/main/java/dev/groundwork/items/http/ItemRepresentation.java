package dev.groundwork.items.http;

import dev.groundwork.items.domain.Item;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An item as the API shows it: {@code {"id","name","attributes","tags","version","createdAt","updatedAt"}}, its
 * attributes' keys in order at every depth. One version of an item is one representation, byte for byte, whichever
 * route answers with it, as its strong {@code ETag} promises (RFC 9110 §8.8.1): a write answers the keys in the order
 * the client sent them, a read in the order DynamoDB returns them, which it does not keep.
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
