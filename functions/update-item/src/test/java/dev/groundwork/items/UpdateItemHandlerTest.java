package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.items.testing.TestItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class UpdateItemHandlerTest {
    private static final TenantId ACME = new TenantId("acme");
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final UpdateItemHandler handler = new UpdateItemHandler(fakes.application);

    @BeforeEach
    void seed() {
        fakes.items.add(ACME, TestItems.sample("Acme's widget"));
        fakes.clock.advance(Duration.ofMinutes(5));
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("UpdateItemFunction")));
    }

    @ParameterizedTest
    @Event(value = "events/http/update-item/valid.json", type = APIGatewayV2HTTPEvent.class)
    void appliesAMergePatchAndBumpsTheVersion(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
        JsonNode item = Json.parse(response.getBody());
        assertThat(item.get("name").asText()).isEqualTo("Navy widget");
        assertThat(item.get("attributes").get("color").asText()).isEqualTo("navy");
        assertThat(item.get("attributes").get("count").asInt()).isEqualTo(1);
        assertThat(item.get("attributes").has("inStock")).isFalse();
        assertThat(item.get("tags").toString()).isEqualTo("[\"widgets\",\"navy\"]");
        assertThat(item.get("version").asLong()).isEqualTo(2);
        assertThat(item.get("createdAt").asText()).isEqualTo("2026-11-25T17:00:00Z");
        assertThat(item.get("updatedAt").asText()).isEqualTo("2026-11-25T18:05:00Z");
    }

    @ParameterizedTest
    @Event(value = "events/http/update-item/if-match.json", type = APIGatewayV2HTTPEvent.class)
    void appliesThePatchWhenIfMatchNamesTheCurrentVersion(APIGatewayV2HTTPEvent event) {
        assertThat(call(event).getStatusCode()).isEqualTo(200);
    }

    @Test
    void answers412WhenIfMatchIsStale() {
        call(Requests.from("update-item/if-match.json").event());

        APIGatewayV2HTTPResponse stale =
                call(Requests.from("update-item/if-match.json").event());

        assertThat(stale.getStatusCode()).isEqualTo(412);
        assertThat(Json.parse(stale.getBody()).get("type").asText()).endsWith("/precondition-failed");
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(2);
    }

    @Test
    void rejectsAMalformedIfMatchNamingItAndChangesNothing() {
        for (String malformed : List.of("1", "\"1", "*, \"1\"", "\"1\" \"2\"", ",")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("update-item/if-match.json")
                    .header("If-Match", malformed)
                    .event());

            assertThat(response.getStatusCode()).as(malformed).isEqualTo(400);
            JsonNode problem = Json.parse(response.getBody());
            assertThat(problem.get("type").asText()).endsWith("/validation-error");
            assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("If-Match");
        }
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void appliesThePatchWhenAnyTagOfAnIfMatchListIsTheCurrentVersion() {
        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/if-match.json")
                .header("If-Match", "\"7\", W/\"3\", \"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"2\"");
    }

    @Test
    void aWeakTagNeverMatchesSoTheAnswerIs412WithTheCurrentETag() {
        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/if-match.json")
                .header("If-Match", "W/\"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
        assertThat(Json.parse(response.getBody()).get("detail").asText()).contains("version 1");
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void ifNoneMatchIsAPreconditionToo412WhenItNamesTheCurrentVersionWeaklyOrIsStarAndNothingIsWritten() {
        for (String refusing : List.of("*", "\"1\"", "W/\"1\"", "\"7\", W/\"1\"")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("update-item/valid.json")
                    .header("If-None-Match", refusing)
                    .event());

            assertThat(response.getStatusCode()).as(refusing).isEqualTo(412);
            assertThat(response.getHeaders()).containsEntry("ETag", "\"1\"");
        }
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);

        APIGatewayV2HTTPResponse other = call(Requests.from("update-item/valid.json")
                .header("If-None-Match", "\"7\", \"abc\"")
                .event());
        assertThat(other.getStatusCode()).isEqualTo(200);
        assertThat(other.getHeaders()).containsEntry("ETag", "\"2\"");
    }

    @Test
    void ifMatchAndIfNoneMatchMustBothAdmitTheVersion() {
        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/valid.json")
                .header("If-Match", "\"1\"")
                .header("If-None-Match", "\"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(412);
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void refusesAMalformedIfNoneMatchOrOneOfMoreThanTenTagsNamingIt() {
        for (String malformed : List.of("1", "\"1", "*, \"1\"", "", "\"1\", ".repeat(10) + "\"1\"")) {
            APIGatewayV2HTTPResponse response = call(Requests.from("update-item/valid.json")
                    .header("If-None-Match", malformed)
                    .event());

            assertThat(response.getStatusCode()).as(malformed).isEqualTo(400);
            assertThat(Json.parse(response.getBody())
                            .get("errors")
                            .get(0)
                            .get("field")
                            .asText())
                    .isEqualTo("If-None-Match");
        }
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void refusesAnIfMatchOfMoreThanTenTagsNamingIt() {
        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/if-match.json")
                .header("If-Match", "\"1\", ".repeat(10) + "\"1\"")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").get(0).toString())
                .contains("If-Match")
                .contains("at most 10");
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void refusesACompressedPatchWith415NamingContentEncodingAndChangesNothing() {
        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/if-match.json")
                .header("Content-Encoding", "gzip")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Accept-Encoding", "identity");
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).endsWith("/unsupported-content-encoding");
        assertThat(problem.get("detail").asText()).contains("Content-Encoding");
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    @Test
    void treatsIfMatchStarAsAnyCurrentVersion() {
        assertThat(call(Requests.from("update-item/if-match.json")
                                .header("If-Match", "*")
                                .event())
                        .getStatusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @Event(value = "events/http/update-item/read-only-field.json", type = APIGatewayV2HTTPEvent.class)
    void rejectsReadOnlyAndUnknownFieldsAndChangesNothing(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("version", "colour");
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
    }

    /** A patch, too, may take more bytes than what it sets: here 600 KB of escapes for 300 KB of text. */
    @Test
    void appliesAPatchWhoseBodyIsLargerThanAnItemWhileTheItemStaysWithinItsLimit() {
        String patch = "{\"attributes\":{\"text\":\"" + "\\u4e2d".repeat(100_000) + "\"}}";

        APIGatewayV2HTTPResponse response =
                call(Requests.from("update-item/valid.json").body(patch).event());

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(Json.parse(response.getBody()).at("/attributes/text").asText())
                .isEqualTo("中".repeat(100_000));
        APIGatewayV2HTTPResponse tooLarge = call(Requests.from("update-item/valid.json")
                .body("{\"attributes\":{\"more\":\"" + "x".repeat(60_000) + "\"}}")
                .event());
        assertThat(tooLarge.getStatusCode()).isEqualTo(413);
        assertThat(Json.parse(tooLarge.getBody()).get("detail").asText()).startsWith("The item would take about");
    }

    @Test
    void rejectsRemovingTheName() {
        APIGatewayV2HTTPResponse response = call(
                Requests.from("update-item/valid.json").body("{\"name\":null}").event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("name");
    }

    @Test
    void aPatchThatChangesNothingAnswersTheItemAsItIsAndWritesNothing() {
        Item before = fakes.items.findLatest(ACME, TestItems.SAMPLE_ID).orElseThrow();

        for (String patch : List.of("{}", "{\"name\":\"Acme's widget\"}")) {
            APIGatewayV2HTTPResponse response =
                    call(Requests.from("update-item/valid.json").body(patch).event());

            assertThat(response.getStatusCode()).as(patch).isEqualTo(200);
            assertThat(response.getHeaders()).as(patch).containsEntry("ETag", "\"1\"");
            JsonNode item = Json.parse(response.getBody());
            assertThat(item.get("version").asLong()).as(patch).isEqualTo(1);
            assertThat(item.get("updatedAt").asText()).as(patch).isEqualTo("2026-11-25T17:00:00Z");
        }
        assertThat(fakes.items.findLatest(ACME, TestItems.SAMPLE_ID)).contains(before);
    }

    @Test
    void rejectsAPatchThatIsNotAnObject() {
        assertThat(call(Requests.from("update-item/valid.json").body("[]").event())
                        .getStatusCode())
                .isEqualTo(400);
    }

    @ParameterizedTest
    @Event(value = "events/http/update-item/wrong-content-type.json", type = APIGatewayV2HTTPEvent.class)
    void answers415WithAcceptPatch(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders().get("Accept-Patch")).contains("application/merge-patch+json");
    }

    @Test
    void answers413WhenThePatchedItemWouldBeTooLarge() {
        String big = "y".repeat(200 * 1024);
        call(Requests.from("update-item/valid.json")
                .body("{\"attributes\":{\"a\":\"" + big + "\"}}")
                .event());

        APIGatewayV2HTTPResponse response = call(Requests.from("update-item/valid.json")
                .body("{\"attributes\":{\"b\":\"" + big + "\"}}")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .version())
                .isEqualTo(2);
    }

    @Test
    void returns404ForAnotherTenantsItemAndLeavesItAlone() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("update-item/valid.json").tenant("globex").event());

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(fakes.items
                        .findLatest(ACME, TestItems.SAMPLE_ID)
                        .orElseThrow()
                        .content()
                        .name())
                .isEqualTo("Acme's widget");
    }
}
