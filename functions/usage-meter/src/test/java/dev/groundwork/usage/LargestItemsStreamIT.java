package dev.groundwork.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemDocument;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.runtime.EventJson;
import dev.groundwork.platform.testing.LocalCloud;
import dev.groundwork.platform.testing.StreamPoller;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The largest items the input model accepts, of the values that grow most on their way out of DynamoDB, make stream
 * records that Lambda can hand the relay: its event for one record, both images of a change included, stays within the
 * 6 MB a function is handed (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). A record over it
 * could never be delivered, and every tenant's changes on its shard would wait behind it.
 */
class LargestItemsStreamIT {
    /** Lambda's limit on a synchronous invocation's payload, which is how an event source mapping invokes. */
    private static final int MAX_EVENT_BYTES = 6 * 1024 * 1024;

    private static final TenantId ACME = new TenantId("acme");

    /**
     * The values that take the most characters in a stream record per byte the item is counted at: a boolean in a list
     * (counted 2 bytes, written {@code {"BOOL":false},}), a null (2, {@code {"NULL":true},}), an empty string (2,
     * {@code {"S":""},}), a string of one control character (2, {@code {"S":"\u0001"},}), a map of control-character keys
     * ({@code "\u0001":{"BOOL":false},} for 3), control characters in a string (1, a six-character escape) and a number
     * written out in full (counted as its 126 digits).
     */
    private static final Map<String, IntFunction<Object>> WORST_VALUES = Map.of(
            "booleans", n -> Collections.nCopies(n, Boolean.FALSE),
            "nulls", n -> Collections.nCopies(n, null),
            "empty strings", n -> Collections.nCopies(n, ""),
            "strings of one control character", n -> Collections.nCopies(n, "\u0001"),
            "maps of control-character keys", n -> Collections.nCopies(n, controlKeys()),
            "control characters", n -> "\u0001".repeat(n),
            "numbers 1e125", n -> Collections.nCopies(n, new BigDecimal("1e125")));

    /** A map of the 31 keys that are one control character each, every value false. */
    private static Map<String, Object> controlKeys() {
        Map<String, Object> keys = new java.util.LinkedHashMap<>();
        for (char control = 1; control < 0x20; control++) {
            keys.put(String.valueOf(control), Boolean.FALSE);
        }
        return keys;
    }

    @Test
    void theLargestItemsOfTheValuesThatGrowMostMakeStreamEventsLambdaCanDeliver() throws Exception {
        LocalCloud cloud = LocalCloud.get();
        String table = cloud.table("largest", true);
        DynamoDbItems items = new DynamoDbItems(cloud.dynamoDb(), table, TableAccess.asFunction());
        StreamPoller stream = new StreamPoller(cloud, table, 1);
        int n = 0;
        for (var worst : WORST_VALUES.entrySet()) {
            ItemContent largest = largestAccepted(worst.getValue());
            Item created =
                    Item.created(new ItemId(String.format("01JDX5Q0A8Z4M6TB3N7R9WV%03d", ++n)), largest, Instant.EPOCH);
            items.add(ACME, created);
            // a change from one such item to another: the record carries both images
            assertThat(items.replace(ACME, created.revised(largest, Instant.EPOCH), created.version()))
                    .isTrue();
        }

        List<Integer> eventSizes = new ArrayList<>();
        stream.drain(event -> eventSizes.add(asLambdaHandsIt(event).length));

        assertThat(eventSizes)
                .hasSize(2 * WORST_VALUES.size())
                .allSatisfy(size -> assertThat(size).isLessThan(MAX_EVENT_BYTES));
        assertThat(Collections.max(eventSizes))
                .as("the worst case is near the limit, or this test would not be measuring it")
                .isGreaterThan(4 * 1024 * 1024);
    }

    /** The item with as many of the value as the input model accepts: one more and it is too large. */
    private static ItemContent largestAccepted(IntFunction<Object> values) {
        int low = 1;
        int high = (int) ItemDocument.MAX_ITEM_BYTES;
        while (low < high) {
            int middle = (low + high + 1) >>> 1;
            if (accepted(content(values.apply(middle)))) {
                low = middle;
            } else {
                high = middle - 1;
            }
        }
        ItemContent largest = content(values.apply(low));
        assertThat(ItemDocument.storedSize(largest)).isGreaterThan(ItemDocument.MAX_ITEM_BYTES - 200);
        return largest;
    }

    private static ItemContent content(Object value) {
        return new ItemContent("largest", Map.of("value", value), List.of());
    }

    private static boolean accepted(ItemContent content) {
        return ItemDocument.read(ItemDocument.of(content)) instanceof ItemDocument.Valid;
    }

    /** The event as the relay is handed it: Lambda's JSON for one record. */
    private static byte[] asLambdaHandsIt(DynamodbEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        new EventJson().toJson(event, json, DynamodbEvent.class);
        return json.toByteArray();
    }
}
