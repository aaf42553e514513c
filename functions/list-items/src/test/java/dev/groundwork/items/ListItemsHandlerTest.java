package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.domain.PageCursors;
import dev.groundwork.items.domain.UlidGenerator;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.tenancy.TenantScope;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListItemsHandlerTest {
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final ListItemsHandler handler = new ListItemsHandler(fakes.application);

    @BeforeEach
    void seedTenItems() {
        for (int i = 0; i < 10; i++) {
            fakes.items.add(
                    new TenantId("acme"),
                    TestItems.item(new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVK" + i + "0"), "item " + i));
        }
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("ListItemsFunction")));
    }

    @ParameterizedTest
    @Event(value = "events/http/list-items/first-page.json", type = APIGatewayV2HTTPEvent.class)
    void listsNewestFirstWithTheDefaultLimit(APIGatewayV2HTTPEvent event) {
        JsonNode page = Json.parse(call(event).getBody());

        assertThat(page.get("items")).hasSize(10);
        assertThat(page.get("items").get(0).get("name").asText()).isEqualTo("item 9");
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @Event(value = "events/http/list-items/limit-7.json", type = APIGatewayV2HTTPEvent.class)
    void pagesWithACursorThatLeadsToTheRest(APIGatewayV2HTTPEvent event) {
        JsonNode first = Json.parse(call(event).getBody());
        String cursor = first.get("nextCursor").asText();
        JsonNode second = Json.parse(call(Requests.from("list-items/limit-7.json")
                        .query("cursor", cursor)
                        .event())
                .getBody());

        assertThat(first.get("items")).hasSize(7);
        assertThat(second.get("items")).hasSize(3);
        assertThat(second.get("items").get(0).get("name").asText()).isEqualTo("item 2");
        assertThat(second.get("nextCursor").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "seven", "7.5", "", "99999999999", "+1", "007", "\u0663", " 7"})
    void rejectsALimitOutsideOneToHundred(String limit) {
        APIGatewayV2HTTPResponse response = call(
                Requests.from("list-items/limit-7.json").query("limit", limit).event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("limit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"limit=7&limit=7", "limit=1&cursor=x&limit=2", "lim%69t=3&limit=4"})
    void rejectsAParameterGivenTwiceSayingSo(String rawQuery) {
        // API Gateway hands over a repeated parameter's values joined with a comma.
        APIGatewayV2HTTPEvent event =
                Requests.from("list-items/limit-7.json").query("limit", "7,7").event();
        event.setRawQueryString(rawQuery);

        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("limit");
        assertThat(error.get("message").asText()).isEqualTo("is given more than once; give it once");
    }

    @ParameterizedTest
    @Event(value = "events/http/list-items/tampered-cursor.json", type = APIGatewayV2HTTPEvent.class)
    void rejectsACursorItDidNotIssue(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/invalid-cursor");
    }

    @Test
    void aCursorIssuedBeforeAKeyRotationPagesOnAfterItAndOneTwoRotationsOldIsAnInvalidCursor() {
        // given a cursor issued under the first key
        byte[] second = "the-second-cursor-key-of-32-bytes-or-more".getBytes(StandardCharsets.US_ASCII);
        byte[] third = "the-third-cursor-key-of-32-bytes-or-more!".getBytes(StandardCharsets.US_ASCII);
        String issuedBefore = Json.parse(
                        call(Requests.from("list-items/limit-7.json").event()).getBody())
                .get("nextCursor")
                .asText();

        // when the key rotates once, and then once more
        ListItemsHandler rotatedOnce =
                handlerWith(new PageCursors(second, Optional.of(InMemoryApplication.CURSOR_KEY)));
        ListItemsHandler rotatedTwice = handlerWith(new PageCursors(third, Optional.of(second)));
        APIGatewayV2HTTPEvent next = Requests.from("list-items/limit-7.json")
                .query("cursor", issuedBefore)
                .event();
        String forged = issuedBefore.substring(0, issuedBefore.length() - 1) + (issuedBefore.endsWith("A") ? "B" : "A");
        APIGatewayV2HTTPEvent withForged =
                Requests.from("list-items/limit-7.json").query("cursor", forged).event();

        // then the cursor pages on after one rotation, not after two, and a forged one never does
        APIGatewayV2HTTPResponse afterOne =
                Contract.checked(next, rotatedOnce.handleRequest(next, new TestContext("ListItemsFunction")));
        assertThat(afterOne.getStatusCode()).isEqualTo(200);
        assertThat(Json.parse(afterOne.getBody()).get("items")).hasSize(3);
        APIGatewayV2HTTPResponse afterTwo =
                Contract.checked(next, rotatedTwice.handleRequest(next, new TestContext("ListItemsFunction")));
        assertThat(afterTwo.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(afterTwo.getBody()).get("type").asText()).endsWith("/invalid-cursor");
        APIGatewayV2HTTPResponse forgedAnswer = Contract.checked(
                withForged, rotatedOnce.handleRequest(withForged, new TestContext("ListItemsFunction")));
        assertThat(forgedAnswer.getStatusCode()).isEqualTo(400);
    }

    /** The list function over the same items, its cursors keyed as a rotation leaves them. */
    private ListItemsHandler handlerWith(PageCursors cursors) {
        return new ListItemsHandler(new ItemsApplication(
                "tenant_id",
                fakes.items,
                fakes.idempotencyRecords,
                cursors,
                new UlidGenerator(fakes.clock, new Random(7)),
                fakes.clock,
                fakes.metrics,
                TenantScope.IN_MEMORY,
                fakes.items::removeNothing));
    }

    @Test
    void rejectsAnotherTenantsCursor() {
        String cursor = Json.parse(
                        call(Requests.from("list-items/limit-7.json").event()).getBody())
                .get("nextCursor")
                .asText();

        APIGatewayV2HTTPResponse response = call(Requests.from("list-items/limit-7.json")
                .tenant("globex")
                .query("cursor", cursor)
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody()).doesNotContain("item");
    }

    @Test
    void rejectsATruncatedOrEditedCursor() {
        String cursor = Json.parse(
                        call(Requests.from("list-items/limit-7.json").event()).getBody())
                .get("nextCursor")
                .asText();
        char last = cursor.charAt(cursor.length() - 1);
        String edited = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');

        assertThat(call(Requests.from("list-items/limit-7.json")
                                .query("cursor", cursor.substring(1))
                                .event())
                        .getStatusCode())
                .isEqualTo(400);
        assertThat(call(Requests.from("list-items/limit-7.json")
                                .query("cursor", edited)
                                .event())
                        .getStatusCode())
                .isEqualTo(400);
    }

    @Test
    void endsAPageOfLargeItemsEarlyWithACursorSoTheAnswerStaysWithinLambdasLimit() {
        TenantId globex = new TenantId("globex");
        for (int i = 0; i < 6; i++) {
            fakes.items.add(
                    globex,
                    Item.created(
                            new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVM" + i + "0"),
                            new ItemContent("big " + i, Map.of("blob", "\u0001".repeat(300 * 1024)), List.of()),
                            Instant.EPOCH));
        }
        List<String> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Requests request =
                    Requests.from("list-items/first-page.json").tenant("globex").query("limit", "100");
            if (cursor != null) {
                request.query("cursor", cursor);
            }
            APIGatewayV2HTTPResponse response = call(request.event());
            assertThat(response.getBody().length()).isLessThan(3 * 1024 * 1024);
            JsonNode page = Json.parse(response.getBody());
            assertThat(page.get("items")).hasSize(1);
            page.get("items").forEach(item -> seen.add(item.get("name").asText()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).containsExactly("big 5", "big 4", "big 3", "big 2", "big 1", "big 0");
    }

    @Test
    void showsAnEmptyPageToATenantWithoutItems() {
        JsonNode page = Json.parse(call(Requests.from("list-items/first-page.json")
                        .tenant("initech")
                        .event())
                .getBody());

        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("nextCursor").isNull()).isTrue();
    }
}
