package dev.groundwork.template;

import static dev.groundwork.template.Stack.list;
import static dev.groundwork.template.Stack.map;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code AWS::Serverless::Function} of template.yaml, Globals merged in.
 *
 * @param handlerClass  the class of {@code Handler: class} (or {@code class::method})
 * @param handlerMethod the method Lambda calls: the one named, else {@code RequestHandler}'s {@code handleRequest}
 * @param environment   the variables Lambda hands the function: the Globals' and its own, its own winning
 * @param policies      its inline policy statements
 * @param otherPolicies anything else under {@code Policies} (a managed policy's name, a SAM policy template)
 * @param properties    all its properties, Globals merged in
 */
record StackFunction(
        String logicalId,
        String handlerClass,
        String handlerMethod,
        String codeUri,
        Map<String, Object> metadata,
        int timeout,
        Map<String, Object> environment,
        List<Route> routes,
        List<SqsSource> sqsSources,
        List<StreamSource> streamSources,
        List<Statement> policies,
        List<Object> otherPolicies,
        Map<String, Object> properties) {

    /** Lambda's default when neither the function nor the Globals set one. */
    private static final int DEFAULT_TIMEOUT = 3;

    static StackFunction of(String logicalId, Map<String, Object> properties, Map<String, Object> metadata) {
        String[] handler = String.valueOf(properties.get("Handler")).split("::", 2);
        List<Route> routes = new ArrayList<>();
        List<SqsSource> sqsSources = new ArrayList<>();
        List<StreamSource> streamSources = new ArrayList<>();
        map(properties.get("Events")).forEach((name, event) -> {
            Map<String, Object> source = map(map(event).get("Properties"));
            switch (String.valueOf(map(event).get("Type"))) {
                case "HttpApi" -> routes.add(Route.of(logicalId + "." + name, source));
                case "SQS" ->
                    sqsSources.add(new SqsSource(
                            name,
                            Stack.referenced(source.get("Queue")).orElseThrow(),
                            list(source.get("FunctionResponseTypes")),
                            source));
                case "DynamoDB" ->
                    streamSources.add(new StreamSource(
                            name, Stack.referenced(source.get("Stream")).orElseThrow(), source));
                default ->
                    throw new IllegalArgumentException(logicalId + "." + name + ": an event source of type "
                            + map(event).get("Type") + ", which the template checks do not know yet");
            }
        });
        List<Statement> statements = new ArrayList<>();
        List<Object> otherPolicies = new ArrayList<>();
        for (Object policy : list(properties.get("Policies"))) {
            if (map(policy).keySet().equals(Set.of("Statement"))) {
                list(map(policy).get("Statement")).forEach(statement -> statements.add(Statement.of(map(statement))));
            } else {
                otherPolicies.add(policy);
            }
        }
        return new StackFunction(
                logicalId,
                handler[0],
                handler.length > 1 ? handler[1] : "handleRequest",
                String.valueOf(properties.get("CodeUri")),
                metadata,
                properties.get("Timeout") instanceof Number seconds ? seconds.intValue() : DEFAULT_TIMEOUT,
                new LinkedHashMap<>(map(map(properties.get("Environment")).get("Variables"))),
                List.copyOf(routes),
                List.copyOf(sqsSources),
                List.copyOf(streamSources),
                List.copyOf(statements),
                List.copyOf(otherPolicies),
                properties);
    }

    /** Its {@code LoggingConfig}: the log group it writes to, among others. */
    Map<String, Object> loggingConfig() {
        return map(properties.get("LoggingConfig"));
    }

    /** The logical id of the log group its {@code LoggingConfig} names by reference; empty when it names none. */
    Optional<String> logGroup() {
        return Stack.referenced(loggingConfig().get("LogGroup"));
    }

    /** The module folder that {@code CodeUri} names. */
    Path module() {
        return Stack.ROOT.resolve(codeUri);
    }

    boolean isConsumer() {
        return !sqsSources.isEmpty() || !streamSources.isEmpty();
    }

    /** The logical ids of the resources the function's policies let it act on. */
    List<String> policyResources(String actionPrefix) {
        return policies.stream()
                .filter(statement -> statement.actions().stream().anyMatch(action -> action.startsWith(actionPrefix)))
                .flatMap(statement -> statement.resources().stream())
                .flatMap(resource -> Stack.referenced(resource).stream())
                .distinct()
                .toList();
    }

    /**
     * The logical id of the tenant role its {@code TENANT_ROLE_ARN} names ({@code !GetAtt <Name>TenantRole.Arn});
     * empty for a function that serves no tenant's request (the cross-tenant consumers).
     */
    Optional<String> tenantRole() {
        return Stack.referenced(environment.get("TENANT_ROLE_ARN"));
    }

    /** What its tenant role is called, by the template's convention: {@code GetItemFunction}'s is {@code GetItemTenantRole}. */
    String tenantRoleId() {
        return logicalId.replaceFirst("Function$", "") + "TenantRole";
    }

    /** The role SAM makes for it, which other resources may name: {@code <LogicalId>Role}. */
    String executionRoleId() {
        return logicalId + "Role";
    }

    /** So that a parameterized check names the function. */
    @Override
    public String toString() {
        return logicalId;
    }

    /** An {@code HttpApi} event: {@code METHOD /path} on an API. */
    record Route(String method, String path, Object apiId, Map<String, Object> properties) {
        static Route of(String event, Map<String, Object> properties) {
            if (!(properties.get("Path") instanceof String path)
                    || !(properties.get("Method") instanceof String method)) {
                throw new IllegalArgumentException(event + ": an HttpApi event needs a literal Path and Method");
            }
            return new Route(method.toUpperCase(Locale.ROOT), path, properties.get("ApiId"), properties);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** An SQS event source: the queue's logical id, the response types, all its properties. */
    record SqsSource(String name, String queue, List<Object> functionResponseTypes, Map<String, Object> properties) {}

    /** A DynamoDB stream event source: the table's logical id, all its properties. */
    record StreamSource(String name, String table, Map<String, Object> properties) {
        Optional<String> onFailureDestination() {
            return Stack.referenced(map(map(properties.get("DestinationConfig")).get("OnFailure"))
                    .get("Destination"));
        }
    }

    /** An inline policy statement; a single action or resource is read as a list of one. */
    record Statement(
            String effect,
            List<String> actions,
            List<Object> resources,
            Map<String, Object> condition,
            Map<String, Object> principal) {
        static Statement of(Map<String, Object> statement) {
            return new Statement(
                    String.valueOf(statement.get("Effect")),
                    listOf(statement.get("Action")).stream()
                            .map(String::valueOf)
                            .toList(),
                    listOf(statement.get("Resource")),
                    map(statement.get("Condition")),
                    map(statement.get("Principal")));
        }

        static List<Object> listOf(Object value) {
            return value instanceof List<?> ? list(value) : value == null ? List.of() : List.of(value);
        }
    }
}
