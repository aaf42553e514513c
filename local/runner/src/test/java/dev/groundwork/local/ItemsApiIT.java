package dev.groundwork.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.api.ApiContract;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real application: the repository's template.yaml and the functions as the build left them, served by the
 * runner and driven over HTTP, every route, as two tenants. Skipped (with the reason) when the functions are not built,
 * e.g. when only this module is built with {@code -pl local/runner -am}.
 */
class ItemsApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path state;

    static LocalApplication app;
    static HttpClient http = HttpClient.newHttpClient();
    static ApiContract contract = ApiContract.load();

    @BeforeAll
    static void start() throws Exception {
        app = RepositoryApplication.start(state);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** A call whose response must match the published contract (api/openapi.yaml). */
    private static HttpResponse<String> call(String method, String path, String tenant, String body, String... headers)
            throws Exception {
        HttpResponse<String> response = send(method, path, tenant, body, headers);
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            requestHeaders.put(headers[i], headers[i + 1]);
        }
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> responseHeaders.put(name, String.join(",", values)));
        contract.assertResponseMatches(
                method,
                path,
                requestHeaders,
                body,
                response.statusCode(),
                responseHeaders,
                response.body().isEmpty() ? null : response.body());
        return response;
    }

    /** A call answered by API Gateway itself (401, 404 of an unknown route), which the contract does not describe. */
    private static HttpResponse<String> send(String method, String path, String tenant, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app.endpoint() + path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (tenant != null) {
            request.header("Authorization", "Bearer " + app.token(tenant, tenant + "-user", Duration.ofMinutes(5)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * helper-90: the item routes took bodies of 1,075,200 bytes, but one of control characters over 1,048,246 made an
     * event over Lambda's 6 MiB (each escaped as six bytes), and the gateway answered for the function, naming nothing.
     */
    @Test
    void answersABodyOfTheLargestSizeWhateverItsBytesWithItsOwnProblem() throws Exception {
        String controls = "\u0001".repeat(1_000_000);

        HttpResponse<String> malformed =
                call("POST", "/v1/items", "acme", controls, "Content-Type", "application/json");
        HttpResponse<String> tooLarge =
                call("POST", "/v1/items", "acme", controls + "\u0001", "Content-Type", "application/json");

        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("type").asText()).endsWith("/malformed-json");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("content-type")).contains("application/problem+json");
    }

    @Test
    void servesEveryRouteOfTheTemplateToTwoTenantsWhoCannotSeeEachOther() throws Exception {
        HttpResponse<String> created = call(
                "POST",
                "/v1/items",
                "acme",
                "{\"name\":\"anvil\",\"tags\":[\"heavy\"]}",
                "Content-Type",
                "application/json");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).path("id").asText();
        assertThat(created.headers().firstValue("location")).contains("/v1/items/" + id);
        String etag = created.headers().firstValue("etag").orElseThrow();

        HttpResponse<String> read = call("GET", "/v1/items/" + id, "acme", null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).path("name").asText()).isEqualTo("anvil");
        HttpResponse<String> notModified = call("GET", "/v1/items/" + id, "acme", null, "If-None-Match", etag);
        assertThat(notModified.statusCode()).isEqualTo(304);
        // RFC 9110, 8.6: a 304 sends no Content-Length but the 200's, which would be its body's.
        assertThat(notModified.headers().firstValue("content-length")).isEmpty();

        call("POST", "/v1/items", "globex", "{\"name\":\"rocket\"}", "Content-Type", "application/json");
        JsonNode acmeList =
                JSON.readTree(call("GET", "/v1/items?limit=10", "acme", null).body());
        JsonNode globexList =
                JSON.readTree(call("GET", "/v1/items?limit=10", "globex", null).body());
        assertThat(acmeList.path("items"))
                .extracting(item -> item.path("name").asText())
                .containsExactly("anvil");
        assertThat(globexList.path("items"))
                .extracting(item -> item.path("name").asText())
                .containsExactly("rocket");
        assertThat(call("GET", "/v1/items/" + id, "globex", null).statusCode())
                .as("another tenant's item")
                .isEqualTo(404);

        HttpResponse<String> updated = call(
                "PATCH",
                "/v1/items/" + id,
                "acme",
                "{\"name\":\"big anvil\"}",
                "Content-Type",
                "application/merge-patch+json",
                "If-Match",
                etag);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(JSON.readTree(updated.body()).path("version").asInt()).isEqualTo(2);
        assertThat(call(
                                "PATCH",
                                "/v1/items/" + id,
                                "acme",
                                "{\"name\":\"stale\"}",
                                "Content-Type",
                                "application/merge-patch+json",
                                "If-Match",
                                etag)
                        .statusCode())
                .isEqualTo(412);

        assertThat(call("DELETE", "/v1/items/" + id, "globex", null).statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/v1/items/" + id, "acme", null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/v1/items/" + id, "acme", null).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesTwoIdempotencyKeyHeadersWhichTheFrontDoorJoinsWithACommaAndCreatesNothing() throws Exception {
        HttpResponse<String> refused = send(
                "POST",
                "/v1/items",
                "hooli",
                "{\"name\":\"anvil\"}",
                "Content-Type",
                "application/json",
                "Idempotency-Key",
                "first-key",
                "Idempotency-Key",
                "second-key");

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(refused.body()).path("errors").path(0);
        assertThat(error.path("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(error.path("message").asText()).contains("sent once");
        assertThat(JSON.readTree(call("GET", "/v1/items", "hooli", null).body())
                        .path("items")
                        .size())
                .isZero();
    }

    @Test
    void deletesOnlyAtTheVersionIfMatchNamesAnswering412WithTheCurrentETagOtherwise() throws Exception {
        HttpResponse<String> created =
                call("POST", "/v1/items", "umbrella", "{\"name\":\"vial\"}", "Content-Type", "application/json");
        String id = JSON.readTree(created.body()).path("id").asText();

        HttpResponse<String> stale = call("DELETE", "/v1/items/" + id, "umbrella", null, "If-Match", "\"2\", W/\"1\"");
        assertThat(stale.statusCode()).as(stale.body()).isEqualTo(412);
        assertThat(stale.headers().firstValue("ETag")).contains("\"1\"");
        assertThat(call("GET", "/v1/items/" + id, "umbrella", null).statusCode())
                .isEqualTo(200);

        assertThat(call("DELETE", "/v1/items/" + id, "umbrella", null, "If-Match", "\"2\", \"1\"")
                        .statusCode())
                .isEqualTo(204);
        assertThat(call("GET", "/v1/items/" + id, "umbrella", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void answersTheSameBytesUnderOneETagToTheWriteAndToEveryLaterRead() throws Exception {
        // given: numbers as a client may write them: trailing zeros, exponents, a negative zero
        String numbers = "{\"price\":1.50,\"stock\":1e3,\"delta\":-0.0,\"tiny\":2.500E-3,\"big\":12E+20}";

        // when
        HttpResponse<String> created = call(
                "POST",
                "/v1/items",
                "stark",
                "{\"name\":\"bolt\",\"attributes\":" + numbers + "}",
                "Content-Type",
                "application/json");
        String id = JSON.readTree(created.body()).path("id").asText();
        HttpResponse<String> read = call("GET", "/v1/items/" + id, "stark", null);
        HttpResponse<String> patched = call(
                "PATCH",
                "/v1/items/" + id,
                "stark",
                "{\"attributes\":{\"price\":2.00}}",
                "Content-Type",
                "application/merge-patch+json",
                "If-Match",
                "\"1\"");
        HttpResponse<String> readAgain = call("GET", "/v1/items/" + id, "stark", null);

        // then: DynamoDB's form of each number, and a strong ETag that names one representation (RFC 9110 §8.8.1)
        assertThat(created.body())
                .contains("\"attributes\":{\"big\":1200000000000000000000,\"delta\":0,\"price\":1.5,"
                        + "\"stock\":1000,\"tiny\":0.0025}");
        assertThat(read.headers().firstValue("ETag"))
                .isEqualTo(created.headers().firstValue("ETag"));
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(readAgain.headers().firstValue("ETag"))
                .isEqualTo(patched.headers().firstValue("ETag"));
        assertThat(readAgain.body()).isEqualTo(patched.body()).contains("\"price\":2,");
    }

    @Test
    void refusesRequestsWithoutATokenAndUnknownRoutesAsApiGatewayDoes() throws Exception {
        HttpResponse<String> anonymous = send("GET", "/v1/items", null, null);
        HttpResponse<String> unknown = send("GET", "/v2/items", "acme", null);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).isEqualTo("{\"message\":\"Not Found\"}");
    }
}
