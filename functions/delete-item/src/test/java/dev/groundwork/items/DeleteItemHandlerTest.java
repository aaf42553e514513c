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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class DeleteItemHandlerTest {
    private static final TenantId ACME = new TenantId("acme");
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final DeleteItemHandler handler = new DeleteItemHandler(fakes.application);

    @BeforeEach
    void seedAnItemAtVersion2() {
        var item = TestItems.sample("Acme's widget");
        fakes.items.add(ACME, item);
        fakes.items.replace(ACME, item.revised(item.content(), Instant.EPOCH), 1);
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("DeleteItemFunction")));
    }

    private APIGatewayV2HTTPResponse deleteWithIfMatch(String ifMatch) {
        return call(Requests.from("delete-item/valid.json")
                .header("If-Match", ifMatch)
                .event());
    }

    @ParameterizedTest
    @Event(value = "events/http/delete-item/valid.json", type = APIGatewayV2HTTPEvent.class)
    void deletesWith204AndNoBody(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(204);
        assertThat(response.getBody()).isNull();
        assertThat(response.getHeaders()).containsEntry("API-Version", "1");
        assertThat(fakes.items.count(ACME)).isZero();
    }

    @Test
    void answers404TheSecondTime() {
        call(Requests.from("delete-item/valid.json").event());

        APIGatewayV2HTTPResponse again =
                call(Requests.from("delete-item/valid.json").event());

        assertThat(again.getStatusCode()).isEqualTo(404);
        assertThat(Json.parse(again.getBody()).get("type").asText())
                .isEqualTo("https://groundwork.dev/problems/not-found");
    }

    @Test
    void returns404ForAnotherTenantsItemAndKeepsIt() {
        assertThat(call(Requests.from("delete-item/valid.json").tenant("globex").event())
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(fakes.items.count(ACME)).isEqualTo(1);
    }

    @Test
    void returns404ForAnIdThatIsNoUlid() {
        assertThat(call(Requests.from("delete-item/valid.json")
                                .itemId("01jdx5q0a8z4m6tb3n7r9wvkhe")
                                .event())
                        .getStatusCode())
                .isEqualTo(404);
        assertThat(fakes.items.count(ACME)).isEqualTo(1);
    }

    @Test
    void deletesWhenIfMatchNamesTheCurrentVersionOrAnyTagOfAListDoes() {
        assertThat(deleteWithIfMatch("\"1\", \"2\"").getStatusCode()).isEqualTo(204);
        assertThat(fakes.items.count(ACME)).isZero();
    }

    @Test
    void deletesWhateverTheVersionWithIfMatchStar() {
        assertThat(deleteWithIfMatch("*").getStatusCode()).isEqualTo(204);
        assertThat(fakes.items.count(ACME)).isZero();
    }

    @Test
    void answers412WithTheCurrentETagAndKeepsTheItemWhenIfMatchIsStale() {
        for (String stale : List.of("\"1\"", "W/\"2\"", "\"02\"", "\"abc\"", "\"1\", W/\"2\", \"3\"")) {
            APIGatewayV2HTTPResponse response = deleteWithIfMatch(stale);

            assertThat(response.getStatusCode()).as(stale).isEqualTo(412);
            assertThat(response.getHeaders())
                    .containsEntry("Content-Type", "application/problem+json")
                    .containsEntry("ETag", "\"2\"");
            JsonNode problem = Json.parse(response.getBody());
            assertThat(problem.get("type").asText()).isEqualTo("https://groundwork.dev/problems/precondition-failed");
            assertThat(problem.get("detail").asText()).contains("version 2");
        }
        assertThat(fakes.items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
    }

    @Test
    void answers400NamingIfMatchForAMalformedOneAndKeepsTheItem() {
        for (String malformed : List.of("2", "\"2", "*, \"2\"", "", "\"2\" \"3\"", "\"2\", ".repeat(10) + "\"2\"")) {
            APIGatewayV2HTTPResponse response = deleteWithIfMatch(malformed);

            assertThat(response.getStatusCode()).as(malformed).isEqualTo(400);
            JsonNode problem = Json.parse(response.getBody());
            assertThat(problem.get("type").asText()).isEqualTo("https://groundwork.dev/problems/validation-error");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
        }
        assertThat(fakes.items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();
    }

    @Test
    void ifNoneMatchIsAPreconditionToo412WhenItNamesTheCurrentVersionWeaklyOrIsStarAndTheItemIsKept() {
        for (String refusing : List.of("*", "\"2\"", "W/\"2\"", "\"1\", W/\"2\"")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("delete-item/valid.json")
                    .header("If-None-Match", refusing)
                    .event());

            assertThat(response.getStatusCode()).as(refusing).isEqualTo(412);
            assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
        }
        assertThat(fakes.items.findLatest(ACME, TestItems.SAMPLE_ID)).isPresent();

        assertThat(call(Requests.from("delete-item/valid.json")
                                .header("If-None-Match", "\"1\", \"abc\"")
                                .event())
                        .getStatusCode())
                .isEqualTo(204);
        assertThat(fakes.items.count(ACME)).isZero();
        // no item: a 404, whatever the precondition (RFC 9110, section 13.2.1)
        assertThat(call(Requests.from("delete-item/valid.json")
                                .header("If-None-Match", "*")
                                .event())
                        .getStatusCode())
                .isEqualTo(404);
    }

    @Test
    void answers404NotAPreconditionForAnotherTenantsItemWithIfMatch() {
        APIGatewayV2HTTPResponse response = call(Requests.from("delete-item/valid.json")
                .tenant("globex")
                .header("If-Match", "\"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(fakes.items.count(ACME)).isEqualTo(1);
    }
}
