package dev.groundwork.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.groundwork.kernel.TenantId;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An HTTP API (payload format 2.0) request of a known tenant, with the checks every route shares: media type, size
 * and well-formedness of the body, and reading headers and parameters.
 */
public final class ApiRequest {
    /**
     * The largest JSON body the deployed path brings to a function whatever its bytes, so the largest a route may take.
     * API Gateway hands a JSON body to Lambda as a JSON string, escaped: a byte can become six (a control character as
     * a backslash-u escape), and a synchronous invocation carries at most 6 MiB (6,291,456 bytes) of event
     * (https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html). 6,000,000 bytes leave 291,456 for the
     * rest of the event (the request line and header values, 10 KiB at most, repeated and escaped in its fields and
     * claims; the headers' names, which the gateway's quota does not count, as long as they are not hundreds of
     * kilobytes); a larger body of control characters would reach no function, and its client would get no problem
     * of ours.
     */
    public static final long MAX_JSON_BODY_BYTES = 1_000_000L;

    private final APIGatewayV2HTTPEvent event;
    private final TenantId tenant;
    private final Duration remaining;

    ApiRequest(APIGatewayV2HTTPEvent event, TenantId tenant, Duration remaining) {
        this.event = event;
        this.tenant = tenant;
        this.remaining = remaining;
    }

    /**
     * The tenant named by the verified token's claim, the only source of a tenant. API Gateway's JWT authorizer has
     * checked the token; an absent or malformed claim still gets no access.
     */
    static Optional<TenantId> tenantOf(APIGatewayV2HTTPEvent event, String claim) {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims)
                .map(claims -> claims.get(claim))
                .flatMap(TenantId::parse);
    }

    public TenantId tenant() {
        return tenant;
    }

    /** What the invoke had left before Lambda's deadline when the request reached its route. */
    public Duration remaining() {
        return remaining;
    }

    /**
     * The route as API Gateway names it ({@code POST /v1/items}); the method and path when an event has none (a test's
     * hand-made event).
     */
    public String routeKey() {
        return Optional.ofNullable(event.getRouteKey()).orElseGet(() -> method() + " " + event.getRawPath());
    }

    /** A header by name, whatever its case (API Gateway lower-cases them; clients and tests may not). */
    public Optional<String> header(String name) {
        return lookup(event.getHeaders(), name);
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(event.getPathParameters()).map(parameters -> parameters.get(name));
    }

    /**
     * A query parameter. Every parameter of the API takes one value: given twice, it is a 400 saying so, where API
     * Gateway would hand over both joined with a comma and the value's own check would call it malformed.
     *
     * @throws Rejection when the request's query names it more than once
     */
    public Optional<String> queryParameter(String name) {
        if (occurrences(event.getRawQueryString(), name) > 1) {
            throw new Rejection(Problem.invalid(name, "is given more than once; give it once"));
        }
        return Optional.ofNullable(event.getQueryStringParameters()).map(parameters -> parameters.get(name));
    }

    /** How many times a raw query string names a parameter (names compared percent-decoded, as API Gateway does). */
    private static int occurrences(String rawQuery, String name) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            try {
                key = URLDecoder.decode(key, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                continue; // not this parameter's name, whatever it is
            }
            if (key.equals(name)) {
                count++;
            }
        }
        return count;
    }

    /**
     * The body as a JSON object, after checking its media type and size.
     *
     * @throws Rejection 415 for another media type, {@code tooLarge} over {@code maxBytes}, 400 when not a JSON object
     */
    public Map<String, Object> jsonObjectBody(Set<String> mediaTypes, long maxBytes, Problem tooLarge) {
        requireMediaType(mediaTypes);
        return ApiJson.readObject(body(maxBytes, tooLarge));
    }

    /** The body's bytes, at most {@code maxBytes} of them; {@code tooLarge} otherwise. */
    public byte[] body(long maxBytes, Problem tooLarge) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes;
        if (event.getIsBase64Encoded()) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException notBase64) {
                throw new Rejection(Problem.of(ProblemType.MALFORMED_JSON, "The request body could not be decoded."));
            }
        } else {
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > maxBytes) {
            throw new Rejection(tooLarge);
        }
        return bytes;
    }

    /** The body's media type, as {@code Content-Type} names it without parameters, in lower case; empty without one. */
    public String mediaType() {
        return header("Content-Type").orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Every route with a body calls this first, before it reads or uses anything (an {@code Idempotency-Key} above all).
     *
     * @throws Rejection 415 when the body has a content coding (RFC 9110, section 8.4), or unless its media type is
     *     one of {@code accepted}, in UTF-8
     */
    public void requireMediaType(Set<String> accepted) {
        requireNoContentCoding();
        String[] parts = header("Content-Type").orElse("").split(";");
        String mediaType = mediaType();
        boolean utf8 = true;
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            // Every charset named must be UTF-8: a parameter given twice is an error (RFC 6838, section 4.3), and
            // whichever one a reader took, the body is read as UTF-8.
            if (parameter[0].strip().equalsIgnoreCase("charset") && parameter.length == 2) {
                utf8 &= parameter[1].strip().replace("\"", "").equalsIgnoreCase("utf-8");
            }
        }
        if (!accepted.contains(mediaType) || !utf8) {
            throw new Rejection(Problem.of(
                            ProblemType.UNSUPPORTED_MEDIA_TYPE,
                            "Send the body as "
                                    + String.join(
                                            " or ", accepted.stream().sorted().toList()) + " in UTF-8.")
                    .withHeader(
                            acceptHeader(),
                            String.join(", ", accepted.stream().sorted().toList())));
        }
    }

    /**
     * Bodies are read as sent: a compressed one (gzip, br, ...) would only be read as bytes that are not JSON, each
     * import line rejected and the key used up. RFC 9110 section 15.5.16 answers an unsupported content coding with a
     * 415, and RFC 7694 section 3 lists what is taken in {@code Accept-Encoding}: nothing but {@code identity}.
     */
    private void requireNoContentCoding() {
        Optional<String> codings = header("Content-Encoding");
        if (codings.isEmpty()) {
            return;
        }
        for (String coding : codings.get().split(",", -1)) {
            String name = coding.strip();
            if (!name.isEmpty() && !name.equalsIgnoreCase("identity")) {
                throw new Rejection(Problem.of(
                                ProblemType.UNSUPPORTED_CONTENT_ENCODING,
                                "Send the body without a Content-Encoding (or with Content-Encoding: identity):"
                                        + " compressed bodies are not taken.")
                        .withHeader("Accept-Encoding", "identity"));
            }
        }
    }

    /** RFC 5789 section 3.1 asks a 415 to a PATCH to list what it accepts in {@code Accept-Patch}. */
    private String acceptHeader() {
        return "PATCH".equalsIgnoreCase(method()) ? "Accept-Patch" : "Accept-Post";
    }

    private String method() {
        return Optional.ofNullable(event.getRequestContext())
                .map(APIGatewayV2HTTPEvent.RequestContext::getHttp)
                .map(APIGatewayV2HTTPEvent.RequestContext.Http::getMethod)
                .orElse("");
    }

    private static Optional<String> lookup(Map<String, String> headers, String name) {
        if (headers == null) {
            return Optional.empty();
        }
        String exact = headers.get(name.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return Optional.of(exact);
        }
        // A loop, not a stream: API Gateway's names are lower-case, so this runs for every header a request lacks,
        // and a stream's lambdas would be made on the first such request, after a SnapStart restore.
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return Optional.ofNullable(header.getValue());
            }
        }
        return Optional.empty();
    }
}
