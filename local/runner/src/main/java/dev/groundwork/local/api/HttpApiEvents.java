package dev.groundwork.local.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the HTTP API payload format 2.0 event as API Gateway does: the path (percent-decoded, as HTTP APIs pass it)
 * and raw query string, lower-cased headers
 * with repeated ones joined by commas, the {@code Cookie} header moved to {@code cookies}, repeated query parameters
 * joined by commas, path parameters of the matched route, a base64 body when it is not text (by content type) or
 * not valid UTF-8, and a
 * {@code requestContext} with stage {@code $default}.
 * See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
 */
public final class HttpApiEvents {

    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern(
                    "dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            JacksonFactory.getInstance().getSerializer(APIGatewayV2HTTPEvent.class);

    /** The parts of an HTTP request that the event is made of. */
    public record Request(
            String method,
            String rawPath,
            String rawQuery,
            Map<String, List<String>> headers,
            byte[] body,
            String sourceIp,
            String host,
            int port) {}

    private HttpApiEvents() {}

    /** API Gateway's request id: 16 random bytes of which it shows a short base64 form, e.g. {@code JKJaXmPLvHcESHA=}. */
    public static String newRequestId() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static APIGatewayV2HTTPEvent build(
            Request request,
            RouteTable.Match match,
            String requestId,
            Instant time,
            JwtAuthorizer.Decision.Allowed authorization) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.strip());
                        }
                    }
                }
                return;
            }
            String joined = String.join(",", values);
            headers.merge(lower, joined, (a, b) -> a + "," + b);
        });
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.port()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", traceId(time));
        if (request.body().length > 0) {
            headers.putIfAbsent("content-length", Integer.toString(request.body().length));
        }

        String body = null;
        boolean base64 = false;
        if (request.body().length > 0) {
            Optional<String> text = isText(headers.get("content-type")) ? utf8(request.body()) : Optional.empty();
            if (text.isPresent()) {
                body = text.get();
            } else {
                body = Base64.getEncoder().encodeToString(request.body());
                base64 = true;
            }
        }

        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = authorization == null
                ? null
                : APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                .builder()
                                .withClaims(authorization.claims())
                                .withScopes(authorization.scopes().isEmpty() ? null : authorization.scopes())
                                .build())
                        .build();
        // HTTP APIs hand the path over percent-decoded (REST APIs and function URLs do not), in rawPath and http.path
        // alike.
        String path = decodePath(request.rawPath());
        String host = request.host() == null ? "localhost" : request.host();
        String domainName = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        APIGatewayV2HTTPEvent.RequestContext context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(domainName)
                .withDomainPrefix(
                        domainName.contains(".") ? domainName.substring(0, domainName.indexOf('.')) : domainName)
                .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(request.method())
                        .withPath(path)
                        .withProtocol("HTTP/1.1")
                        .withSourceIp(request.sourceIp())
                        .withUserAgent(headers.get("user-agent"))
                        .build())
                .withRequestId(requestId)
                .withRouteKey(match.route().routeKey())
                .withStage("$default")
                .withTime(REQUEST_TIME.format(time))
                .withTimeEpoch(time.toEpochMilli())
                .withAuthorizer(authorizer)
                .build();
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(match.route().routeKey())
                .withRawPath(path)
                .withRawQueryString(request.rawQuery() == null ? "" : request.rawQuery())
                .withCookies(cookies.isEmpty() ? null : cookies)
                .withHeaders(headers)
                .withQueryStringParameters(queryParameters(request.rawQuery()))
                .withPathParameters(match.pathParameters().isEmpty() ? null : match.pathParameters())
                .withBody(body)
                .withIsBase64Encoded(base64)
                .withRequestContext(context)
                .build();
    }

    /** The event as the JSON that API Gateway sends to Lambda. */
    public static byte[] toJson(APIGatewayV2HTTPEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream(1024);
        SERIALIZER.toJson(event, json);
        return json.toByteArray();
    }

    private static Map<String, String> queryParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decodePath(String rawPath) {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return rawPath;
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /**
     * The body as text when it is valid UTF-8, else empty: decoding with replacement characters (U+FFFD) would alter the
     * client's bytes silently, so such a body goes base64-encoded, as API Gateway sends bytes it cannot pass as text.
     */
    private static Optional<String> utf8(byte[] body) {
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString());
        } catch (CharacterCodingException notUtf8) {
            return Optional.empty();
        }
    }

    /**
     * Bodies of these types reach the function as text (when valid UTF-8); any other type is base64-encoded, as API
     * Gateway does: NDJSON among them, which is why an NDJSON import's limit allows for base64's 4/3 (ImportBodies).
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip();
        }
        return type.startsWith("text/")
                || type.equals("application/json")
                || type.endsWith("+json")
                || type.equals("application/xml")
                || type.endsWith("+xml")
                || type.equals("application/javascript")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/yaml")
                || type.equals("application/graphql");
    }

    private static String traceId(Instant time) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        return "Root=1-" + Long.toHexString(time.getEpochSecond()) + "-"
                + HexFormat.of().formatHex(random);
    }
}
