package dev.groundwork.items;

import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.items.dynamodb.ItemRecords;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.PrimingAnswers;
import dev.groundwork.platform.dynamodb.TenantKeys;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * What the item functions' SnapStart primers share: ids no item has, and the body of a valid item. The primers
 * themselves sit in each handler, next to the route they prime.
 */
public final class ItemsPriming {
    /**
     * An entity tag that is no version of an item, for a priming's {@code If-None-Match}: it refuses no version, so
     * the priming's answers stay what they are without it, and reading the header is in the snapshot.
     */
    public static final String NO_VERSION_TAG = "\"snapstart-priming\"";

    /** A valid item document, as a client would send it to {@code POST /v1/items}. */
    public static final String ITEM_DOCUMENT =
            "{\"name\":\"Priming widget\",\"attributes\":{\"color\":\"blue\",\"size\":3,\"inStock\":true},"
                    + "\"tags\":[\"priming\"]}";

    /**
     * A document that breaks a rule of each kind a field is named by: an empty name, a tag that is not a string, a
     * number DynamoDB cannot hold inside an attribute ({@code attributes.size[0]}), and a field an item does not have.
     */
    public static final String INVALID_DOCUMENT =
            "{\"name\":\"\",\"tags\":[7],\"attributes\":{\"size\":[1e999]},\"owner\":\"x\"}";

    private ItemsPriming() {}

    /**
     * An item of a made-up tenant as a read finds it, in memory: built, turned into the record DynamoDB stores, handed
     * over as the SDK hands over a found item, and read back. So that a priming whose read finds nothing still maps
     * a found item. Its colour is not {@link #ITEM_DOCUMENT}'s: a priming's PATCH of it changes it, and so takes the
     * write path (a patch that changes nothing writes nothing).
     */
    public static Item asFound(TenantId tenant) {
        return asFound(tenant, freshItemId());
    }

    /** {@link #asFound(TenantId)}, with the id given. */
    public static Item asFound(TenantId tenant, ItemId id) {
        Item item = Item.created(
                id,
                new ItemContent(
                        "Priming widget",
                        Map.of("color", "green", "size", BigDecimal.valueOf(3), "inStock", true),
                        List.of("priming")),
                Instant.now());
        Map<String, AttributeValue> found = GetItemResponse.builder()
                .item(ItemRecords.toRecord(tenant, item))
                .build()
                .item();
        return ItemRecords.fromRecord(found);
    }

    /**
     * A page of two items of a made-up tenant as a query finds them, in memory: handed over as the SDK hands over a
     * query's page (with the key to go on from), and read back. So that a priming whose query finds nothing still maps
     * found items.
     */
    public static List<Item> asFoundPage(TenantId tenant) {
        List<Map<String, AttributeValue>> records =
                List.of(ItemRecords.toRecord(tenant, asFound(tenant)), ItemRecords.toRecord(tenant, asFound(tenant)));
        QueryResponse page = QueryResponse.builder()
                .items(records)
                .lastEvaluatedKey(Map.of(
                        TenantKeys.PK, records.get(1).get(TenantKeys.PK),
                        TenantKeys.SK, records.get(1).get(TenantKeys.SK)))
                .build();
        return page.items().stream().map(ItemRecords::fromRecord).toList();
    }

    /**
     * What DynamoDB answers a put that succeeds, with the consumed capacity the item store asks for, built in memory as
     * the SDK builds it from an answer: every put of a priming is refused, so without this the first create or update
     * after a restore loads these classes (and their field accessors, about 45 classes). The delete route's priming
     * gets a real answer instead ({@code DynamoDbItems#removeNothing}).
     */
    public static void writeAnswers() {
        PutItemResponse.builder()
                .consumedCapacity(PrimingAnswers.consumedCapacity("snapstart-priming", 1.0))
                .build()
                .consumedCapacity();
    }

    /** A fresh ULID of 80 random bits, drawn for this priming: no item has it. */
    public static ItemId freshItemId() {
        return new UlidGenerator(Clock.systemUTC(), new SecureRandom()).next();
    }
}
