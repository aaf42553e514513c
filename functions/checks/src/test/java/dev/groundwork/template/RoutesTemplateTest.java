package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.ROOT;
import static dev.groundwork.template.Stack.map;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
 * checks a JWT and the scopes the route requires, and the routes are exactly the operations of the contract,
 * {@code api/openapi.yaml}, with the same scopes. The stage throttles every route, and the two consumers that must
 * keep up while the API is flooded can be given reserved concurrency.
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

    /**
     * The scopes each HTTP function's route requires (a token needs one of them): reading and writing are separate,
     * so a read-only integration can be given a read-only token, and imports (bulk writes) are a scope of their own.
     */
    private static final Map<String, List<String>> SCOPES = Map.ofEntries(
            Map.entry("CreateItemFunction", List.of("items:write")),
            Map.entry("GetItemFunction", List.of("items:read")),
            Map.entry("ListItemsFunction", List.of("items:read")),
            Map.entry("UpdateItemFunction", List.of("items:write")),
            Map.entry("DeleteItemFunction", List.of("items:write")),
            Map.entry("GetUsageFunction", List.of("usage:read")),
            Map.entry("CreateImportFunction", List.of("imports:write")),
            Map.entry("GetImportFunction", List.of("imports:read")));

    /** The functions that must keep running when the API takes the account's concurrency, by their parameter. */
    private static final Map<String, String> RESERVABLE = Map.of(
            "ItemEventsRelayFunction", "ItemEventsRelayReservedConcurrency",
            "UsageMeterFunction", "UsageMeterReservedConcurrency");

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
                    assertThat(map(route.properties().get("Auth")))
                            .as("%s overrides the API's authorizer", route)
                            .containsOnlyKeys("AuthorizationScopes");
                });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpFunctions")
    void requiresExactlyItsRoutesScopes(StackFunction function) {
        assertThat(function.routes())
                .singleElement()
                .satisfies(
                        route -> assertThat(map(route.properties().get("Auth")).get("AuthorizationScopes"))
                                .as("%s's AuthorizationScopes", route)
                                .isEqualTo(SCOPES.get(function.logicalId())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpFunctions")
    void documentsTheSameScopesInTheContract(StackFunction function) throws IOException {
        Map<String, Object> paths =
                map(CloudFormationYaml.read(ROOT.resolve("api/openapi.yaml")).get("paths"));
        StackFunction.Route route = function.routes().get(0);
        Map<String, Object> operation =
                map(map(paths.get(route.path())).get(route.method().toLowerCase(Locale.ROOT)));

        assertThat(operation.get("security"))
                .as("api/openapi.yaml's security of %s", route)
                .isEqualTo(List.of(Map.of("bearerAuth", SCOPES.get(function.logicalId()))));
    }

    @Test
    void theStageThrottlesEveryRouteByParameters() {
        Map<String, Object> settings =
                map(REPOSITORY.resource("HttpApi").properties().get("DefaultRouteSettings"));

        assertThat(settings)
                .containsEntry("ThrottlingRateLimit", Map.of("Ref", "ApiThrottlingRateLimit"))
                .containsEntry("ThrottlingBurstLimit", Map.of("Ref", "ApiThrottlingBurstLimit"));
        assertThat(map(REPOSITORY.section("Parameters").get("ApiThrottlingRateLimit")))
                .containsEntry("Type", "Number")
                .containsKey("Default");
        assertThat(map(REPOSITORY.section("Parameters").get("ApiThrottlingBurstLimit")))
                .containsEntry("Type", "Number")
                .containsKey("Default");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reservableFunctions")
    void reservesConcurrencyOnlyWhenItsParameterAsksForIt(String logicalId) {
        String parameter = RESERVABLE.get(logicalId);
        Object reserved = REPOSITORY.resource(logicalId).properties().get("ReservedConcurrentExecutions");
        assertThat(reserved).as("%s's ReservedConcurrentExecutions", logicalId).isInstanceOf(Map.class);
        List<Object> choice = new ArrayList<>((List<?>) map(reserved).get("Fn::If"));
        String condition = (String) choice.get(0);

        assertThat(choice.subList(1, 3)).containsExactly(Map.of("Ref", parameter), Map.of("Ref", "AWS::NoValue"));
        assertThat(REPOSITORY.section("Conditions").get(condition))
                .as("condition %s: reserve unless the parameter is 0", condition)
                .isEqualTo(Map.of("Fn::Not", List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", parameter), 0)))));
        assertThat(map(REPOSITORY.section("Parameters").get(parameter)))
                .as("a default deploy reserves nothing: an account with the low default limit cannot")
                .containsEntry("Default", 0);
    }

    static Stream<String> reservableFunctions() {
        return RESERVABLE.keySet().stream().sorted();
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
