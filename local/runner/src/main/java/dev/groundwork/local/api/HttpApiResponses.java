package dev.groundwork.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.local.LocalJson;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a function's response to HTTP as API Gateway does for payload format 2.0: a JSON object with a
 * {@code statusCode} gives status, headers, cookies and body (base64-decoded when {@code isBase64Encoded}); any other
 * valid JSON is a 200 {@code application/json} response whose body is that JSON; anything else is API Gateway's 500.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response
 */
public final class HttpApiResponses {

    private static final ObjectMapper JSON = LocalJson.mapper();
    private static final PojoSerializer<APIGatewayV2HTTPResponse> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPResponse.class);

    /** What goes back on the wire. Header values are lists because Set-Cookie repeats. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {
        public static Response message(int status, String message) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("content-type", List.of("application/json"));
            return new Response(
                    status, headers, ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
        }
    }

    public static final Response NOT_FOUND = Response.message(404, "Not Found");
    public static final Response UNAUTHORIZED = Response.message(401, "Unauthorized");
    public static final Response FORBIDDEN = Response.message(403, "Forbidden");
    public static final Response INTERNAL_SERVER_ERROR = Response.message(500, "Internal Server Error");
    public static final Response SERVICE_UNAVAILABLE = Response.message(503, "Service Unavailable");
    public static final Response TOO_LARGE = Response.message(413, "Request Entity Too Large");
    public static final Response BAD_REQUEST = Response.message(400, "Bad Request");
    public static final Response NOT_IMPLEMENTED = Response.message(501, "Not Implemented");
    public static final Response HEAD_TOO_LARGE = Response.message(431, "Request Header Fields Too Large");
    /** API Gateway's throttling answer; Retry-After tells a client when the runner has room again. */
    public static final Response TOO_MANY_REQUESTS =
            withHeader(Response.message(429, "Too Many Requests"), "retry-after", "1");
    /**
     * API Gateway's answer to a request over its route's throttle: no Retry-After (API Gateway sends none), so a
     * client's back-off tested locally is the one it will need deployed.
     */
    public static final Response THROTTLED = Response.message(429, "Too Many Requests");
    /** A body that stopped arriving: the rest of it is never read, so the connection cannot carry another request. */
    public static final Response REQUEST_TIMEOUT =
            withHeader(Response.message(408, "Request Timeout"), "connection", "close");

    private HttpApiResponses() {}

    /**
     * API Gateway's 401 for a refused token, with its {@code www-authenticate} challenge (which says why:
     * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-jwt.html).
     */
    public static Response unauthorized(String challenge) {
        return withHeader(UNAUTHORIZED, "www-authenticate", challenge);
    }

    private static Response withHeader(Response response, String name, String value) {
        Map<String, List<String>> headers = new LinkedHashMap<>(response.headers());
        headers.put(name, List.of(value));
        return new Response(response.status(), headers, response.body());
    }

    public static Response fromPayload(byte[] payload) {
        JsonNode tree;
        try {
            tree = JSON.readTree(payload);
        } catch (Exception notJson) {
            return INTERNAL_SERVER_ERROR;
        }
        if (tree == null || tree.isMissingNode()) {
            return INTERNAL_SERVER_ERROR;
        }
        if (!tree.isObject() || !tree.has("statusCode")) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            headers.put("content-type", List.of("application/json"));
            return new Response(200, headers, payload);
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = SERIALIZER.fromJson(new ByteArrayInputStream(payload));
        } catch (RuntimeException malformed) {
            return INTERNAL_SERVER_ERROR;
        }
        if (response.getStatusCode() < 100 || response.getStatusCode() > 599) {
            return INTERNAL_SERVER_ERROR;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(), new ArrayList<>(values)));
        }
        if (response.getHeaders() != null) {
            response.getHeaders()
                    .forEach((name, value) -> headers.put(name.toLowerCase(), new ArrayList<>(List.of(value))));
        }
        if (response.getCookies() != null && !response.getCookies().isEmpty()) {
            headers.computeIfAbsent("set-cookie", name -> new ArrayList<>()).addAll(response.getCookies());
        }
        byte[] body;
        String text = response.getBody();
        if (text == null) {
            body = new byte[0];
        } else if (response.getIsBase64Encoded()) {
            try {
                body = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException notBase64) {
                return INTERNAL_SERVER_ERROR;
            }
        } else {
            body = text.getBytes(StandardCharsets.UTF_8);
        }
        return new Response(response.getStatusCode(), headers, body);
    }
}
