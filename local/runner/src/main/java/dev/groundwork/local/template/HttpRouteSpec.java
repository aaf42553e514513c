package dev.groundwork.local.template;

import java.util.List;
import java.util.Optional;

/**
 * One route of the HTTP API: {@code method} is upper case or {@code ANY}; {@code path} uses API Gateway's
 * {@code {name}} and {@code {name+}} variables, or is {@code $default}. {@code authorizer} is null for an open route. {@code throttling} is empty when the stage sets no
 * limit for the route (API Gateway then applies only the account's, which the runner does not emulate).
 */
public record HttpRouteSpec(
        String method,
        String path,
        String functionLogicalId,
        String authorizer,
        List<String> scopes,
        Optional<RouteThrottling> throttling) {
    public HttpRouteSpec {
        scopes = List.copyOf(scopes);
    }

    /** A route without a throttle of its own. */
    public HttpRouteSpec(String method, String path, String functionLogicalId, String authorizer, List<String> scopes) {
        this(method, path, functionLogicalId, authorizer, scopes, Optional.empty());
    }

    /** API Gateway's route key, as in {@code requestContext.routeKey}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
