package dev.groundwork.items;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.groundwork.items.testing.InMemoryApplication;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.testing.Contract;
import dev.groundwork.platform.testing.Json;
import dev.groundwork.platform.testing.Requests;
import dev.groundwork.platform.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the stores could not hold is refused before anything is written, as a bounded 400 that names the field
 * (issue 17's findings, one test each).
 */
class HostileInputTest {
    private final InMemoryApplication fakes = new InMemoryApplication();
    private final CreateItemHandler handler = new CreateItemHandler(fakes.application);

    private APIGatewayV2HTTPResponse post(String body) {
        return call(Requests.from("create-item/valid.json").body(body).event());
    }

    private APIGatewayV2HTTPResponse call(APIGatewayV2HTTPEvent event) {
        return Contract.checked(event, handler.handleRequest(event, new TestContext("CreateItemFunction")));
    }

    /** The body's bytes as they are, base64-encoded as API Gateway passes a body that is not UTF-8 text. */
    private APIGatewayV2HTTPResponse postBytes(byte[] body) {
        APIGatewayV2HTTPEvent event = Requests.from("create-item/valid.json").event();
        event.setBody(Base64.getEncoder().encodeToString(body));
        event.setIsBase64Encoded(true);
        return call(event);
    }

    private void assertMalformed(APIGatewayV2HTTPResponse response) {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/malformed-json");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    private void assertRefused(APIGatewayV2HTTPResponse response, String field) {
        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("field"))
                .contains(field);
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\\ud800", "\\udc00x", "x\\uffff", "x\\ufffe", "\\ufdd0", "\\ud83f\\udffe"})
    void refusesANameThatIsNotStorableUnicode(String escaped) {
        assertRefused(post("{\"name\":\"" + escaped + "\"}"), "name");
    }

    @Test
    void refusesLoneSurrogatesInTagsAttributeValuesAndKeys() {
        assertRefused(post("{\"name\":\"x\",\"tags\":[\"ok\",\"\\ud800\"]}"), "tags[1]");
        assertRefused(post("{\"name\":\"x\",\"attributes\":{\"a\":[\"\\udbff\"]}}"), "attributes.a[0]");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"attributes\":{\"k\\ud800\":1}}                          | attributes",
                "{\"name\":\"x\",\"attributes\":{\"a\":1,\"\\udc00k\":2}}                   | attributes",
                "{\"name\":\"x\",\"attributes\":{\"a\":[0,{\"b\":{\"\\ud800\\ud800\":1}}]}}  | attributes.a[1].b",
                "{\"name\":\"x\",\"k\\ud800\":1}                                           | ''"
            })
    void refusesALoneSurrogateInAKeyNamingTheObjectThatHoldsIt(String body, String field) {
        // Jackson refuses the key while reading it, so the key itself cannot be named: the object that holds it is.
        APIGatewayV2HTTPResponse response = post(body);

        assertRefused(response, field);
        assertThat(Json.firstErrorMessage(response.getBody())).contains("unpaired UTF-16 surrogate");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"a\",\"name\":\"b\"}                                      | name",
                "{\"name\":\"x\",\"attributes\":{\"colour\":1,\"colour\":1}}          | attributes.colour",
                "{\"name\":\"x\",\"attributes\":{\"a\":[0,{\"b\":null,\"c\":2,\"b\":3}]}} | attributes.a[1].b",
                "{\"name\":\"x\",\"tags\":[],\"attributes\":{},\"tags\":[\"t\"]}           | tags"
            })
    void refusesAKeyGivenTwiceInOneObjectNamingIt(String body, String field) {
        APIGatewayV2HTTPResponse response = post(body);

        assertRefused(response, field);
        assertThat(Json.firstErrorMessage(response.getBody()))
                .isEqualTo("is given more than once in its object; each key may appear once");
    }

    /**
     * A key that holds a dot or a bracket is named in quotes, so the path names it and not two nested keys; so is one
     * that would not show as itself, its hidden characters written as JSON escapes them.
     */
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x\",\"attributes\":{\"a.b\":{\"c\":1e999}}}          | attributes[\"a.b\"].c",
                "{\"name\":\"x\",\"attributes\":{\"a\":{\"b\":1e999}}}            | attributes.a.b",
                "{\"name\":\"x\",\"attributes\":{\"a.b\":{\"c\":1,\"c\":2}}}      | attributes[\"a.b\"].c",
                "{\"name\":\"x\",\"attributes\":{\"t[0]\":[\"\\udbff\"]}}        | attributes[\"t[0]\"][0]",
                "{\"name\":\"x\",\"attributes.a\":1}                            | [\"attributes.a\"]",
                // A right-to-left override, a bell, a line separator and a zero-width joiner would show as another
                // key, or as nothing, wherever the problem is read; the ellipsis would read as a path cut short.
                "{\"name\":\"x\",\"attributes\":{\"a\\u202eb\":1e999}}          | attributes[\"a\\u202eb\"]",
                "{\"name\":\"x\",\"attributes\":{\"a\\u0007\\u2028\":{\"c\":1e999}}} | attributes[\"a\\u0007\\u2028\"].c",
                "{\"name\":\"x\",\"attributes\":{\"a\\u200db\":[\"\\udbff\"]}}   | attributes[\"a\\u200db\"][0]",
                "{\"name\":\"x\",\"attributes\":{\"…\":1e999}}                 | attributes[\"…\"]"
            })
    void namesAKeyThatHoldsTheNotationsCharactersInQuotes(String body, String field) {
        assertRefused(post(body), field);
    }

    @ParameterizedTest
    @CsvSource({"k, 1024", "é, 512", "😀, 256"})
    void takesAKeyOf1024BytesOfUtf8AtAnyDepth(String character, int times) {
        String key = character.repeat(times);

        APIGatewayV2HTTPResponse response =
                post("{\"name\":\"x\",\"attributes\":{\"" + key + "\":{\"" + key + "\":1}}}");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(response.getBody()).at("/attributes").fieldNames().next())
                .isEqualTo(key);
    }

    @ParameterizedTest
    @CsvSource({"k, 1024", "é, 512", "😀, 256"})
    void refusesAKeyOneByteLongerNamingIt(String character, int times) {
        String key = character.repeat(times) + "k";

        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":{\"a\":{\"" + key + "\":1}}}");

        assertRefused(response, cutAt200("attributes.a." + key));
        assertThat(Json.firstErrorMessage(response.getBody())).isEqualTo("has a key longer than 1024 bytes");
    }

    /** Beyond the 50,000 characters Jackson takes in a key by default, which made it "not valid JSON" without a name. */
    @Test
    void namesAKeyLongerThanAParserTakesByDefault() {
        String key = "k".repeat(200_000);

        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":{\"a\":{\"" + key + "\":1}}}");

        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/validation-error");
        assertRefused(response, cutAt200("attributes.a." + key));
    }

    /** A long field's name as a problem gives it: 199 characters, never half of one, and an ellipsis. */
    private static String cutAt200(String field) {
        int end = Character.isHighSurrogate(field.charAt(198)) ? 198 : 199;
        return field.substring(0, end) + "…";
    }

    @Test
    void refusesTheEmptyKeyGivenTwiceNamingTheObjectThatHoldsIt() {
        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":{\"\":1,\"\":2}}");

        assertRefused(response, "attributes");
        assertThat(Json.firstErrorMessage(response.getBody()))
                .isEqualTo("has the empty key more than once; each key may appear once");
    }

    @Test
    void refusesNullTagsOrAttributesAsTheContractDoes() {
        assertRefused(post("{\"name\":\"x\",\"tags\":null}"), "tags");
        assertRefused(post("{\"name\":\"x\",\"attributes\":null}"), "attributes");
    }

    @Test
    void acceptsAstralCharactersAndControlCharacters() {
        APIGatewayV2HTTPResponse response =
                post("{\"name\":\"\\ud83d\\ude00 a\\u0000b\",\"attributes\":{\"\\ud83d\\ude00\":\"\\u0001\"}}");

        assertThat(response.getStatusCode()).isEqualTo(201);
        assertThat(Json.parse(response.getBody()).get("name").asText()).isEqualTo("😀 a\u0000b");
    }

    /** The body's bytes with the first "?" made the given byte, which is no UTF-8 there. */
    private static byte[] withByte(String json, int value) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        body[json.indexOf('?')] = (byte) value;
        return body;
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"x?\"}                                           | 0xC3 | name", // a lead byte, no
                // continuation
                "{\"name\":\"x\",\"tags\":[\"a\",\"caf?\"]}                   | 0xE9 | tags[1]", // Latin-1's é
                "{\"name\":\"x\",\"attributes\":{\"a\":{\"b\":[1,\"?\"]}}}       | 0xFF | attributes.a.b[1]",
                "{\"name\":\"x\",\"attributes\":{\"a\":\"ok\",\"k?\":1}}          | 0x80 | attributes" // a key
            })
    void refusesInvalidUtf8NamingTheFieldInsteadOfReplacingIt(String json, String value, String field) {
        APIGatewayV2HTTPResponse response = postBytes(withByte(json, Integer.decode(value)));

        assertRefused(response, field);
        assertThat(Json.parse(response.getBody())
                        .get("errors")
                        .get(0)
                        .get("message")
                        .asText())
                .contains("not UTF-8 (" + value + ")");
    }

    @Test
    void namesTheFirstErrorWhenAKeyGivenTwiceComesBeforeTheByte() {
        assertRefused(postBytes(withByte("{\"name\":\"a\",\"name\":\"?\"}", 0xFF)), "name");
    }

    @Test
    void refusesInvalidUtf8OutsideAnyStringAsMalformedSayingWhere() {
        APIGatewayV2HTTPResponse response = postBytes(withByte("{\"name\":\"x\" ?}", 0xFF));

        assertMalformed(response);
        assertThat(Json.parse(response.getBody()).get("detail").asText())
                .isEqualTo("The body is not UTF-8: the byte at offset 12 (0xFF) is not part of a UTF-8 character;"
                        + " send JSON in UTF-8 (RFC 8259, section 8.1).");
    }

    @ParameterizedTest
    @ValueSource(strings = {"EFBBBF", "FEFF", "FFFE", "UTF-16LE", "UTF-16BE"})
    void refusesABodyThatIsNotUtf8AsTheContractSays(String encoding) {
        byte[] json = "{\"name\":\"utf16\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = switch (encoding) {
            case "UTF-16LE", "UTF-16BE" -> "{\"name\":\"utf16\"}".getBytes(java.nio.charset.Charset.forName(encoding));
            default -> {
                byte[] mark = java.util.HexFormat.of().parseHex(encoding);
                byte[] marked = java.util.Arrays.copyOf(mark, mark.length + json.length);
                System.arraycopy(json, 0, marked, mark.length, json.length);
                yield marked;
            }
        };

        assertMalformed(postBytes(body));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1e-2147483649",
                "-1e2147483648",
                "1e99999999999",
                "1E+126",
                "1e-131",
                "123456789012345678901234567890123456789"
            })
    void refusesNumbersDynamoDbCannotHoldByName(String number) {
        assertRefused(post("{\"name\":\"x\",\"attributes\":{\"a\":" + number + "}}"), "attributes.a");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"0e-2147483649", "-0.0", "9.9999999999999999999999999999999999999E+125", "1e-130", "-1E-130"})
    void acceptsNumbersAtDynamoDbsLimits(String number) {
        assertThat(post("{\"name\":\"x\",\"attributes\":{\"a\":" + number + "}}")
                        .getStatusCode())
                .isEqualTo(201);
    }

    @Test
    void refusesAnItemWhoseNumbersComeBackFromDynamoDbLargerThanAnAnswerCanBe() {
        // 358 KB as sent; DynamoDB would store it in 180 KB and return every number as 126 digits: 7.6 MB
        String huge = String.join(",", java.util.Collections.nCopies(59_726, "1e125"));

        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":{\"k\":[" + huge + "]}}");

        assertThat(response.getStatusCode()).isEqualTo(413);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/payload-too-large");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @Test
    void acceptsAValueAtLevel32CountedAsDynamoDbCounts() {
        // attributes is level 1 (a top-level attribute of the stored item); each nested object one level more.
        assertThat(post("{\"name\":\"x\",\"attributes\":" + nested(31, "1") + "}")
                        .getStatusCode())
                .isEqualTo(201);
    }

    @Test
    void refusesAValueAtLevel33() {
        assertRefused(post("{\"name\":\"x\",\"attributes\":" + nested(32, "1") + "}"), "attributes" + ".a".repeat(31));
    }

    /** As the README and the contract say: a key of 1 to 1,024 bytes, so an empty one is refused at any depth. */
    @Test
    void refusesAnEmptyKeyAtAnyDepthNamingTheObjectThatHoldsIt() {
        for (String attributes : List.of("{\"\":1}", "{\"n\":{\"\":1}}", "{\"n\":[{\"m\":{\"\":true}}]}")) {
            APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":" + attributes + "}");

            assertRefused(
                    response,
                    attributes.startsWith("{\"\"")
                            ? "attributes"
                            : attributes.contains("[") ? "attributes.n[0].m" : "attributes.n");
            assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("message"))
                    .as(attributes)
                    .contains("has an empty key");
        }
    }

    @Test
    void refusesEvenAnEmptyDocumentAtLevel32() {
        assertRefused(post("{\"name\":\"x\",\"attributes\":" + nested(31, "[]") + "}"), "attributes" + ".a".repeat(31));
    }

    @Test
    void refusesDeepNestingBeyondWhatIsParsedWithoutDescendingItNamingWhereItStopped() {
        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":" + nested(10_000, "1") + "}");

        assertRefused(response, "attributes" + ".a".repeat(63));
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("message"))
                .containsExactly("nests deeper than 32 levels");
    }

    @Test
    void refusesALongNumberAfterTheBodyAsContentAfterItNotAsAField() {
        APIGatewayV2HTTPResponse trailing = post("{\"name\":\"x\"} 1" + "0".repeat(1_000));
        APIGatewayV2HTTPResponse bare = post("1" + "0".repeat(1_000));

        assertMalformed(trailing);
        assertMalformed(bare);
        assertThat(Json.parse(bare.getBody()).get("detail").asText())
                .isEqualTo("The body holds a number longer than 1000 characters.");
    }

    @Test
    void refusesANumberLongerThanTheParserReadsNamingIt() {
        APIGatewayV2HTTPResponse response =
                post("{\"name\":\"x\",\"attributes\":{\"n\":[1,-1" + "0".repeat(1_000) + "]}}");

        assertRefused(response, "attributes.n[1]");
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("message"))
                .containsExactly("is a number longer than 1000 characters");
    }

    @Test
    void boundsTheProblemWhateverTheNumberOfErrorsAndTheLengthOfTheirPaths() {
        String key = "k".repeat(1_000);
        String numbers = String.join(",", java.util.Collections.nCopies(20_000, "1e999"));
        long started = System.nanoTime();

        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"attributes\":{\"" + key + "\":[" + numbers + "]}}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(response.getBody().length()).isLessThan(64 * 1024);
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("errors")).hasSize(100);
        assertThat(problem.get("errorsTruncated").asBoolean()).isTrue();
        assertThat(problem.get("errors").findValuesAsText("field"))
                .allSatisfy(field -> assertThat(field)
                        .hasSizeLessThanOrEqualTo(200)
                        .startsWith("attributes.kkk")
                        .endsWith("…"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(2_000);
    }

    @Test
    void boundsTheProblemOfManyBadTags() {
        String tags = String.join(",", java.util.Collections.nCopies(170_000, "1"));

        APIGatewayV2HTTPResponse response = post("{\"name\":\"x\",\"tags\":[" + tags + "]}");

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors")).hasSize(100);
        assertThat(response.getBody().length()).isLessThan(64 * 1024);
    }

    @Test
    void reportsFewErrorsWithoutTruncation() {
        JsonNode problem = Json.parse(post("{\"name\":\"\",\"tags\":[1]}").getBody());

        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.has("errorsTruncated")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {" k ", "k\u0000", "k k", "\"\"", "\t", ""})
    void refusesAMalformedIdempotencyKeyInsteadOfTrimmingIt(String key) {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .header("Idempotency-Key", key)
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.parse(response.getBody()).get("errors").findValuesAsText("field"))
                .containsExactly("Idempotency-Key");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
    }

    @Test
    void refusesAKeyFirstUsedOnAnotherRouteInsteadOfReplayingItsAnswer() {
        APIGatewayV2HTTPEvent onImports =
                Requests.from("create-item/with-idempotency-key.json").event();
        onImports.setRouteKey("POST /v1/imports");
        APIGatewayV2HTTPEvent onItems =
                Requests.from("create-item/with-idempotency-key.json").event();
        handler.handleRequest(onImports, new TestContext("CreateItemFunction"));

        APIGatewayV2HTTPResponse response = call(onItems);

        assertThat(response.getStatusCode()).isEqualTo(422);
        assertThat(Json.parse(response.getBody()).get("type").asText()).endsWith("/idempotency-key-reused");
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json; charset=utf-16",
                "application/json; charset=utf-16; charset=utf-8",
                "application/json; charset=utf-8; charset=utf-16",
                "application/json; charset=\"ISO-8859-1\""
            })
    void refusesABodyThatNamesAnyCharsetButUtf8With415(String contentType) {
        // Not through Contract.checked: its validator refuses to read a request that names two charsets at all.
        APIGatewayV2HTTPResponse response = handler.handleRequest(
                Requests.from("create-item/with-idempotency-key.json")
                        .header("Content-Type", contentType)
                        .event(),
                new TestContext("CreateItemFunction"));

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders()).containsEntry("Accept-Post", "application/json");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
        assertThat(fakes.idempotencyRecords.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "br", "deflate", "GZIP", "identity, gzip", "x-unknown"})
    void refusesACompressedBodyWith415NamingContentEncodingBeforeUsingTheKey(String coding) {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/with-idempotency-key.json")
                .header("Content-Encoding", coding)
                .event());

        assertThat(response.getStatusCode()).isEqualTo(415);
        assertThat(response.getHeaders())
                .containsEntry("Content-Type", "application/problem+json")
                .containsEntry("Accept-Encoding", "identity");
        JsonNode problem = Json.parse(response.getBody());
        assertThat(problem.get("type").asText())
                .isEqualTo("https://groundwork.dev/problems/unsupported-content-encoding");
        assertThat(problem.get("detail").asText()).contains("Content-Encoding");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
        assertThat(fakes.idempotencyRecords.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "IDENTITY", ""})
    void takesABodyWhoseContentEncodingIsIdentity(String coding) {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .header("Content-Encoding", coding)
                .event());

        assertThat(response.getStatusCode()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"k1,k2", "k1,k1", "\"k1\",\"k2\"", "\"k1\",k2", "k1,\"k2\""})
    void refusesIdempotencyKeysSentTwiceAsApiGatewayJoinsThemBeforeDoingAnything(String joined) {
        APIGatewayV2HTTPResponse response = call(Requests.from("create-item/valid.json")
                .header("Idempotency-Key", joined)
                .event());

        assertThat(response.getStatusCode()).isEqualTo(400);
        JsonNode error = Json.parse(response.getBody()).get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(error.get("message").asText()).contains("sent once");
        assertThat(fakes.items.count(new TenantId("acme"))).isZero();
        assertThat(fakes.idempotencyRecords.size()).isZero();
    }

    @Test
    void takesAQuotedKeyWithACommaAsTheOneKeyItNames() {
        APIGatewayV2HTTPResponse first = call(Requests.from("create-item/valid.json")
                .header("Idempotency-Key", "\"a,b\"")
                .event());
        APIGatewayV2HTTPResponse again = call(Requests.from("create-item/valid.json")
                .header("Idempotency-Key", "\"a,b\"")
                .event());

        assertThat(first.getStatusCode()).isEqualTo(201);
        assertThat(again.getHeaders()).containsEntry("Idempotent-Replayed", "true");
        assertThat(fakes.items.count(new TenantId("acme"))).isEqualTo(1);
    }

    private static String nested(int levels, String innermost) {
        return "{\"a\":".repeat(levels - 1) + "{\"a\":" + innermost + "}" + "}".repeat(levels - 1);
    }
}
