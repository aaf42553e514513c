package dev.groundwork.platform.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.groundwork.api.ApiContract;
import java.util.Map;

/**
 * Holds every response a handler test sees to the published contract, api/openapi.yaml (issue 5): an undocumented
 * status, header or field fails the test that produced it.
 */
public final class Contract {
    private static final ApiContract CONTRACT = ApiContract.load();

    private Contract() {}

    /** The response, after checking it against the contract for the request that produced it. */
    public static APIGatewayV2HTTPResponse checked(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        String query = request.getRawQueryString() == null
                        || request.getRawQueryString().isEmpty()
                ? ""
                : "?" + request.getRawQueryString();
        CONTRACT.assertResponseMatches(
                request.getRequestContext().getHttp().getMethod(),
                request.getRawPath() + query,
                request.getHeaders() == null ? Map.of() : request.getHeaders(),
                request.getBody(),
                response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(),
                response.getBody());
        return response;
    }
}
