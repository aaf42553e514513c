package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class GetItemHandlerTest {
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final GetItemHandler handler = new GetItemHandler(fakes.application);

    @BeforeEach
    void seed() {
        fakes.items.add(new TenantId("acme"), TestItems.sample("Acme's widget"));
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("GetItemFunction")));
    }

    @ParameterizedTest
    @Event(value = "events/http/get-item/valid.json", type = APIGatewayV2HTTPEvent.class)
    void returnsTheItemWithItsETag(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"").containsEntry("API-Version", "1");
        JsonNode item = Json.parse(response.getBody());
        assertThat(item.get("id").asText()).isEqualTo(TestItems.SAMPLE_ID.value());
        assertThat(item.get("name").asText()).isEqualTo("Acme's widget");
        assertThat(item.get("attributes").get("count").asInt()).isEqualTo(1);
        assertThat(item.get("updatedAt").asText()).isEqualTo("2026-11-25T17:00:00Z");
    }

    @ParameterizedTest
    @Event(value = "events/http/get-item/if-none-match.json", type = APIGatewayV2HTTPEvent.class)
    void answers304WhenIfNoneMatchNamesTheCurrentVersion(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(304);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
    }

    @Test
    void answers200WhenIfNoneMatchNamesAnOlderVersion() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-item/if-none-match.json")
                .header("If-None-Match", "\"7\", W/\"0\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(200);
    }

    @Test
    void answers304ToAWeakTagOfTheCurrentVersion() {
        assertThat(call(Requests.from("get-item/if-none-match.json")
                                .header("If-None-Match", "W/\"1\"")
                                .event())
                        .getStatusCode())
                .isEqualTo(304);
    }

    @ParameterizedTest
    @Event(value = "events/http/get-item/if-match.json", type = APIGatewayV2HTTPEvent.class)
    void answers412WithTheCurrentETagWhenIfMatchNamesAnotherVersion(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
    }

    @Test
    void ifMatchIsEvaluatedBeforeIfNoneMatchAndAWeakTagNeverMatches() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-item/valid.json")
                .header("If-Match", "\"2\", W/\"1\"")
                .header("If-None-Match", "\"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/precondition-failed");
    }

    @Test
    void answersWhenIfMatchNamesTheCurrentVersionOrIsStarThenEvaluatesIfNoneMatch() {
        for (String ifMatch : List.of("\"1\"", "\"7\", \"1\"", "*")) {
            assertThat(call(Requests.from("get-item/valid.json")
                                    .header("If-Match", ifMatch)
                                    .event())
                            .getStatusCode())
                    .as(ifMatch)
                    .isEqualTo(200);
        }
        assertThat(call(Requests.from("get-item/if-none-match.json")
                                .header("If-Match", "\"1\"")
                                .event())
                        .getStatusCode())
                .isEqualTo(304);
    }

    @Test
    void rejectsAMalformedIfNoneMatchNamingItWhetherOrNotTheItemExists() {
        for (String id : List.of(TestItems.SAMPLE_ID.value(), "01JDX5Q0A8Z4M6TB3N7R9WVKHF")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("get-item/valid.json")
                    .itemId(id)
                    .header("If-None-Match", "x")
                    .event());

            assertThat(response.getStatusCode()).as(id).isEqualTo(400);
            assertThat(Json.firstErrorField(response.getBody())).isEqualTo("If-None-Match");
        }
    }

    @Test
    void rejectsAMalformedIfMatchNamingItWhetherOrNotTheItemExists() {
        for (String id : List.of(TestItems.SAMPLE_ID.value(), "01JDX5Q0A8Z4M6TB3N7R9WVKHF")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("get-item/valid.json")
                    .itemId(id)
                    .header("If-Match", "1")
                    .event());

            assertThat(response.getStatusCode()).as(id).isEqualTo(400);
            assertThat(Json.firstErrorField(response.getBody())).isEqualTo("If-Match");
        }
    }

    @Test
    void answers404ForNoSuchItemWhateverIfMatchSays() {
        assertThat(call(Requests.from("get-item/valid.json")
                                .itemId("01JDX5Q0A8Z4M6TB3N7R9WVKHF")
                                .header("If-Match", "\"1\"")
                                .event())
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void rejectsAMalformedIfNoneMatch() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-item/if-none-match.json")
                .header("If-None-Match", "1")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("If-None-Match");
    }

    @Test
    void rejectsAnIfNoneMatchLongerThanTheContractAllows() {
        APIGatewayV2HTTPResponse response = call(Requests.from("get-item/if-none-match.json")
                .header("If-None-Match", "\"" + "1".repeat(1023) + "\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("If-None-Match");
    }

    @Test
    void returns404ForAnotherTenantsItem() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("get-item/valid.json").tenant("globex").event());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(response.getBody()).doesNotContain("Acme");
    }

    @ParameterizedTest
    @Event(value = "events/http/get-item/not-an-item-id.json", type = APIGatewayV2HTTPEvent.class)
    void returns404ForAPathThatIsNoItemId(APIGatewayV2HTTPEvent event) {
        assertThat(call(event).getStatusCode()).isEqualTo(404);
    }

    @Test
    void answers403WithoutATenantClaim() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("get-item/valid.json").tenant("").event());

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(fakes.metrics.recorded())
                .singleElement()
                .satisfies(recorded -> assertThat(recorded.problemType()).contains("forbidden"));
    }
}
