package dev.groundwork.local.api;

import dev.groundwork.local.template.HttpRouteSpec;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the route for a request as API Gateway's HTTP API does: an exact method beats {@code ANY}; among paths, a
 * literal segment beats a {@code {variable}}, which beats a greedy {@code {proxy+}}; {@code $default} catches the
 * rest. See https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
public final class RouteTable {

    /** A route that matched, with its path parameters decoded. */
    public record Match(HttpRouteSpec route, Map<String, String> pathParameters) {}

    private record Compiled(HttpRouteSpec route, String[] segments) {}

    private final List<Compiled> routes = new ArrayList<>();

    public RouteTable(List<HttpRouteSpec> routes) {
        for (HttpRouteSpec route : routes) {
            String path = route.path();
            this.routes.add(new Compiled(route, path.equals("$default") ? null : split(path)));
        }
    }

    public Optional<Match> match(String method, String rawPath) {
        String[] request = split(rawPath);
        Match best = null;
        int[] bestScore = null;
        for (Compiled compiled : routes) {
            boolean methodMatches = compiled.route.method().equals(method)
                    || compiled.route.method().equals("ANY");
            if (!methodMatches) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            int[] score = compiled.segments == null ? new int[] {-1, 0} : score(compiled.segments, request, parameters);
            if (score == null) {
                continue;
            }
            int[] full = {score[0], score[1], compiled.route.method().equals("ANY") ? 0 : 1};
            if (bestScore == null || compare(full, bestScore) > 0) {
                best = new Match(compiled.route, parameters);
                bestScore = full;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {literal segments, variable segments} when the path matches, else null. */
    private static int[] score(String[] pattern, String[] request, Map<String, String> parameters) {
        int literals = 0;
        int variables = 0;
        for (int i = 0; i < pattern.length; i++) {
            String segment = pattern[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                if (i >= request.length) {
                    return null;
                }
                parameters.put(
                        segment.substring(1, segment.length() - 2),
                        decode(String.join("/", List.of(request).subList(i, request.length))));
                return new int[] {literals, variables};
            }
            if (i >= request.length) {
                return null;
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                if (request[i].isEmpty()) {
                    return null;
                }
                parameters.put(segment.substring(1, segment.length() - 1), decode(request[i]));
                variables++;
            } else if (segment.equals(request[i])) {
                literals++;
            } else {
                return null;
            }
        }
        // Greedy routes return early; a literal/variable route must use every segment. Literal-heavy routes win.
        return pattern.length == request.length ? new int[] {literals * 1000 + 500, variables} : null;
    }

    private static int compare(int[] a, int[] b) {
        return Comparator.<int[]>comparingInt(x -> x[0])
                .thenComparingInt(x -> -x[1])
                .thenComparingInt(x -> x[2])
                .compare(a, b);
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.split("/", -1);
    }

    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public List<HttpRouteSpec> routes() {
        return routes.stream().map(Compiled::route).toList();
    }
}
