package dev.groundwork.local.template;

import java.util.List;

/**
 * One route of the HTTP API: {@code method} is upper case or {@code ANY}; {@code path} uses API Gateway's
 * {@code {name}} and {@code {name+}} variables, or is {@code $default}. {@code authorizer} is null for an open route.
 */
public record HttpRouteSpec(
        String method, String path, String functionLogicalId, String authorizer, List<String> scopes) {
    public HttpRouteSpec {
        scopes = List.copyOf(scopes);
    }

    /** API Gateway's route key, as in {@code requestContext.routeKey}. */
    public String routeKey() {
        return path.equals("$default") ? "$default" : method + " " + path;
    }
}
