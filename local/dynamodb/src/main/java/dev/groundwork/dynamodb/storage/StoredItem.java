package dev.groundwork.dynamodb.storage;

import dev.groundwork.dynamodb.model.AttributeValue;
import dev.groundwork.dynamodb.model.ItemSize;
import dev.groundwork.dynamodb.model.Json;
import java.util.Map;

/**
 * One item as the table keeps it: its canonical DynamoDB JSON text and its size by AWS's rules. Text is several times
 * smaller than a graph of attribute objects, and a read without a projection answers it as it is, without encoding.
 */
public final class StoredItem {
    public final String json;
    public final int size;

    private StoredItem(String json, int size) {
        this.json = json;
        this.size = size;
    }

    static StoredItem of(Map<String, AttributeValue> item) {
        return of(item, ItemSize.of(item));
    }

    /** With the item's size already measured (a put checks it against the limit first). */
    static StoredItem of(Map<String, AttributeValue> item, long size) {
        return new StoredItem(Json.itemText(item), (int) size);
    }

    public Map<String, AttributeValue> decode() {
        return Json.itemFromText(json);
    }
}
