package dev.groundwork.local.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.groundwork.local.template.HttpRouteSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static HttpRouteSpec route(String method, String path, String function) {
        return new HttpRouteSpec(method, path, function, null, List.of());
    }

    private final RouteTable table = new RouteTable(List.of(
            route("GET", "/v1/items", "List"),
            route("GET", "/v1/items/{itemId}", "Get"),
            route("GET", "/v1/items/special", "Special"),
            route("ANY", "/v1/items/{itemId}", "Any"),
            route("GET", "/files/{path+}", "Files"),
            route("ANY", "$default", "Default")));

    @Test
    void prefersALiteralSegmentOverAVariable() {
        assertThat(table.match("GET", "/v1/items/special").orElseThrow().route().functionLogicalId())
                .isEqualTo("Special");
        assertThat(table.match("GET", "/v1/items/42").orElseThrow().route().functionLogicalId())
                .isEqualTo("Get");
    }

    @Test
    void prefersAnExactMethodOverAny() {
        assertThat(table.match("PUT", "/v1/items/42").orElseThrow().route().functionLogicalId())
                .isEqualTo("Any");
    }

    @Test
    void decodesPathParametersAndMatchesGreedyVariables() {
        RouteTable.Match item = table.match("GET", "/v1/items/a%20b").orElseThrow();
        RouteTable.Match file = table.match("GET", "/files/a/b/c.txt").orElseThrow();

        assertThat(item.pathParameters()).containsEntry("itemId", "a b");
        assertThat(file.pathParameters()).containsEntry("path", "a/b/c.txt");
    }

    @Test
    void fallsBackToTheDefaultRouteOnlyWhenNothingElseMatches() {
        assertThat(table.match("GET", "/elsewhere").orElseThrow().route().functionLogicalId())
                .isEqualTo("Default");
        assertThat(new RouteTable(List.of(route("GET", "/v1/items", "List"))).match("GET", "/v1/items/"))
                .isEmpty();
    }
}
