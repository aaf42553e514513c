package dev.groundwork.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiContractTest {

    private static final ApiContract CONTRACT = ApiContract.load();

    private static final String ITEM_PATH = "/v1/items/01JDQ8Y6W3ZK9T4M2N7P5R8S0V";
    private static final String ITEM = """
            {"id":"01JDQ8Y6W3ZK9T4M2N7P5R8S0V","name":"Blue widget","attributes":{"colour":"blue","size":{"w":1}},\
            "tags":["widgets"],"version":3,"createdAt":"2026-11-25T17:40:00.123Z","updatedAt":"2026-11-25T17:42:00Z"}""";
    private static final Map<String, String> JSON_REQUEST = Map.of("Content-Type", "application/json");
    private static final Map<String, String> MERGE_PATCH_REQUEST =
            Map.of("content-type", "application/merge-patch+json");

    private static Map<String, String> itemHeaders(String etag) {
        return Map.of("Content-Type", "application/json", "ETag", etag, "API-Version", "1");
    }

    private static Map<String, String> problemHeaders() {
        return Map.of("Content-Type", "application/problem+json", "API-Version", "1");
    }

    private static String problem(int status) {
        return """
                {"type":"https://groundwork.dev/problems/x","title":"T","status":%d,"detail":"D"}""".formatted(status);
    }

    @Nested
    class AcceptsResponsesThatKeepTheContract {

        @Test
        void createdItemWithLocationAndEtag() {
            var headers = new HashMap<>(itemHeaders("\"1\""));
            headers.put("Location", "/v1/items/01JDQ8Y6W3ZK9T4M2N7P5R8S0V");

            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "POST",
                            "/v1/items",
                            Map.of("Content-Type", "application/json", "Idempotency-Key", "k-1"),
                            "{\"name\":\"Blue widget\",\"attributes\":{\"colour\":\"blue\"},\"tags\":[\"a\",\"b\"]}",
                            201,
                            headers,
                            ITEM))
                    .doesNotThrowAnyException();
        }

        @Test
        void itemWithEtag() {
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), ITEM))
                    .doesNotThrowAnyException();
        }

        @Test
        void notModifiedWithoutBody() {
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "get",
                            ITEM_PATH,
                            Map.of("If-None-Match", "\"3\""),
                            null,
                            304,
                            Map.of("ETag", "\"3\"", "API-Version", "1"),
                            null))
                    .doesNotThrowAnyException();
        }

        @Test
        void pagesWithAndWithoutNextCursor() {
            Map<String, String> headers = Map.of("Content-Type", "application/json", "API-Version", "1");

            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "GET",
                            "/v1/items?limit=7",
                            Map.of(),
                            null,
                            200,
                            headers,
                            "{\"items\":[" + ITEM + "],\"nextCursor\":\"abc.def\"}"))
                    .doesNotThrowAnyException();
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "GET",
                            "/v1/items?cursor=abc.def&limit=100",
                            Map.of(),
                            null,
                            200,
                            headers,
                            "{\"items\":[],\"nextCursor\":null}"))
                    .doesNotThrowAnyException();
        }

        @Test
        void mergePatchThatRemovesAttributesAndTags() {
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "PATCH",
                            ITEM_PATH,
                            Map.of("Content-Type", "application/merge-patch+json", "If-Match", "\"2\""),
                            "{\"attributes\":null,\"tags\":null}",
                            200,
                            itemHeaders("\"3\""),
                            ITEM))
                    .doesNotThrowAnyException();
        }

        @Test
        void mergePatchSentAsPlainJson() {
            assertThat(CONTRACT.violations(
                            "PATCH",
                            ITEM_PATH,
                            JSON_REQUEST,
                            "{\"name\":\"Renamed\"}",
                            200,
                            itemHeaders("\"4\""),
                            ITEM))
                    .isEmpty();
        }

        @Test
        void unsupportedMediaTypeNamingWhatIsAccepted() {
            var headers = new HashMap<>(problemHeaders());
            headers.put("Accept-Patch", "application/json, application/merge-patch+json");

            assertThat(CONTRACT.violations(
                            "PATCH", ITEM_PATH, Map.of("Content-Type", "text/plain"), "x", 415, headers, problem(415)))
                    .isEmpty();
        }

        @Test
        void deletionWithDeprecationAndSunset() {
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "DELETE",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            204,
                            Map.of(
                                    "API-Version",
                                    "1",
                                    "Deprecation",
                                    "@1798761600",
                                    "Sunset",
                                    "Sat, 01 May 2027 00:00:00 GMT"),
                            null))
                    .doesNotThrowAnyException();
        }

        @Test
        void validationProblemWithFieldErrors() {
            assertThatCode(() -> CONTRACT.assertResponseMatches(
                            "POST", "/v1/items", JSON_REQUEST, "{\"name\":\"\"}", 400, problemHeaders(), """
                            {"type":"https://groundwork.dev/problems/validation","title":"Invalid","status":400,\
                            "detail":"1 field","errors":[{"field":"name","message":"must be 1 to 200 characters"}]}"""))
                    .doesNotThrowAnyException();
        }

        @Test
        void everyDocumentedErrorOfEveryRoute() {
            record Route(String method, String path, Map<String, String> headers, String body, int... statuses) {}
            var routes = new Route[] {
                new Route("POST", "/v1/items", JSON_REQUEST, "{}", 400, 401, 403, 409, 413, 415, 422, 500, 503),
                new Route("GET", "/v1/items", Map.of(), null, 400, 401, 403, 500, 503),
                new Route("GET", ITEM_PATH, Map.of(), null, 400, 401, 403, 404, 500, 503),
                new Route(
                        "PATCH",
                        ITEM_PATH,
                        MERGE_PATCH_REQUEST,
                        "{}",
                        400,
                        401,
                        403,
                        404,
                        409,
                        412,
                        413,
                        415,
                        500,
                        503),
                new Route("DELETE", ITEM_PATH, Map.of(), null, 401, 403, 404, 500, 503),
            };
            for (Route route : routes) {
                for (int status : route.statuses()) {
                    var headers = new HashMap<>(problemHeaders());
                    if (status == 409) {
                        headers.put("Retry-After", "1");
                    }
                    assertThat(CONTRACT.violations(
                                    route.method(),
                                    route.path(),
                                    route.headers(),
                                    route.body(),
                                    status,
                                    headers,
                                    problem(status)))
                            .as("%s %s -> %d", route.method(), route.path(), status)
                            .isEmpty();
                }
            }
        }

        @Test
        void apiGatewaysOwnUnauthorizedBody() {
            assertThat(CONTRACT.violations(
                            "GET",
                            "/v1/items",
                            Map.of(),
                            null,
                            401,
                            Map.of("Content-Type", "application/json"),
                            "{\"message\":\"Unauthorized\"}"))
                    .isEmpty();
        }

        /**
         * API Gateway's 403 for a missing scope has the body the contract documents but not the API-Version header v1
         * promised on 403s before routes required scopes: the one known gap, kept visible (docs/security.md).
         */
        @Test
        void apiGatewaysOwnForbiddenBodyForATokenWithoutTheOperationsScopeLacksOnlyApiVersion() {
            assertThat(CONTRACT.violations(
                            "POST",
                            "/v1/items",
                            JSON_REQUEST,
                            "{\"name\":\"anvil\"}",
                            403,
                            Map.of("Content-Type", "application/json"),
                            "{\"message\":\"Forbidden\"}"))
                    .singleElement()
                    .asString()
                    .contains("API-Version");
        }

        @Test
        void apiGatewaysOwnThrottlingBodyOnEveryRoute() {
            for (String[] route : new String[][] {
                {"POST", "/v1/items"},
                {"GET", "/v1/items"},
                {"GET", ITEM_PATH},
                {"PATCH", ITEM_PATH},
                {"DELETE", ITEM_PATH},
                {"GET", "/v1/usage"},
                {"POST", "/v1/imports"},
                {"GET", "/v1/imports/01JDQ8Y6W3ZK9T4M2N7P5R8S0V"}
            }) {
                assertThat(CONTRACT.violations(
                                route[0],
                                route[1],
                                Map.of(),
                                null,
                                429,
                                Map.of("Content-Type", "application/json"),
                                "{\"message\":\"Too Many Requests\"}"))
                        .as("%s %s -> 429", route[0], route[1])
                        .isEmpty();
            }
        }

        @Test
        void headerNamesInAnyCase() {
            assertThat(CONTRACT.violations(
                            "GET",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            200,
                            Map.of("content-type", "application/json", "etag", "\"3\"", "api-version", "1"),
                            ITEM))
                    .isEmpty();
        }
    }

    @Nested
    class RejectsResponsesThatBreakIt {

        @Test
        void undocumentedStatus() {
            assertThat(CONTRACT.violations("DELETE", ITEM_PATH, Map.of(), null, 200, problemHeaders(), problem(200)))
                    .singleElement()
                    .asString()
                    .contains("Response status 200 not defined");
        }

        @Test
        void statusThatThisRouteNeverAnswers() {
            assertThat(CONTRACT.violations(
                            "PATCH", ITEM_PATH, MERGE_PATCH_REQUEST, "{}", 422, problemHeaders(), problem(422)))
                    .singleElement()
                    .asString()
                    .contains("Response status 422 not defined");
            assertThat(CONTRACT.violations("DELETE", ITEM_PATH, Map.of(), null, 415, problemHeaders(), problem(415)))
                    .singleElement()
                    .asString()
                    .contains("Response status 415 not defined");
        }

        @Test
        void locationThatIsNotAnItemPath() {
            var headers = new HashMap<>(itemHeaders("\"1\""));
            headers.put("Location", "/v1/items/../admin");

            assertThat(CONTRACT.violations("POST", "/v1/items", JSON_REQUEST, "{\"name\":\"n\"}", 201, headers, ITEM))
                    .singleElement()
                    .asString()
                    .contains("/v1/items/../admin");
        }

        @Test
        void unknownRoute() {
            assertThat(CONTRACT.violations("PUT", ITEM_PATH, JSON_REQUEST, "{}", 200, itemHeaders("\"1\""), ITEM))
                    .singleElement()
                    .asString()
                    .contains("PUT operation not allowed");
            assertThat(CONTRACT.violations("GET", "/v2/items", Map.of(), null, 200, itemHeaders("\"1\""), ITEM))
                    .singleElement()
                    .asString()
                    .contains("No API path found");
        }

        @Test
        void itemFieldTheContractDoesNotHave() {
            String withExtra = ITEM.replace("\"version\":3", "\"version\":3,\"tenantId\":\"t-1\"");

            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), withExtra))
                    .singleElement()
                    .asString()
                    .contains("not allowed", "tenantId");
        }

        @Test
        void itemWithoutARequiredField() {
            String withoutTags = ITEM.replace("\"tags\":[\"widgets\"],", "");

            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), withoutTags))
                    .singleElement()
                    .asString()
                    .contains("missing required properties", "tags");
        }

        @Test
        void itemFieldsOfTheWrongShape() {
            String wrong = """
                    {"id":"01JDQ8Y6W3ZK9T4M2N7P5R8S0V","name":"","attributes":[],"tags":["a","a"],"version":0,\
                    "createdAt":"yesterday","updatedAt":1764000000}""";

            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), wrong))
                    .hasSize(6)
                    .anySatisfy(line -> assertThat(line).contains("/name", "too short"))
                    .anySatisfy(line -> assertThat(line).contains("/attributes"))
                    .anySatisfy(line -> assertThat(line).contains("/tags", "duplicate"))
                    .anySatisfy(line -> assertThat(line).contains("/version", "minimum"))
                    .anySatisfy(line -> assertThat(line).contains("/createdAt", "date"))
                    .anySatisfy(line -> assertThat(line).contains("/updatedAt"));
        }

        @Test
        void tooManyTagsOrAttributes() {
            String manyTags = ITEM.replace("[\"widgets\"]", jsonArrayOfDistinctStrings(21));
            String manyAttributes = ITEM.replace("{\"colour\":\"blue\",\"size\":{\"w\":1}}", jsonObjectOfKeys(65));

            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), manyTags))
                    .singleElement()
                    .asString()
                    .contains("/tags");
            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 200, itemHeaders("\"3\""), manyAttributes))
                    .singleElement()
                    .asString()
                    .contains("/attributes");
        }

        @Test
        void nextCursorThatIsNeitherStringNorNull() {
            assertThat(CONTRACT.violations(
                            "GET",
                            "/v1/items",
                            Map.of(),
                            null,
                            200,
                            Map.of("Content-Type", "application/json", "API-Version", "1"),
                            "{\"items\":[],\"nextCursor\":7}"))
                    .singleElement()
                    .asString()
                    .contains("/nextCursor", "integer");
        }

        @Test
        void missingOrMalformedHeaders() {
            assertThat(CONTRACT.violations(
                            "POST", "/v1/items", JSON_REQUEST, "{\"name\":\"n\"}", 201, itemHeaders("1"), ITEM))
                    .hasSize(2)
                    .anySatisfy(line -> assertThat(line).contains("Header 'Location' is expected"))
                    .anySatisfy(line -> assertThat(line).contains("does not match input string \"1\""));
            assertThat(CONTRACT.violations(
                            "GET",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            200,
                            Map.of("Content-Type", "application/json", "ETag", "\"3\""),
                            ITEM))
                    .singleElement()
                    .asString()
                    .contains("Header 'API-Version' is expected");
            assertThat(CONTRACT.violations(
                            "DELETE",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            204,
                            Map.of("API-Version", "1", "Sunset", "2027-05-01"),
                            null))
                    .singleElement()
                    .asString()
                    .contains("2027-05-01");
        }

        @Test
        void apiVersionOtherThanTheContracts() {
            assertThat(CONTRACT.version()).isEqualTo("1.0.0");
            assertThat(CONTRACT.majorVersion()).isEqualTo("1");
            assertThat(CONTRACT.violations(
                            "GET",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            200,
                            Map.of("Content-Type", "application/json", "ETag", "\"3\"", "API-Version", "2"),
                            ITEM))
                    .singleElement()
                    .asString()
                    .contains("'2'", "major version 1");
        }

        @Test
        void retryAfterThatIsNotSeconds() {
            var headers = new HashMap<>(problemHeaders());
            headers.put("Retry-After", "soon");

            assertThat(CONTRACT.violations("POST", "/v1/items", JSON_REQUEST, "{}", 409, headers, problem(409)))
                    .singleElement()
                    .asString()
                    .contains("integer");
        }

        @Test
        void problemWithAnotherStatusOrAStackTrace() {
            String wrongStatus = problem(400);
            String withStack = problem(404).replace("\"detail\":\"D\"", "\"detail\":\"D\",\"stackTrace\":\"at x\"");

            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 404, problemHeaders(), wrongStatus))
                    .singleElement()
                    .asString()
                    .contains("(400) not found in enum", "[404]");
            assertThat(CONTRACT.violations("GET", ITEM_PATH, Map.of(), null, 404, problemHeaders(), withStack))
                    .singleElement()
                    .asString()
                    .contains("stackTrace");
        }

        @Test
        void errorThatIsNotProblemJson() {
            assertThat(CONTRACT.violations(
                            "GET",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            404,
                            Map.of("Content-Type", "text/plain", "API-Version", "1"),
                            "Not Found"))
                    .singleElement()
                    .asString()
                    .contains("'text/plain' does not match");
        }

        @Test
        void bodyOnNoContent() {
            assertThat(CONTRACT.violations(
                            "DELETE",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            204,
                            Map.of("API-Version", "1", "Content-Type", "application/json"),
                            "{}"))
                    .singleElement()
                    .asString()
                    .contains("No response body is expected");
        }

        @Test
        void successForARequestTheContractForbids() {
            assertThat(CONTRACT.violations(
                            "POST",
                            "/v1/items",
                            JSON_REQUEST,
                            "{\"name\":\"n\",\"tenantId\":\"other\"}",
                            201,
                            Map.of(
                                    "Content-Type",
                                    "application/json",
                                    "ETag",
                                    "\"1\"",
                                    "API-Version",
                                    "1",
                                    "Location",
                                    "/v1/items/01JDQ8Y6W3ZK9T4M2N7P5R8S0V"),
                            ITEM))
                    .singleElement()
                    .asString()
                    .startsWith("request:")
                    .contains("tenantId");
            assertThat(CONTRACT.violations(
                            "GET",
                            "/v1/items?limit=101",
                            Map.of(),
                            null,
                            200,
                            Map.of("Content-Type", "application/json", "API-Version", "1"),
                            "{\"items\":[],\"nextCursor\":null}"))
                    .singleElement()
                    .asString()
                    .contains("maximum: 100", "query parameter limit");
        }

        @Test
        void butNotTheRequestWhenTheResponseRejectsIt() {
            assertThat(CONTRACT.violations(
                            "GET", "/v1/items?limit=101", Map.of(), null, 400, problemHeaders(), problem(400)))
                    .isEmpty();
        }

        @Test
        void assertionListsEveryViolationWithTheExchange() {
            assertThatThrownBy(() -> CONTRACT.assertResponseMatches(
                            "GET",
                            ITEM_PATH,
                            Map.of(),
                            null,
                            200,
                            Map.of("Content-Type", "application/json"),
                            ITEM.replace("\"name\":\"Blue widget\",", "")))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("GET " + ITEM_PATH + " -> 200 breaks the API contract")
                    .hasMessageContaining("3 violations")
                    .hasMessageContaining("Header 'ETag' is expected")
                    .hasMessageContaining("Header 'API-Version' is expected")
                    .hasMessageContaining("missing required properties ([\"name\"])");
        }
    }

    @Test
    void refusesADocumentThatIsNotOpenApi() {
        assertThatThrownBy(() -> ApiContract.fromText("openapi: 3.1.0\npaths: 7\n", "broken.yaml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.yaml");
    }

    private static String jsonArrayOfDistinctStrings(int count) {
        var json = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"t").append(i).append('"');
        }
        return json.append(']').toString();
    }

    private static String jsonObjectOfKeys(int count) {
        var json = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        return json.append('}').toString();
    }
}
