package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.http.ItemBodies;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.idempotency.IdempotencyKey;
import dev.groundwork.platform.idempotency.IdempotentRequests;
import dev.groundwork.platform.idempotency.StoredResponse;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

class CreateItemHandlerTest {
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final CreateItemHandler handler = new CreateItemHandler(fakes.application);

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/valid.json", type = APIGatewayV2HTTPEvent.class)
    void creates201WithLocationETagAndTheItem(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode item = Json.parse(response.getBody());
        assertThat(item.get("id").asText()).matches("[0-7][0-9A-HJKMNP-TV-Z]{25}");
        assertThat(item.get("name").asText()).isEqualTo("Blue widget");
        assertThat(item.get("attributes").get("size").get("width").decimalValue())
                .isEqualByComparingTo("12.5");
        assertThat(item.get("tags")).hasSize(2);
        assertThat(item.get("version").asLong()).isEqualTo(1);
        assertThat(item.get("createdAt").asText()).isEqualTo("2026-11-25T18:00:00Z");
        assertThat(response.getHeaders())
                .containsEntry("Location", "/v1/items/" + item.get("id").asText())
                .containsEntry("ETag", "\"1\"")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("API-Version", "1");
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
        assertThat(fakes.metrics.recorded())
                .singleElement()
                .satisfies(recorded -> assertThat(recorded.tenant()).contains("acme"));
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/invalid-fields.json", type = APIGatewayV2HTTPEvent.class)
    void rejectsEveryBadFieldAtOnceAndWritesNothing(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).isEqualTo("https://groundwork.dev/problems/validation-error");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("owner", "name", "attributes", "tags[1]", "tags[2]");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/malformed-json.json", type = APIGatewayV2HTTPEvent.class)
    void answersMalformedJsonWithItsOwnProblem(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/malformed-json");
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/wrong-content-type.json", type = APIGatewayV2HTTPEvent.class)
    void answers415ToAnotherMediaType(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Accept-Post", "application/json");
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/no-tenant-claim.json", type = APIGatewayV2HTTPEvent.class)
    void answers403ToATokenWithoutTenant(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/forbidden");
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/malformed-tenant-claim.json", type = APIGatewayV2HTTPEvent.class)
    void answers403ToATenantClaimThatCouldReachIntoAnotherKey(APIGatewayV2HTTPEvent event) {
        assertThat(call(event).getStatusCode()).isEqualTo(403);
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @Test
    void answers413ToABodyOverTheLimitOfAJsonBodyBeforeParsingIt() {
        assertTooLarge(postText("x".repeat(1_100 * 1024)), "The body is larger than 1000000 bytes");
    }

    @Test
    void answers413ToAnItemOverItsLimitWhoseBodyIsWithinTheBodys() {
        assertTooLarge(postText("x".repeat(360 * 1024)), "The item would take about");
    }

    /** The body's limit to the byte, whatever the item: whitespace around a small item. */
    @Test
    void takesABodyOfExactlyItsLimitAndRefusesOneByteMore() {
        String item = "{\"name\":\"w\"}";
        String atTheLimit = item + " ".repeat((int) ItemBodies.MAX_BODY_BYTES - item.length());

        APIGatewayV2HTTPResponse taken =
                call(Requests.from("create-item/valid.json").body(atTheLimit).event());
        APIGatewayV2HTTPResponse refused = call(
                Requests.from("create-item/valid.json").body(atTheLimit + " ").event());

        assertThat(taken.getStatusCode()).isEqualTo(201);
        assertThat(refused.getStatusCode()).isEqualTo(413);
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    private APIGatewayV2HTTPResponse postText(String text) {
        return call(Requests.from("create-item/valid.json")
                .body("{\"name\":\"w\",\"attributes\":{\"text\":\"" + text + "\"}}")
                .event());
    }

    private void assertTooLarge(APIGatewayV2HTTPResponse response, String detail) {
        assertThat(response.getStatusCode()).isEqualTo(413);
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText()).endsWith("/payload-too-large");
        assertThat(problem.get("detail").asText()).startsWith(detail);
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    /**
     * Python's {@code json.dumps}, by default, writes every character beyond ASCII as an escape: 100,000 CJK
     * characters, 300,000 bytes of UTF-8 in the item, are 600,000 bytes of body, and pretty-printing adds more.
     */
    @Test
    void takesAnItemWithinItsLimitWhoseBodyIsLargerForItsEscapesAndWhitespace() {
        String text = "\\u4e2d".repeat(100_000); // six characters of body for each
        String body = "{\n  \"name\": \"w\",\n  \"attributes\": {\n    \"text\": \"" + text + "\"\n  }\n}";
        assertThat(body.length()).isGreaterThan(600_000);

        APIGatewayV2HTTPResponse response =
                call(Requests.from("create-item/valid.json").body(body).event());

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(response.getBody()).at("/attributes/text").asText())
                .isEqualTo("中".repeat(100_000));
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    @Test
    void rejectsWrongTypesFieldByField() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .body("{\"name\":42,\"attributes\":\"red\",\"tags\":[1]}")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("message"))
                .contains("must be a string", "must be a JSON object");
    }

    @Test
    void rejectsABodyThatIsNotAnObject() {
        APIGatewayV2HTTPResponse response =
                call(Requests.from("create-item/valid.json").body("[1,2]").event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/validation-error");
    }

    @Test
    void rejectsADuplicateKeyNamingIt() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .body("{\"name\":\"a\",\"name\":\"b\"}")
                .event());

        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/validation-error");
        assertThat(Json.firstErrorField(response.getBody())).isEqualTo("name");
    }

    @Test
    void rejectsReadOnlyFields() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .body("{\"name\":\"a\",\"id\":\"01JDX5Q0A8Z4M6TB3N7R9WVKHE\",\"version\":9}")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("id", "version");
    }

    @Test
    void acceptsJsonWithAUtf8Charset() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .header("Content-Type", "application/json; charset=UTF-8")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @Test
    void rejectsAnInvalidIdempotencyKeyBeforeWritingAnything() {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .header("Idempotency-Key", "has spaces in it")
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(fakes.idempotencyRecords.size()).isZero();
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @ParameterizedTest
    @Event(value = "events/http/create-item/with-idempotency-key.json", type = APIGatewayV2HTTPEvent.class)
    void replaysTheFirstResponseToTheSameKeyAndBody(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPResponse first = call(event);
        APIGatewayV2HTTPResponse retry =
                call(Requests.from("create-item/with-idempotency-key.json").event());

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders())
                .containsEntry("Location", first.getHeaders().get("Location"));
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    /**
     * The key's record can be lost after the item is stored (its write fails, or the item's write answered a timeout
     * and the key was released): the retry finds the item its first attempt made instead of making a second.
     */
    @Test
    void answersARetryWhoseKeysRecordWasLostWithTheItemItsFirstAttemptMade() {
        APIGatewayV2HTTPEvent event =
                Requests.from("create-item/with-idempotency-key.json").event();
        APIGatewayV2HTTPResponse first = call(event);
        fakes.idempotencyRecords.release(
                new TenantId("acme"),
                new IdempotencyKey("8e0f3c1a-6f43-4f5e-9b1e-2d6a7c9e4b10"),
                IdempotentRequests.fingerprint(
                        event.getRouteKey(), "application/json", event.getBody().getBytes(StandardCharsets.UTF_8)));

        APIGatewayV2HTTPResponse retry =
                call(Requests.from("create-item/with-idempotency-key.json").event());

        assertThat(retry.getStatusCode()).isEqualTo(201);
        assertThat(retry.getHeaders())
                .containsEntry("Location", first.getHeaders().get("Location"));
        assertThat(Json.parse(retry.getBody())).isEqualTo(Json.parse(first.getBody()));
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    @Test
    void replaysAnAnswerStoredBeforeNumbersAndKeysTookOneFormInTheFormAReadAnswers() {
        // given: a key's record kept from before 2026-12-07: its item as the client sent it, keys and numbers
        APIGatewayV2HTTPEvent event =
                Requests.from("create-item/with-idempotency-key.json").event();
        TenantId acme = new TenantId("acme");
        IdempotencyKey key = new IdempotencyKey("8e0f3c1a-6f43-4f5e-9b1e-2d6a7c9e4b10");
        String fingerprint = IdempotentRequests.fingerprint(
                event.getRouteKey(), "application/json", event.getBody().getBytes(StandardCharsets.UTF_8));
        fakes.idempotencyRecords.claim(
                acme,
                key,
                fingerprint,
                fakes.clock.instant(),
                fakes.clock.instant().plusSeconds(12));
        String stored = "{\"id\":\"01JDX5Q0A8Z4M6TB3N7R9WV001\",\"name\":\"Blue widget\",\"attributes\":{\"size\":"
                + "{\"width\":12.50,\"unit\":\"cm\"},\"color\":\"blue\",\"stock\":1E+3},\"tags\":[\"widgets\",\"blue\"],"
                + "\"version\":1,\"createdAt\":\"2026-12-06T12:00:00Z\",\"updatedAt\":\"2026-12-06T12:00:00Z\"}";
        fakes.idempotencyRecords.complete(
                acme,
                key,
                fingerprint,
                new StoredResponse(
                        201,
                        Map.of(
                                "ETag", "\"1\"",
                                "Content-Type", "application/json",
                                "Location", "/v1/items/01JDX5Q0A8Z4M6TB3N7R9WV001"),
                        stored),
                fakes.clock.instant());

        // when
        APIGatewayV2HTTPResponse replayed = call(event);

        // then
        assertThat(replayed.getStatusCode()).isEqualTo(201);
        assertThat(replayed.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(replayed.getBody())
                .isEqualTo(
                        "{\"id\":\"01JDX5Q0A8Z4M6TB3N7R9WV001\",\"name\":\"Blue widget\",\"attributes\":{\"color\":"
                                + "\"blue\",\"size\":{\"unit\":\"cm\",\"width\":12.5},\"stock\":1000},\"tags\":[\"widgets\",\"blue\"],"
                                + "\"version\":1,\"createdAt\":\"2026-12-06T12:00:00Z\",\"updatedAt\":\"2026-12-06T12:00:00Z\"}");
    }

    @Test
    void answers422ToTheSameKeyWithAnotherBody() {
        call(Requests.from("create-item/with-idempotency-key.json").event());

        APIGatewayV2HTTPResponse reused = call(Requests.from("create-item/with-idempotency-key.json")
                .body("{\"name\":\"Something else\"}")
                .event());

        assertThat(reused.getStatusCode()).isEqualTo(422);
        assertThat(Json.parse(reused.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    @Test
    void answers409WithRetryAfterOneSecondWhileTheFirstRequestIsStillRunningWhateverItsLockLeft() throws Exception {
        APIGatewayV2HTTPEvent event =
                Requests.from("create-item/with-idempotency-key.json").event();
        String fingerprint = IdempotentRequests.fingerprint(
                event.getRouteKey(), "application/json", event.getBody().getBytes(StandardCharsets.UTF_8));
        fakes.idempotencyRecords.claim(
                new TenantId("acme"),
                new IdempotencyKey("8e0f3c1a-6f43-4f5e-9b1e-2d6a7c9e4b10"),
                fingerprint,
                fakes.clock.instant(),
                fakes.clock.instant().plusSeconds(12));

        APIGatewayV2HTTPResponse response = call(event);

        assertThat(response.getStatusCode()).isEqualTo(409);
        assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/idempotency-key-in-use");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @Test
    void keepsIdempotencyKeysApartPerTenant() {
        APIGatewayV2HTTPResponse acme =
                call(Requests.from("create-item/with-idempotency-key.json").event());
        APIGatewayV2HTTPResponse globex = call(Requests.from("create-item/with-idempotency-key.json")
                .tenant("globex")
                .event());

        assertThat(globex.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(globex.getBody()).get("id"))
                .isNotEqualTo(Json.parse(acme.getBody()).get("id"));
        assertThat(fakes.items.count(new TenantId("globex"))).isEqualTo(1);
    }
}
