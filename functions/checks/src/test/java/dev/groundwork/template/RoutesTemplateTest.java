package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.ROOT;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * template.yaml's HTTP routes: each function serves its one route, through the HTTP API whose default authorizer
 * checks a JWT, and the routes are exactly the operations of the contract, {@code api/openapi.yaml}.
 */
class RoutesTemplateTest {

    /** The route each HTTP function's handler serves. */
    private static final Map<String, String> ROUTES = Map.ofEntries(
            Map.entry("CreateItemFunction", "POST /v1/items"),
            Map.entry("GetItemFunction", "GET /v1/items/{itemId}"),
            Map.entry("ListItemsFunction", "GET /v1/items"),
            Map.entry("UpdateItemFunction", "PATCH /v1/items/{itemId}"),
            Map.entry("DeleteItemFunction", "DELETE /v1/items/{itemId}"),
            Map.entry("GetUsageFunction", "GET /v1/usage"),
            Map.entry("CreateImportFunction", "POST /v1/imports"),
            Map.entry("GetImportFunction", "GET /v1/imports/{importId}"));

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    static Stream<StackFunction> httpFunctions() {
        return REPOSITORY.functions().stream()
                .filter(function -> !function.routes().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpFunctions")
    void servesItsOneRouteThroughTheJwtProtectedApi(StackFunction function) {
        assertThat(function.routes())
                .as("%s's routes", function)
                .singleElement()
                .satisfies(route -> {
                    assertThat(route.toString()).isEqualTo(ROUTES.get(function.logicalId()));
                    assertThat(route.apiId()).isEqualTo(Map.of("Ref", "HttpApi"));
                    assertThat(route.properties())
                            .as("%s overrides the API's authorizer", route)
                            .doesNotContainKey("Auth");
                });
    }

    @Test
    void theApiAuthorizesEveryRouteWithAJwtByDefault() {
        Map<String, Object> auth =
                map(REPOSITORY.resource("HttpApi").properties().get("Auth"));

        assertThat(map(map(auth.get("Authorizers")).get(auth.get("DefaultAuthorizer"))))
                .containsKey("JwtConfiguration");
    }

    @Test
    void routesExactlyTheContractsOperations() throws IOException {
        SortedSet<String> wired = new TreeSet<>();
        REPOSITORY.functions().forEach(function -> function.routes().forEach(route -> wired.add(route.toString())));
        SortedSet<String> documented = new TreeSet<>();
        map(CloudFormationYaml.read(ROOT.resolve("api/openapi.yaml")).get("paths"))
                .forEach((path, operations) -> map(operations).keySet().stream()
                        .filter(HTTP_METHODS::contains)
                        .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertThat(wired).as("template.yaml's routes").containsExactlyInAnyOrderElementsOf(ROUTES.values());
        assertThat(difference(wired, documented))
                .as("routes in template.yaml that api/openapi.yaml does not describe")
                .isEmpty();
        assertThat(difference(documented, wired))
                .as("operations in api/openapi.yaml that no function in template.yaml serves")
                .isEmpty();
    }

    private static SortedSet<String> difference(SortedSet<String> left, SortedSet<String> right) {
        SortedSet<String> only = new TreeSet<>(left);
        only.removeAll(right);
        return only;
    }
}
