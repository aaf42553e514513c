package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.dynamodb.TableAccess;
import dev.groundwork.platform.idempotency.DynamoDbIdempotencyRecords;
import dev.groundwork.platform.idempotency.IdempotencyKey;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.DynamoDbTarget;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import dev.groundwork.platform.testing.TestTable;
import dev.groundwork.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

@ParameterizedClass
@EnumSource(DynamoDbTarget.class)
class ListItemsHandlerIT {
    private final DynamoDbTarget target;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T18:00:00Z"));
    private final UlidGenerator ids = new UlidGenerator(clock, new Random(42));
    private TestTable table;
    private DynamoDbItems items;
    private ListItemsHandler handler;

    ListItemsHandlerIT(DynamoDbTarget target) {
        this.target = target;
    }

    @BeforeEach
    void freshTable() {
        table = target.freshTable();
        items = new DynamoDbItems(table.client(), table.name(), TableAccess.asFunction());
        handler = new ListItemsHandler(ItemsApplication.fromEnvironment(table.environment()));
    }

    private Item add(String tenant, String name) {
        clock.advance(Duration.ofMillis(1));
        Item item = Item.created(ids.next(), new ItemContent(name, Map.of(), List.of()), clock.instant());
        items.add(new TenantId(tenant), item);
        return item;
    }

    private JsonNode page(String tenant, String cursor) {
        Requests request = Requests.from("list-items/limit-7.json").tenant(tenant);
        if (cursor != null) {
            request.query("cursor", cursor);
        }
        APIGatewayV2HTTPResponse response = Contract.checked(
                request.event(), handler.handleRequest(request.event(), new TestContext("ListItemsFunction")));
        assertThat(response.getStatusCode()).isEqualTo(200);
        return Json.parse(response.getBody());
    }

    @Test
    void pages250ItemsAtLimit7ReturningEachOnceNewestFirst() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            created.add(add("acme", "item " + i).id().value());
        }
        add("globex", "not acme's");

        List<String> listed = new ArrayList<>();
        int pages = 0;
        String cursor = null;
        do {
            JsonNode page = page("acme", cursor);
            assertThat(page.get("items").size()).isLessThanOrEqualTo(7);
            page.get("items").forEach(item -> listed.add(item.get("id").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(36); // 35 full pages and one of 5
        assertThat(listed).hasSize(250).doesNotHaveDuplicates();
        assertThat(listed).isEqualTo(created.reversed());
    }

    @Test
    void returnsEveryItemOnceWhenItemsAreCreatedBetweenPages() {
        Set<String> before = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            before.add(add("acme", "item " + i).id().value());
        }
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = page("acme", cursor);
            page.get("items").forEach(item -> listed.add(item.get("id").asText()));
            add("acme", "created while paging");
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(listed).doesNotHaveDuplicates().containsAll(before);
    }

    @Test
    void neverListsAnotherTenantsItemsEvenWithTheSameIds() {
        items.add(new TenantId("acme"), TestItems.sample("Acme's widget"));
        items.add(new TenantId("globex"), TestItems.sample("Globex's widget"));

        JsonNode acme = page("acme", null);
        JsonNode initech = page("initech", null);

        assertThat(acme.get("items"))
                .singleElement()
                .satisfies(item -> assertThat(item.get("name").asText()).isEqualTo("Acme's widget"));
        assertThat(initech.get("items")).isEmpty();
    }

    @Test
    void refusesACursorPresentedByAnotherTenant() {
        for (int i = 0; i < 8; i++) {
            add("acme", "item " + i);
            add("globex", "globex item " + i);
        }
        String acmeCursor = page("acme", null).get("nextCursor").asText();

        var request = Requests.from("list-items/limit-7.json")
                .tenant("globex")
                .query("cursor", acmeCursor)
                .event();
        APIGatewayV2HTTPResponse response =
                Contract.checked(request, handler.handleRequest(request, new TestContext("ListItemsFunction")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).doesNotContain("item");
    }

    @Test
    void doesNotListIdempotencyRecords() {
        add("acme", "the only item");
        // An idempotency record lives in the same partition; the list must skip it.
        new DynamoDbIdempotencyRecords(table.client(), table.name(), TableAccess.asFunction(), Duration.ofHours(25))
                .claim(
                        new TenantId("acme"),
                        new IdempotencyKey("k-1"),
                        "fingerprint",
                        clock.instant(),
                        clock.instant().plusSeconds(10));

        assertThat(page("acme", null).get("items")).hasSize(1);
    }
}
