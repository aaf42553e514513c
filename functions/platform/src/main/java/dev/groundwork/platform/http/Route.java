package dev.groundwork.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** What one function does with a request of a known tenant: parse, call the use case, map its outcome. */
@FunctionalInterface
public interface Route {
    APIGatewayV2HTTPResponse handle(ApiRequest request);
}
