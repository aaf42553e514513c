package dev.groundwork.items.testing;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Items for tests to seed, with chosen ids: two tenants can hold the very same id. */
public final class TestItems {
    /** The id the sample events of {@code events/http/} name. */
    public static final ItemId SAMPLE_ID = new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE");

    private TestItems() {}

    public static Item item(ItemId id, String name) {
        Instant at = Instant.parse("2026-11-25T17:00:00Z");
        return Item.created(
                id, new ItemContent(name, Map.of("color", "blue", "count", BigDecimal.ONE), List.of("widgets")), at);
    }

    public static Item sample(String name) {
        return item(SAMPLE_ID, name);
    }
}
