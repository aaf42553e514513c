package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which attributes a secondary index holds: ALL, KEYS_ONLY (table and index keys) or INCLUDE (keys and the named ones). */
public record IndexProjection(String type, List<String> nonKeyAttributes) {

    public IndexProjection {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }

    public boolean isAll() {
        return type.equals("ALL");
    }

    Map<String, AttributeValue> apply(Map<String, AttributeValue> item, KeySchema table, KeySchema index) {
        if (isAll()) return item;
        Map<String, AttributeValue> projected = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (table.isKeyAttribute(name) || index.isKeyAttribute(name) || nonKeyAttributes.contains(name))
                projected.put(name, value);
        });
        return projected;
    }

    public boolean covers(String attribute, KeySchema table, KeySchema index) {
        return isAll()
                || table.isKeyAttribute(attribute)
                || index.isKeyAttribute(attribute)
                || nonKeyAttributes.contains(attribute);
    }
}
