package dev.groundwork.items;

import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.UlidGenerator;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What the item functions' SnapStart primers share: ids no item has, and the body of a valid item. The primers
 * themselves sit in each handler, next to the route they prime.
 */
public final class ItemsPriming {
    /** A valid item document, as a client would send it to {@code POST /v1/items}. */
    public static final String ITEM_DOCUMENT =
            "{\"name\":\"Priming widget\",\"attributes\":{\"color\":\"blue\",\"size\":3,\"inStock\":true},"
                    + "\"tags\":[\"priming\"]}";

    /** A document that breaks two rules: an empty name and a tag that is not a string. */
    public static final String INVALID_DOCUMENT = "{\"name\":\"\",\"tags\":[7]}";

    private ItemsPriming() {}

    /** A fresh ULID of 80 random bits, drawn for this priming: no item has it. */
    public static ItemId freshItemId() {
        return new UlidGenerator(Clock.systemUTC(), new SecureRandom()).next();
    }
}
