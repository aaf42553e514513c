package dev.groundwork.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.platform.snapstart.Priming;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A route's synthetic request for a SnapStart priming, as API Gateway would hand it over (payload format 2.0), from a
 * tenant made up for this priming ({@link Priming#tenant()}): no token names it, so nothing it reads can exist.
 */
public record PrimingRequest(
        String routeKey,
        String path,
        Map<String, String> pathParameters,
        Map<String, String> queryParameters,
        Map<String, String> headers,
        Optional<String> body,
        TenantId tenant) {

    public PrimingRequest {
        pathParameters = Map.copyOf(pathParameters);
        queryParameters = Map.copyOf(queryParameters);
        headers = Map.copyOf(headers);
    }

    /** @param routeKey as API Gateway names the route ({@code GET /v1/items/{itemId}}) */
    public static PrimingRequest of(String routeKey, String path) {
        return new PrimingRequest(
                routeKey,
                path,
                Map.of(),
                Map.of(),
                Map.of("accept", "application/json"),
                Optional.empty(),
                Priming.tenant());
    }

    public PrimingRequest withPathParameter(String name, String value) {
        Map<String, String> parameters = new HashMap<>(pathParameters);
        parameters.put(name, value);
        return new PrimingRequest(routeKey, path, parameters, queryParameters, headers, body, tenant);
    }

    public PrimingRequest withQueryParameter(String name, String value) {
        Map<String, String> parameters = new HashMap<>(queryParameters);
        parameters.put(name, value);
        return new PrimingRequest(routeKey, path, pathParameters, parameters, headers, body, tenant);
    }

    public PrimingRequest withHeader(String name, String value) {
        Map<String, String> all = new HashMap<>(headers);
        all.put(name.toLowerCase(Locale.ROOT), value);
        return new PrimingRequest(routeKey, path, pathParameters, queryParameters, all, body, tenant);
    }

    public PrimingRequest withBody(String contentType, String json) {
        return withHeader("content-type", contentType).withBody(json);
    }

    private PrimingRequest withBody(String json) {
        return new PrimingRequest(routeKey, path, pathParameters, queryParameters, headers, Optional.of(json), tenant);
    }

    APIGatewayV2HTTPEvent event(String tenantClaim) {
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(routeKey)
                .withRawPath(path)
                // As API Gateway writes it, so that the priming reads a raw query as a request does (ApiRequest).
                .withRawQueryString(queryParameters.entrySet().stream()
                        .map(parameter -> URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8))
                        .collect(Collectors.joining("&")))
                .withHeaders(headers)
                // Every field API Gateway may fill in, so that reading the first real event calls no setter (and
                // builds no reflective accessor: about 1 ms each on the first invoke) that the priming did not. Empty
                // where a request may have none: an absent and an empty map read the same (ApiRequest).
                .withPathParameters(pathParameters)
                .withQueryStringParameters(queryParameters)
                .withCookies(List.of())
                .withBody(body.orElse(null))
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRouteKey(routeKey)
                        .withAccountId("000000000000")
                        .withApiId("snapstart-priming")
                        .withDomainName("snapstart-priming.invalid")
                        .withDomainPrefix("snapstart-priming")
                        .withRequestId("snapstart-priming")
                        .withStage("$default")
                        .withTime("01/Jan/2026:00:00:00 +0000")
                        .withTimeEpoch(0L)
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .withUserAgent("snapstart-priming")
                                .build())
                        .withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                                .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT
                                        .builder()
                                        .withClaims(Map.of(tenantClaim, tenant.value()))
                                        .withScopes(List.of())
                                        .build())
                                .build())
                        .build())
                .build();
    }
}
