package dev.groundwork.local.template;

import static dev.groundwork.local.template.IntrinsicResolver.stringOf;
import static dev.groundwork.local.template.Template.asMap;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The template deployed on this machine: every resource gets its local name, ARN and URL, and every intrinsic
 * function is evaluated against them. This is the one place that turns template.yaml into what the runner serves;
 * there is no second list of routes, tables or queues.
 */
public final class LocalDeployment implements IntrinsicResolver.ResourceValues {

    /** Where the local services listen and how the stack is named. */
    public record Settings(
            String stackName,
            String region,
            String accountId,
            Map<String, String> parameterOverrides,
            URI sqsEndpoint,
            URI apiEndpoint) {}

    private static final String IMPLICIT_HTTP_API = "ServerlessHttpApi";
    static final String ROLE_TYPE = "AWS::IAM::Role";

    private final Template template;
    private final Settings settings;
    private final Function<String, String> streamArnOfTable;
    private final IntrinsicResolver resolver;

    public LocalDeployment(Template template, Settings settings, Function<String, String> streamArnOfTable) {
        this.template = template;
        this.settings = settings;
        this.streamArnOfTable = streamArnOfTable;
        Map<String, Object> parameters = template.parameterDefaults();
        parameters.putAll(settings.parameterOverrides());
        Map<String, Object> pseudo = new LinkedHashMap<>();
        pseudo.put("AWS::Region", settings.region());
        pseudo.put("AWS::AccountId", settings.accountId());
        pseudo.put("AWS::StackName", settings.stackName());
        pseudo.put(
                "AWS::StackId",
                "arn:aws:cloudformation:" + settings.region() + ":" + settings.accountId() + ":stack/"
                        + settings.stackName() + "/local");
        pseudo.put("AWS::Partition", "aws");
        pseudo.put("AWS::URLSuffix", "amazonaws.com");
        pseudo.put("AWS::NotificationARNs", List.of());
        this.resolver = new IntrinsicResolver(parameters, pseudo, template.conditions(), template.mappings(), this);
    }

    public Template template() {
        return template;
    }

    public IntrinsicResolver resolver() {
        return resolver;
    }

    // ---- resource values ------------------------------------------------------------------------------------------

    @Override
    public Object ref(String logicalId) {
        String type = template.typeOf(logicalId);
        if (type == null) {
            if (isGeneratedRole(logicalId)) {
                return roleName(logicalId);
            }
            return logicalId.equals(IMPLICIT_HTTP_API) ? "local" : null;
        }
        if (type.equals(ROLE_TYPE)) {
            return roleName(logicalId);
        }
        if (Template.TABLE_TYPES.contains(type)) {
            return tableName(logicalId);
        }
        return switch (type) {
            case Template.QUEUE_TYPE -> queueUrl(queueName(logicalId));
            case Template.FUNCTION_TYPE -> functionName(logicalId);
            case Template.HTTP_API_TYPE -> "local";
            default -> logicalId;
        };
    }

    @Override
    public Object getAtt(String logicalId, String attribute) {
        String type = template.typeOf(logicalId);
        if ((type == null && isGeneratedRole(logicalId)) || ROLE_TYPE.equals(type)) {
            return attribute.equals("Arn") ? roleArn(logicalId) : null;
        }
        if (type == null) {
            return logicalId.equals(IMPLICIT_HTTP_API) && attribute.equals("ApiEndpoint")
                    ? settings.apiEndpoint().toString()
                    : null;
        }
        if (Template.TABLE_TYPES.contains(type)) {
            return switch (attribute) {
                case "Arn" -> tableArn(tableName(logicalId));
                case "StreamArn" -> {
                    String arn = streamArnOfTable.apply(logicalId);
                    yield arn != null ? arn : tableArn(tableName(logicalId)) + "/stream/local";
                }
                default -> null;
            };
        }
        return switch (type) {
            case Template.QUEUE_TYPE ->
                switch (attribute) {
                    case "Arn" -> queueArn(queueName(logicalId));
                    case "QueueName" -> queueName(logicalId);
                    case "QueueUrl" -> queueUrl(queueName(logicalId));
                    default -> null;
                };
            case Template.FUNCTION_TYPE -> attribute.equals("Arn") ? functionArn(functionName(logicalId)) : null;
            case Template.HTTP_API_TYPE ->
                attribute.equals("ApiEndpoint") ? settings.apiEndpoint().toString() : "local";
            // Roles, topics, alarms ...: nothing local stands behind them, but a function may carry their ARN in its
            // environment.
            default ->
                "arn:aws:" + type.split("::")[1].toLowerCase(Locale.ROOT) + ":" + settings.region() + ":"
                        + settings.accountId() + ":" + logicalId;
        };
    }

    // ---- names ----------------------------------------------------------------------------------------------------

    public String tableName(String logicalId) {
        Object name = template.properties(logicalId).get("TableName");
        return name != null ? resolver.resolveString(name) : settings.stackName() + "-" + logicalId;
    }

    public String queueName(String logicalId) {
        Map<String, Object> properties = template.properties(logicalId);
        Object name = properties.get("QueueName");
        if (name != null) {
            return resolver.resolveString(name);
        }
        boolean fifo = Boolean.parseBoolean(String.valueOf(resolver.resolve(properties.get("FifoQueue"))));
        return settings.stackName() + "-" + logicalId + (fifo ? ".fifo" : "");
    }

    public String functionName(String logicalId) {
        Object name = template.properties(logicalId).get("FunctionName");
        return name != null ? resolver.resolveString(name) : settings.stackName() + "-" + logicalId;
    }

    /**
     * The role SAM makes for a function that names none ({@code <LogicalId>Role}, which other resources may reference
     * as if the template declared it).
     */
    private boolean isGeneratedRole(String logicalId) {
        if (!logicalId.endsWith("Role")) {
            return false;
        }
        String function = logicalId.substring(0, logicalId.length() - "Role".length());
        return Template.FUNCTION_TYPE.equals(template.typeOf(function))
                && template.propertiesWithGlobals(function, "Function").get("Role") == null;
    }

    /** A role's name: its {@code RoleName}, else the stack's name and its logical id, as CloudFormation makes one. */
    public String roleName(String logicalId) {
        Object name = ROLE_TYPE.equals(template.typeOf(logicalId))
                ? template.properties(logicalId).get("RoleName")
                : null;
        return name != null ? resolver.resolveString(name) : settings.stackName() + "-" + logicalId;
    }

    public String roleArn(String logicalId) {
        return "arn:aws:iam::" + settings.accountId() + ":role/" + roleName(logicalId);
    }

    /** The execution role of a function: the one it names by {@code Role}, else the one SAM makes for it. */
    public String executionRoleArn(String functionLogicalId) {
        Object role =
                template.propertiesWithGlobals(functionLogicalId, "Function").get("Role");
        return role != null ? resolver.resolveString(role) : roleArn(functionLogicalId + "Role");
    }

    public String tableArn(String tableName) {
        return "arn:aws:dynamodb:" + settings.region() + ":" + settings.accountId() + ":table/" + tableName;
    }

    public String queueArn(String queueName) {
        return "arn:aws:sqs:" + settings.region() + ":" + settings.accountId() + ":" + queueName;
    }

    public String queueUrl(String queueName) {
        return settings.sqsEndpoint()
                .resolve("/" + settings.accountId() + "/" + queueName)
                .toString();
    }

    public String functionArn(String functionName) {
        return "arn:aws:lambda:" + settings.region() + ":" + settings.accountId() + ":function:" + functionName;
    }

    static String lastArnSegment(String arn) {
        return arn.substring(arn.lastIndexOf(':') + 1);
    }

    // ---- resources ------------------------------------------------------------------------------------------------

    private boolean exists(String logicalId) {
        Object condition = template.resources().get(logicalId).get("Condition");
        return condition == null || resolver.condition(String.valueOf(condition));
    }

    public List<TableSpec> tables() {
        List<TableSpec> tables = new ArrayList<>();
        for (String logicalId : template.resourcesOfType(Template.TABLE_TYPES)) {
            if (!exists(logicalId)) {
                continue;
            }
            Map<String, Object> properties = asMap(resolver.resolve(template.properties(logicalId)));
            if ("AWS::Serverless::SimpleTable".equals(template.typeOf(logicalId))) {
                properties = simpleTableAsTable(properties);
            }
            tables.add(new TableSpec(logicalId, tableName(logicalId), properties));
        }
        return tables;
    }

    private static Map<String, Object> simpleTableAsTable(Map<String, Object> simple) {
        Map<String, Object> key = asMap(simple.getOrDefault("PrimaryKey", Map.of("Name", "id", "Type", "String")));
        String name = String.valueOf(key.get("Name"));
        String type = switch (String.valueOf(key.get("Type"))) {
            case "Number" -> "N";
            case "Binary" -> "B";
            default -> "S";
        };
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("AttributeDefinitions", List.of(Map.of("AttributeName", name, "AttributeType", type)));
        table.put("KeySchema", List.of(Map.of("AttributeName", name, "KeyType", "HASH")));
        table.put("BillingMode", "PAY_PER_REQUEST");
        return table;
    }

    /** Every queue, each dead-letter queue before the queues that redrive to it. */
    public List<QueueSpec> queues() {
        List<QueueSpec> queues = new ArrayList<>();
        for (String logicalId : template.resourcesOfType(Set.of(Template.QUEUE_TYPE))) {
            if (!exists(logicalId)) {
                continue;
            }
            Map<String, Object> properties = asMap(resolver.resolve(template.properties(logicalId)));
            Map<String, Object> redrive = redrivePolicy(properties.get("RedrivePolicy"));
            String deadLetterQueue =
                    redrive.isEmpty() ? null : lastArnSegment(stringOf(redrive.get("deadLetterTargetArn")));
            int maxReceiveCount = redrive.isEmpty() ? 0 : Integer.parseInt(stringOf(redrive.get("maxReceiveCount")));
            queues.add(new QueueSpec(
                    logicalId,
                    queueName(logicalId),
                    visibilityTimeoutOf(properties),
                    Duration.ofSeconds(integer(properties.get("MessageRetentionPeriod"), 345_600)),
                    Duration.ofSeconds(integer(properties.get("DelaySeconds"), 0)),
                    deadLetterQueue,
                    maxReceiveCount,
                    Boolean.parseBoolean(String.valueOf(properties.get("FifoQueue"))),
                    Boolean.parseBoolean(String.valueOf(properties.get("ContentBasedDeduplication")))));
        }
        queues.sort((a, b) -> Boolean.compare(a.deadLetterQueueName() != null, b.deadLetterQueueName() != null));
        return queues;
    }

    /**
     * The visibility timeout of a queue of this template; null for a queue it does not declare. Read from that queue's
     * properties alone, so that another queue's mistake (a redrive policy that is not JSON) is no consumer's.
     */
    private Duration visibilityTimeout(String queueName) {
        for (String logicalId : template.resourcesOfType(Set.of(Template.QUEUE_TYPE))) {
            if (exists(logicalId) && queueName(logicalId).equals(queueName)) {
                return visibilityTimeoutOf(asMap(resolver.resolve(template.properties(logicalId))));
            }
        }
        return null;
    }

    /** A queue's visibility timeout, SQS's 30 s when it sets none. */
    private static Duration visibilityTimeoutOf(Map<String, Object> queueProperties) {
        return Duration.ofSeconds(integer(queueProperties.get("VisibilityTimeout"), 30));
    }

    private static Map<String, Object> redrivePolicy(Object policy) {
        if (policy == null) {
            return Map.of();
        }
        if (policy instanceof String json) {
            try {
                return asMap(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new TemplateException("RedrivePolicy is not JSON: " + json);
            }
        }
        return asMap(policy);
    }

    /** The JWT authorizers of the HTTP API (explicit and implicit APIs alike), by name. */
    public Map<String, JwtAuthorizerSpec> authorizers() {
        Map<String, JwtAuthorizerSpec> authorizers = new LinkedHashMap<>();
        for (Map<String, Object> api : httpApis().values()) {
            Map<String, Object> auth = asMap(api.get("Auth"));
            asMap(auth.get("Authorizers")).forEach((name, definition) -> {
                Map<String, Object> authorizer = asMap(definition);
                Map<String, Object> jwt = asMap(authorizer.get("JwtConfiguration"));
                if (jwt.isEmpty()) {
                    return; // Lambda authorizers are not emulated yet; their routes are rejected when served.
                }
                List<String> audience = new ArrayList<>();
                Object configured = jwt.get("audience");
                if (configured instanceof List<?> list) {
                    list.forEach(value -> audience.add(stringOf(value)));
                } else if (configured != null) {
                    audience.add(stringOf(configured));
                }
                authorizers.put(
                        name,
                        new JwtAuthorizerSpec(
                                name,
                                stringOf(jwt.get("issuer")),
                                audience,
                                String.valueOf(
                                        authorizer.getOrDefault("IdentitySource", "$request.header.Authorization"))));
            });
        }
        return authorizers;
    }

    /** Each HTTP API's resolved properties (Globals merged); the implicit API is keyed {@value #IMPLICIT_HTTP_API}. */
    private Map<String, Map<String, Object>> httpApis() {
        Map<String, Map<String, Object>> apis = new LinkedHashMap<>();
        for (String logicalId : template.resourcesOfType(Set.of(Template.HTTP_API_TYPE))) {
            if (exists(logicalId)) {
                apis.put(logicalId, asMap(resolver.resolve(template.propertiesWithGlobals(logicalId, "HttpApi"))));
            }
        }
        if (!apis.containsKey(IMPLICIT_HTTP_API)) {
            apis.put(IMPLICIT_HTTP_API, asMap(resolver.resolve(globalHttpApi())));
        }
        return apis;
    }

    private Map<String, Object> globalHttpApi() {
        return template.globals("HttpApi");
    }

    public List<FunctionSpec> functions() {
        return functions(skipped -> {
            throw skipped;
        });
    }

    /**
     * The functions the runner can serve; each one it cannot (code in S3 or a container image, a reference it cannot
     * resolve) goes to {@code skipped} with the reason, so one odd function does not stop the others.
     */
    public List<FunctionSpec> functions(java.util.function.Consumer<TemplateException> skipped) {
        Map<String, Map<String, Object>> apis = httpApis();
        List<FunctionSpec> functions = new ArrayList<>();
        for (String logicalId : template.resourcesOfType(Set.of(Template.FUNCTION_TYPE))) {
            if (exists(logicalId)) {
                try {
                    functions.add(function(logicalId, apis));
                } catch (TemplateException e) {
                    skipped.accept(
                            e.getMessage().startsWith(logicalId + ":")
                                    ? e
                                    : new TemplateException(logicalId + ": " + e.getMessage()));
                }
            }
        }
        return functions;
    }

    private FunctionSpec function(String logicalId, Map<String, Map<String, Object>> apis) {
        Map<String, Object> raw = template.propertiesWithGlobals(logicalId, "Function");
        Map<String, Object> properties = asMap(resolver.resolve(raw));
        if ("Image".equals(properties.get("PackageType"))) {
            throw new TemplateException(
                    "a container image function; the runner serves functions built from a Maven module");
        }
        Object codeUri = properties.get("CodeUri");
        if (!(codeUri instanceof String codePath)) {
            throw new TemplateException(logicalId + ": CodeUri must be the function's module folder, got " + codeUri);
        }
        String handler = String.valueOf(properties.get("Handler"));
        Map<String, String> environment = new LinkedHashMap<>();
        asMap(asMap(properties.get("Environment")).get("Variables"))
                .forEach((name, value) -> environment.put(name, stringOf(value)));

        List<HttpRouteSpec> routes = new ArrayList<>();
        List<SqsSourceSpec> sqs = new ArrayList<>();
        List<StreamSourceSpec> streams = new ArrayList<>();
        asMap(properties.get("Events")).forEach((eventName, definition) -> {
            Map<String, Object> event = asMap(definition);
            Map<String, Object> props = asMap(event.get("Properties"));
            switch (String.valueOf(event.get("Type"))) {
                case "HttpApi" -> routes.add(route(logicalId, props, apis));
                case "SQS" -> sqs.add(sqsSource(props));
                case "DynamoDB" -> streams.add(streamSource(props));
                default -> {} // Schedules, S3 ...: not emulated; the function still runs through `invoke`.
            }
        });
        Duration timeout = Duration.ofSeconds(integer(properties.get("Timeout"), 3));
        for (SqsSourceSpec source : sqs) {
            Duration visibility = visibilityTimeout(source.queueName());
            if (visibility != null && visibility.compareTo(timeout) < 0) {
                // Lambda refuses such an event source, in these words: a message would be received again while its
                // first delivery is still being handled, and counted towards the dead-letter queue for it.
                throw new TemplateException(logicalId + ": Queue visibility timeout: " + visibility.toSeconds()
                        + " seconds is less than Function timeout: " + timeout.toSeconds() + " seconds");
            }
        }
        Path code = template.directory().resolve(codePath).normalize();
        return new FunctionSpec(
                logicalId,
                functionName(logicalId),
                code,
                handler,
                integer(properties.get("MemorySize"), 128),
                timeout,
                environment,
                routes,
                sqs,
                streams,
                // SnapStart applies to published versions; the runner serves the one version there is.
                "PublishedVersions".equals(asMap(properties.get("SnapStart")).get("ApplyOn")));
    }

    private HttpRouteSpec route(String functionId, Map<String, Object> props, Map<String, Map<String, Object>> apis) {
        Object apiIdValue = rawApiId(functionId, props);
        String apiId = apiIdValue == null ? IMPLICIT_HTTP_API : resolveApiLogicalId(apiIdValue);
        Map<String, Object> api = apis.getOrDefault(apiId, Map.of());
        Map<String, Object> apiAuth = asMap(api.get("Auth"));
        Map<String, Object> auth = asMap(props.get("Auth"));
        String authorizer = auth.containsKey("Authorizer")
                ? stringOf(auth.get("Authorizer"))
                : apiAuth.containsKey("DefaultAuthorizer") ? stringOf(apiAuth.get("DefaultAuthorizer")) : null;
        if ("NONE".equals(authorizer)) {
            authorizer = null;
        }
        List<String> scopes = new ArrayList<>();
        if (auth.get("AuthorizationScopes") instanceof List<?> list) {
            list.forEach(scope -> scopes.add(stringOf(scope)));
        }
        String path = props.get("Path") == null ? "$default" : stringOf(props.get("Path"));
        String method = props.get("Method") == null
                ? "ANY"
                : stringOf(props.get("Method")).toUpperCase(Locale.ROOT);
        String routeKey = path.equals("$default") ? "$default" : method + " " + path;
        return new HttpRouteSpec(method, path, functionId, authorizer, scopes, throttling(api, routeKey));
    }

    /**
     * The route's throttle: the stage's {@code DefaultRouteSettings}, overridden by its {@code RouteSettings} entry
     * for the route key. A {@code RouteSettings} entry replaces the defaults it names, and a limit set nowhere is the
     * account's.
     */
    private static Optional<RouteThrottling> throttling(Map<String, Object> api, String routeKey) {
        Map<String, Object> settings = new LinkedHashMap<>(asMap(api.get("DefaultRouteSettings")));
        settings.putAll(asMap(asMap(api.get("RouteSettings")).get(routeKey)));
        Object rate = settings.get("ThrottlingRateLimit");
        Object burst = settings.get("ThrottlingBurstLimit");
        if (rate == null && burst == null) {
            return Optional.empty();
        }
        return Optional.of(new RouteThrottling(
                rate == null ? RouteThrottling.ACCOUNT_RATE_LIMIT : Double.parseDouble(stringOf(rate)),
                burst == null ? RouteThrottling.ACCOUNT_BURST_LIMIT : (int) Double.parseDouble(stringOf(burst))));
    }

    /** The event's ApiId as written ({@code !Ref HttpApi}), before resolution turned it into the API's id. */
    private Object rawApiId(String functionId, Map<String, Object> resolvedProps) {
        Map<String, Object> events =
                asMap(template.propertiesWithGlobals(functionId, "Function").get("Events"));
        for (Object event : events.values()) {
            Map<String, Object> raw = asMap(asMap(event).get("Properties"));
            if (raw.get("ApiId") != null
                    && stringOf(resolver.resolve(raw.get("Path"))).equals(stringOf(resolvedProps.get("Path")))
                    && stringOf(resolver.resolve(raw.get("Method"))).equals(stringOf(resolvedProps.get("Method")))) {
                return raw.get("ApiId");
            }
        }
        return resolvedProps.get("ApiId");
    }

    /** ApiId is written {@code !Ref HttpApi}; find the logical id whose local id it resolved to. */
    private String resolveApiLogicalId(Object apiId) {
        if (apiId instanceof Map<?, ?> map && map.get("Ref") != null) {
            return String.valueOf(map.get("Ref"));
        }
        List<String> apis = template.resourcesOfType(Set.of(Template.HTTP_API_TYPE));
        return apis.isEmpty() ? IMPLICIT_HTTP_API : apis.get(0);
    }

    private SqsSourceSpec sqsSource(Map<String, Object> props) {
        String arn = stringOf(props.get("Queue"));
        boolean reportFailures = props.get("FunctionResponseTypes") instanceof List<?> types
                && types.stream().anyMatch(type -> "ReportBatchItemFailures".equals(stringOf(type)));
        int concurrency = integer(asMap(props.get("ScalingConfig")).get("MaximumConcurrency"), 2);
        return new SqsSourceSpec(
                lastArnSegment(arn),
                arn,
                integer(props.get("BatchSize"), 10),
                Duration.ofSeconds(integer(props.get("MaximumBatchingWindowInSeconds"), 0)),
                reportFailures,
                props.get("Enabled") == null || Boolean.parseBoolean(stringOf(props.get("Enabled"))),
                concurrency);
    }

    private StreamSourceSpec streamSource(Map<String, Object> props) {
        String arn = stringOf(props.get("Stream"));
        boolean reportFailures = props.get("FunctionResponseTypes") instanceof List<?> types
                && types.stream().anyMatch(type -> "ReportBatchItemFailures".equals(stringOf(type)));
        Object onFailure = asMap(asMap(asMap(props.get("DestinationConfig")).get("OnFailure")))
                .get("Destination");
        return new StreamSourceSpec(
                tableOfStream(arn),
                arn,
                stringOf(props.getOrDefault("StartingPosition", "LATEST")),
                integer(props.get("BatchSize"), 100),
                Duration.ofSeconds(integer(props.get("MaximumBatchingWindowInSeconds"), 0)),
                reportFailures,
                integer(props.get("MaximumRetryAttempts"), -1),
                Boolean.parseBoolean(stringOf(props.getOrDefault("BisectBatchOnFunctionError", "false"))),
                props.get("Enabled") == null || Boolean.parseBoolean(stringOf(props.get("Enabled"))),
                onFailure == null ? null : lastArnSegment(stringOf(onFailure)));
    }

    public List<PipeSpec> pipes() {
        List<PipeSpec> pipes = new ArrayList<>();
        for (String logicalId : template.resourcesOfType(Set.of(Template.PIPE_TYPE))) {
            if (!exists(logicalId)) {
                continue;
            }
            Map<String, Object> props = asMap(resolver.resolve(template.properties(logicalId)));
            String source = stringOf(props.get("Source"));
            String target = stringOf(props.get("Target"));
            if (!source.contains(":dynamodb:") || !target.contains(":sqs:")) {
                continue; // Only the DynamoDB stream → SQS pipe is emulated.
            }
            Map<String, Object> streamParameters =
                    asMap(asMap(props.get("SourceParameters")).get("DynamoDBStreamParameters"));
            pipes.add(new PipeSpec(
                    logicalId,
                    tableOfStream(source),
                    source,
                    stringOf(streamParameters.getOrDefault("StartingPosition", "LATEST")),
                    integer(streamParameters.get("BatchSize"), 1),
                    lastArnSegment(target)));
        }
        return pipes;
    }

    private String tableOfStream(String streamArn) {
        for (String logicalId : template.resourcesOfType(Template.TABLE_TYPES)) {
            String arn = stringOf(getAtt(logicalId, "StreamArn"));
            if (arn.equals(streamArn) || streamArn.startsWith(tableArn(tableName(logicalId)) + "/stream/")) {
                return logicalId;
            }
        }
        throw new TemplateException("no table in the template has the stream " + streamArn);
    }

    private static int integer(Object value, int fallback) {
        return value == null ? fallback : (int) Double.parseDouble(stringOf(value));
    }
}
