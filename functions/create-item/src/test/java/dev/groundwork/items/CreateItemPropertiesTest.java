package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.kernel.FieldErrors;
import dev.groundwork.kernel.FieldPath;
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
        named.add(
                FieldPath.appendMember(new StringBuilder(nested ? "attributes.list[1]" : "attributes"), key)
                        .toString(),
                "");
        assertThat(error.get("field").asText())
                .isEqualTo(named.list().getFirst().field());
        assertThat(error.get("message").asText()).contains("more than once");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    /**
     * A byte that is not UTF-8 (any of 0x80 to 0xFF standing alone: a continuation byte with no lead, or a lead byte
     * with no continuation) in a string value or a key, at any depth, is refused by the path of that string.
     */
    @Property(tries = 300)
    void aByteThatIsNotUtf8IsRefusedByThePathOfTheStringThatHoldsIt(
            @ForAll("paths") java.util.List<Object> path,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 0x80, max = 0xFF) int notUtf8,
            @ForAll boolean inAKey) {
        InMemoryApplication fakes = new InMemoryApplication();
        CreateItemHandler handler = new CreateItemHandler(fakes.application);
        String json = inAKey ? "{\"ok\":1,\"k\uE000\":2}" : "\"v\uE000w\"";
        byte[] body = itemWith(path, json).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] marked = markedWith(body, notUtf8);
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json").event();
        event.setBody(java.util.Base64.getEncoder().encodeToString(marked));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response =
                Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(fieldOf(path));
        assertThat(error.get("message").asText())
                .isEqualTo((inAKey ? "has a key that " : "")
                        + "holds a byte that is not UTF-8 (" + String.format("0x%02X", notUtf8)
                        + "); send text in UTF-8");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    /**
     * A number longer than the parser reads (1,000 characters: its integer part, fraction or exponent), at any depth,
     * is refused by its path, as a value the domain refuses is.
     */
    @Property(tries = 200)
    void aNumberLongerThanTheParserReadsIsRefusedByItsPath(
            @ForAll("paths") java.util.List<Object> path,
            @ForAll @net.jqwik.api.constraints.IntRange(min = 1_001, max = 5_000) int digits,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 2) int part) {
        InMemoryApplication fakes = new InMemoryApplication();
        CreateItemHandler handler = new CreateItemHandler(fakes.application);
        String json = switch (part) {
            case 0 -> "-" + "7".repeat(digits);
            case 1 -> "0." + "7".repeat(digits);
            default -> "1e" + "7".repeat(digits);
        };
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json").event();
        event.setBody(itemWith(path, json));

        APIGatewayV2HTTPResponse response =
                Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo(fieldOf(path));
        assertThat(error.get("message").asText()).isEqualTo("is a number longer than 1000 characters");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    /**
     * A number is answered in DynamoDB's form (plain decimal, no trailing zeros) however the client wrote it, so that
     * the answer to the write has the bytes a later read returns under the same ETag.
     */
    @Property(tries = 500)
    void aNumberIsAnsweredAsDynamoDbReturnsItHoweverItWasWritten(
            @ForAll @net.jqwik.api.constraints.BigRange(min = "-99999999999999999999", max = "99999999999999999999")
                    java.math.BigInteger unscaled,
            @ForAll @net.jqwik.api.constraints.IntRange(min = -100, max = 100) int scale,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 5) int trailingZeros,
            @ForAll @net.jqwik.api.constraints.IntRange(max = 2) int form) {
        InMemoryApplication fakes = new InMemoryApplication();
        CreateItemHandler handler = new CreateItemHandler(fakes.application);
        java.math.BigDecimal value = new java.math.BigDecimal(
                unscaled.multiply(java.math.BigInteger.TEN.pow(trailingZeros)), scale + trailingZeros);
        String written = switch (form) {
            case 0 -> value.toPlainString();
            case 1 -> value.toString();
            default -> value.unscaledValue() + "e" + (-value.scale());
        };
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json").event();
        event.setBody("{\"name\":\"x\",\"attributes\":{\"n\":" + written + "}}");

        APIGatewayV2HTTPResponse response =
                Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));

        assertThat(response.getStatusCode()).isEqualTo(201);
        String dynamoDbForm =
                value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
        assertThat(response.getBody()).contains("\"attributes\":{\"n\":" + dynamoDbForm + "}");
    }

    /** An item whose attributes hold {@code value} at {@code path}, beside other members and elements. */
    private static String itemWith(java.util.List<Object> path, String value) {
        String json = value;
        for (Object segment : path.reversed()) {
            json = segment instanceof Integer index
                    ? "[" + "true,".repeat(index) + json + "]"
                    : "{\"a\":null," + Json.text((String) segment) + ":" + json + "}";
        }
        return "{\"name\":\"x\",\"attributes\":" + json + "}";
    }

    /** The field an error names for {@code path}, cut as every long field is. */
    private static String fieldOf(java.util.List<Object> path) {
        StringBuilder field = new StringBuilder("attributes");
        for (Object segment : path) {
            if (segment instanceof Integer index) {
                FieldPath.appendIndex(field, index);
            } else {
                FieldPath.appendMember(field, (String) segment);
            }
        }
        FieldErrors named = new FieldErrors();
        named.add(field.toString(), "");
        return named.list().getFirst().field();
    }

    /** The body with the UTF-8 of U+E000 (three bytes) made the one byte given. */
    private static byte[] markedWith(byte[] body, int value) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < body.length; i++) {
            if ((body[i] & 0xFF) == 0xEE && (body[i + 1] & 0xFF) == 0x80 && (body[i + 2] & 0xFF) == 0x80) {
                out.write(value);
                i += 2;
            } else {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    /** Where under {@code attributes} a string sits: a key first, then keys and array indexes, one to six deep. */
    @Provide
    Arbitrary<java.util.List<Object>> paths() {
        Arbitrary<Object> key =
                keys().filter(text -> text.indexOf('\uE000') < 0).map(text -> (Object) text);
        Arbitrary<Object> index = Arbitraries.integers().between(0, 3).map(number -> (Object) number);
        return Arbitraries.oneOf(key, index)
                .list()
                .ofMaxSize(5)
                .flatMap(rest -> key.map(first -> {
                    java.util.List<Object> path = new java.util.ArrayList<>(rest);
                    path.addFirst(first);
                    return path;
                }));
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
