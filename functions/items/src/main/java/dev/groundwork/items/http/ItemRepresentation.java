package dev.groundwork.items.http;

import dev.groundwork.items.domain.Item;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An item as the API shows it: {@code {"id","name","attributes","tags","version","createdAt","updatedAt"}}. */
public final class ItemRepresentation {
    private ItemRepresentation() {}

    public static Map<String, Object> of(Item item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", item.id().value());
        json.put("name", item.content().name());
        json.put("attributes", item.content().attributes());
        json.put("tags", item.content().tags());
        json.put("version", item.version());
        json.put("createdAt", item.createdAt().toString());
        json.put("updatedAt", item.updatedAt().toString());
        return json;
    }

    public static List<Map<String, Object>> of(List<Item> items) {
        return items.stream().map(ItemRepresentation::of).toList();
    }

    /** {@code /v1/items/{id}}, the item's address for {@code Location}. */
    public static String location(Item item) {
        return "/v1/items/" + item.id().value();
    }
}
