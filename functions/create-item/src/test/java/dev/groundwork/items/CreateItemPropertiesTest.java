package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.HostileJson;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any body, hostile or not: an item created as sent, or a bounded 4xx problem that names the fields and writes nothing. */
class CreateItemPropertiesTest {

    @Property(tries = 1_000)
    void everyBodyIsCreatedAsSentOrRefusedByNameWithNothingWritten(@ForAll("bodies") String body) {
        InMemoryApplication fakes = new InMemoryApplication();
        CreateItemHandler handler = new CreateItemHandler(fakes.application);
        APIGatewayV2HTTPEvent event =
                Requests.from("create-item/valid.json").body(body).event();

        APIGatewayV2HTTPResponse response =
                Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

        assertThat(response.getStatusCode()).isIn(201, 400, 413);
        assertThat(response.getBody().length()).isLessThan(64 * 1024);
        JsonNode answer = Json.parse(response.getBody());
        if (response.getStatusCode() == 201) {
            assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
            assertThat(answer.get("name")).isEqualTo(Json.parse(body).get("name"));
        } else {
            assertThat(fakes.items.count(new TenantId("acme"))).isZero();
            assertThat(response.getBody())
                    .doesNotContainPattern("Exception|java\\.|\\bat [a-z][\\w$]*\\.[a-z][\\w$]*\\.");
            if (answer.get("type").asText().endsWith("/validation-error")) {
                assertThat(answer.get("errors"))
                        .isNotEmpty()
                        .hasSizeLessThanOrEqualTo(100)
                        .allSatisfy(
                                error -> assertThat(error.get("field").asText()).hasSizeLessThanOrEqualTo(200));
            }
        }
    }

    @Property(tries = 300)
    void aKeyGivenTwiceIsRefusedByItsPathWhereverItIs(@ForAll("keys") String key, @ForAll boolean nested) {
        InMemoryApplication fakes = new InMemoryApplication();
        CreateItemHandler handler = new CreateItemHandler(fakes.application);
        String member = Json.text(key) + ":1";
        String object = "{" + member + "," + Json.text(key + "\u0000") + ":2," + member + "}";
        String body = nested
                ? "{\"name\":\"x\",\"attributes\":{\"list\":[true," + object + "]}}"
                : "{\"name\":\"x\",\"attributes\":" + object + "}";
        APIGatewayV2HTTPEvent event =
                Requests.from("create-item/valid.json").body(body).event();

        APIGatewayV2HTTPResponse response =
                Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        FieldErrors named = new FieldErrors(); // a long key's path is cut as every field's is
        named.add((nested ? "attributes.list[1]." : "attributes.") + key, "");
        assertThat(error.get("field").asText())
                .isEqualTo(named.list().getFirst().field());
        assertThat(error.get("message").asText()).contains("more than once");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    /** Any key JSON can carry whole: well-formed UTF-16 (no lone surrogate), up to past a field name's 200 characters. */
    @Provide
    Arbitrary<String> keys() {
        return Arbitraries.strings()
                .all()
                .ofMinLength(1)
                .ofMaxLength(260)
                .filter(text -> text.codePoints().noneMatch(point -> Character.getType(point) == Character.SURROGATE));
    }

    @Provide
    Arbitrary<String> bodies() {
        return HostileJson.itemDocument();
    }
}
