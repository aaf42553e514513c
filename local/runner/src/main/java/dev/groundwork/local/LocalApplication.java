package dev.groundwork.local;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.local.api.ApiGateway;
import dev.groundwork.local.api.JwtAuthorizer;
import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.api.LocalPages;
import dev.groundwork.local.api.RouteTable;
import dev.groundwork.local.console.AccessLog;
import dev.groundwork.local.console.Console;
import dev.groundwork.local.dashboard.DashboardPages;
import dev.groundwork.local.dashboard.LocalMetrics;
import dev.groundwork.local.dynamodb.LocalTables;
import dev.groundwork.local.dynamodb.StreamEventSource;
import dev.groundwork.local.lambda.ClassFolderWatcher;
import dev.groundwork.local.lambda.FunctionHost;
import dev.groundwork.local.lambda.LocalFunction;
import dev.groundwork.local.sqs.LocalQueues;
import dev.groundwork.local.sqs.SqsEventSource;
import dev.groundwork.local.template.FunctionSpec;
import dev.groundwork.local.template.HttpRouteSpec;
import dev.groundwork.local.template.JwtAuthorizerSpec;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.LocalSecrets;
import dev.groundwork.local.template.PipeSpec;
import dev.groundwork.local.template.QueueSpec;
import dev.groundwork.local.template.SqsSourceSpec;
import dev.groundwork.local.template.StreamSourceSpec;
import dev.groundwork.local.template.TableSpec;
import dev.groundwork.local.template.Template;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The whole application of one template, running in this JVM: the embedded DynamoDB with the template's tables,
 * ElasticMQ with its queues, every function in its own class loader, the HTTP API with its JWT authorizer, and the
 * SQS and DynamoDB stream event sources. Tests start it on a free port; {@code ./groundwork local} on 3000.
 */
public final class LocalApplication implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "groundwork";

    /** How to run: {@code port} 0 picks a free port; {@code dataDirectory} null keeps DynamoDB in memory. */
    public record Options(
            Path template,
            String host,
            int port,
            Path dataDirectory,
            Path stateDirectory,
            Path openApiDocument,
            int maxInstancesPerFunction,
            boolean serveHttp,
            boolean pollEventSources,
            boolean buildMissingFunctions,
            Clock clock,
            ApiGateway.Limits limits) {

        public static Options forTemplate(Path template) {
            Path root = template.toAbsolutePath().getParent();
            return new Options(
                    template,
                    "127.0.0.1",
                    0,
                    null,
                    root.resolve(".groundwork"),
                    root.resolve("api/openapi.yaml"),
                    16,
                    true,
                    true,
                    false,
                    Clock.systemUTC(),
                    ApiGateway.Limits.DEFAULTS);
        }

        public Options withPort(int port) {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    serveHttp,
                    pollEventSources,
                    buildMissingFunctions,
                    clock,
                    limits);
        }

        public Options withDataDirectory(Path dataDirectory) {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    serveHttp,
                    pollEventSources,
                    buildMissingFunctions,
                    clock,
                    limits);
        }

        public Options withStateDirectory(Path stateDirectory) {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    serveHttp,
                    pollEventSources,
                    buildMissingFunctions,
                    clock,
                    limits);
        }

        /** The HTTP front door's timeouts and body budget; tests shorten them. */
        public Options withLimits(ApiGateway.Limits limits) {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    serveHttp,
                    pollEventSources,
                    buildMissingFunctions,
                    clock,
                    limits);
        }

        /** Only the resources and functions, as {@code invoke} needs: no HTTP server, no pollers. */
        public Options withoutServing() {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    false,
                    false,
                    buildMissingFunctions,
                    clock,
                    limits);
        }

        /** Builds, with the project's Maven wrapper, the function modules that were never built (the commands do). */
        public Options buildingMissingFunctions() {
            return new Options(
                    template,
                    host,
                    port,
                    dataDirectory,
                    stateDirectory,
                    openApiDocument,
                    maxInstancesPerFunction,
                    serveHttp,
                    pollEventSources,
                    true,
                    clock,
                    limits);
        }
    }

    private final Options options;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private LocalDeployment deployment;
    private ApiGateway gateway;
    private LocalIssuer issuer;
    private LocalQueues queues;
    private EmbeddedDynamoDb dynamodb;
    private LocalTables tables;
    private LocalIdentity identity;
    private List<HttpRouteSpec> routes = List.of();
    private Duration startup;
    private LocalMetrics metrics;
    private Console console;

    private LocalApplication(Options options) {
        this.options = options;
    }

    public static LocalApplication start(Options options) throws Exception {
        LocalApplication application = new LocalApplication(options);
        try {
            application.startAll();
        } catch (Exception | Error e) {
            application.close();
            throw e;
        }
        return application;
    }

    private void startAll() throws Exception {
        long started = System.nanoTime();
        Console console = Console.ofStandardStreams();
        this.console = console;
        AccessLog log = new AccessLog(console);
        Template template = Template.load(options.template());
        // ElasticMQ (Pekko) and the DynamoDB server start in parallel with everything else: they are most of the start
        // time.
        CompletableFuture<LocalQueues> sqs =
                template.resourcesOfType(java.util.Set.of("AWS::SQS::Queue")).isEmpty()
                        ? CompletableFuture.completedFuture(null)
                        : CompletableFuture.supplyAsync(
                                () -> LocalQueues.start(REGION, ACCOUNT_ID), LocalApplication::startInOwnThread);
        CompletableFuture<EmbeddedDynamoDb> ddb = CompletableFuture.supplyAsync(
                () -> {
                    EmbeddedDynamoDb.Builder builder =
                            EmbeddedDynamoDb.builder().region(REGION);
                    if (options.dataDirectory() != null) {
                        builder.dataDirectory(options.dataDirectory());
                    }
                    return builder.start();
                },
                LocalApplication::startInOwnThread);
        if (options.serveHttp()) {
            gateway = ApiGateway.bind(options.host(), options.port(), options.clock(), options.limits(), log);
            resources.add(gateway);
        }
        int port = gateway != null ? gateway.port() : options.port() == 0 ? 3000 : options.port();
        identity = LocalIdentity.of(template, port);
        issuer = LocalIssuer.load(options.stateDirectory(), identity.issuer(), options.clock());

        dynamodb = joined(ddb);
        resources.add(dynamodb);
        queues = joined(sqs);
        if (queues != null) {
            resources.add(queues);
        }
        tables = new LocalTables(dynamodb.endpoint(), REGION);
        deployment = new LocalDeployment(
                template,
                new LocalDeployment.Settings(
                        STACK_NAME,
                        REGION,
                        ACCOUNT_ID,
                        Map.of(),
                        queues == null ? URI.create("http://localhost:9324") : queues.endpoint(),
                        URI.create("http://localhost:" + port)),
                tables::streamArn);
        List<TableSpec> tableSpecs = deployment.tables();
        tables.create(tableSpecs);
        if (queues != null) {
            queues.create(deployment.queues());
        }

        Map<String, String> localEnvironment = new LinkedHashMap<>();
        localEnvironment.put("AWS_REGION", REGION);
        localEnvironment.put("AWS_DEFAULT_REGION", REGION);
        localEnvironment.put("AWS_ACCESS_KEY_ID", "local");
        localEnvironment.put("AWS_SECRET_ACCESS_KEY", "local");
        localEnvironment.put("AWS_SESSION_TOKEN", "local");
        localEnvironment.put("DYNAMODB_ENDPOINT", dynamodb.endpoint().toString());
        localEnvironment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.endpoint().toString());
        if (queues != null) {
            localEnvironment.put("SQS_ENDPOINT", queues.endpoint().toString());
            localEnvironment.put("AWS_ENDPOINT_URL_SQS", queues.endpoint().toString());
        }
        localEnvironment.put("GROUNDWORK_LOCAL", "true");
        if (options.buildMissingFunctions()) {
            FunctionBuild.buildMissing(template.directory(), deployment.functions(skipped -> {}), console);
        }
        LocalSecrets secrets = new LocalSecrets(template, options.stateDirectory());
        List<FunctionSpec> declaredFunctions =
                deployment.functions(skipped -> console.info("  ! not served: " + skipped.getMessage()));
        Optional<ClassFolderWatcher> classChanges = ClassFolderWatcher.start();
        classChanges.ifPresent(resources::add);
        FunctionHost host =
                new FunctionHost(localEnvironment, options.maxInstancesPerFunction(), console, classChanges);
        for (FunctionSpec declared : declaredFunctions) {
            Map<String, String> environment = new LinkedHashMap<>();
            declared.environment().forEach((name, value) -> environment.put(name, secrets.resolve(value)));
            FunctionSpec spec = new FunctionSpec(
                    declared.logicalId(),
                    declared.functionName(),
                    declared.codeUri(),
                    declared.handlerClass(),
                    declared.handlerMethod(),
                    declared.memoryMb(),
                    declared.timeout(),
                    environment,
                    declared.routes(),
                    declared.sqsSources(),
                    declared.streamSources());
            LocalFunction function = new LocalFunction(spec, deployment.functionArn(spec.functionName()), host);
            functions.put(spec.logicalId(), function);
            resources.add(function);
        }
        for (LocalFunction function : functions.values()) {
            try {
                function.checkBuilt();
            } catch (IllegalStateException notBuilt) {
                console.info("  ! " + function.name() + ": " + notBuilt.getMessage());
            }
        }

        if (gateway != null) {
            routes = functions.values().stream()
                    .flatMap(function -> function.spec().routes().stream())
                    .toList();
            Map<String, JwtAuthorizer> authorizers = new LinkedHashMap<>();
            for (JwtAuthorizerSpec spec : deployment.authorizers().values()) {
                // The deployed API trusts the template's issuer; the local one trusts the runner's own issuer instead.
                authorizers.put(
                        spec.name(),
                        new JwtAuthorizer(
                                identity.issuer(),
                                identity.audience(),
                                identity.tenantClaim(),
                                issuer.publicKeys(),
                                options.clock()));
            }
            metrics = new LocalMetrics(watched(), options.clock());
            console.addListener(metrics);
            LocalMetrics collector = metrics;
            resources.add(() -> console.removeListener(collector));
            gateway.start(
                    new RouteTable(routes),
                    functions,
                    authorizers,
                    new LocalPages(
                            issuer.publicKeys(),
                            identity.issuer(),
                            options.openApiDocument(),
                            Optional.of(new DashboardPages(metrics))));
        }
        if (options.pollEventSources()) {
            startEventSources();
        }
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    /** What the local dashboard shows: each function with routes as its routes, each consumer as its sources. */
    private List<LocalMetrics.Watched> watched() {
        List<LocalMetrics.Watched> watched = new ArrayList<>();
        for (LocalFunction function : functions.values()) {
            FunctionSpec spec = function.spec();
            if (!spec.routes().isEmpty()) {
                watched.add(new LocalMetrics.Watched(
                        spec.logicalId(),
                        LocalMetrics.Kind.ROUTE,
                        spec.routes().stream()
                                .map(route -> route.method() + " " + route.path())
                                .collect(java.util.stream.Collectors.joining(", "))));
            }
            List<String> sources = new ArrayList<>();
            spec.sqsSources().forEach(source -> sources.add("queue " + source.queueName()));
            spec.streamSources().forEach(source -> sources.add("stream of " + source.tableLogicalId()));
            if (!sources.isEmpty()) {
                watched.add(new LocalMetrics.Watched(
                        spec.logicalId(),
                        LocalMetrics.Kind.CONSUMER,
                        spec.logicalId() + " ← " + String.join(", ", sources)));
            }
        }
        return watched;
    }

    /** Where the runner and its functions write their lines. */
    public Console console() {
        return console;
    }

    /** The metrics the functions printed, as the local dashboard shows them (null without an HTTP server). */
    public LocalMetrics metrics() {
        return metrics;
    }

    /** Each service starts on a thread of its own: the common pool has one thread on a 2-core machine. */
    /** A start done on another thread, failing as it would have failed on this one (not wrapped), for Main to tell. */
    private static <T> T joined(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            throw e;
        }
    }

    private static void startInOwnThread(Runnable task) {
        Thread.ofPlatform().daemon().name("groundwork-start").start(task);
    }

    private void startEventSources() {
        for (LocalFunction function : functions.values()) {
            for (SqsSourceSpec source : function.spec().sqsSources()) {
                if (queues == null || !queues.queueUrls().containsKey(source.queueName())) {
                    console.info("  ! " + function.name() + ": its SQS event source reads " + source.queueName()
                            + ", which is not a queue of the template; it is not polled");
                    continue;
                }
                SqsEventSource poller = new SqsEventSource(source, function, queues, REGION, new AccessLog(console));
                resources.add(poller);
                poller.start();
            }
            for (StreamSourceSpec source : function.spec().streamSources()) {
                if (!source.enabled()) {
                    continue;
                }
                String arn = tables.streamArn(source.tableLogicalId());
                if (arn == null) {
                    console.info("  ! " + function.name() + ": table " + source.tableLogicalId()
                            + " has no stream; not polled");
                    continue;
                }
                StreamEventSource poller = new StreamEventSource(
                        source.tableLogicalId() + "→" + function.name(),
                        dynamodb.endpoint(),
                        REGION,
                        arn,
                        source.startingPosition(),
                        source.batchSize(),
                        source.batchingWindow(),
                        new StreamEventSource.Target.Function(
                                function,
                                source.reportBatchItemFailures(),
                                source.maximumRetryAttempts(),
                                source.onFailureQueueName()),
                        queues,
                        new AccessLog(console));
                resources.add(poller);
                poller.start();
            }
        }
        for (PipeSpec pipe : deployment.pipes()) {
            if (tables.streamArn(pipe.tableLogicalId()) == null || queues == null) {
                console.info("  ! pipe " + pipe.logicalId() + ": no stream on " + pipe.tableLogicalId()
                        + " or no queue; not run");
                continue;
            }
            StreamEventSource poller = new StreamEventSource(
                    pipe.logicalId(),
                    dynamodb.endpoint(),
                    REGION,
                    tables.streamArn(pipe.tableLogicalId()),
                    pipe.startingPosition(),
                    pipe.batchSize(),
                    Duration.ZERO,
                    new StreamEventSource.Target.Queue(pipe.targetQueueName()),
                    queues,
                    new AccessLog(console));
            resources.add(poller);
            poller.start();
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + gateway.port());
    }

    public int port() {
        return gateway.port();
    }

    public Duration startup() {
        return startup;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    public LocalIdentity identity() {
        return identity;
    }

    public LocalQueues queues() {
        return queues;
    }

    public URI dynamoDbEndpoint() {
        return dynamodb.endpoint();
    }

    public LocalDeployment deployment() {
        return deployment;
    }

    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException(
                    "no function " + logicalId + " in the template; there are " + functions.keySet());
        }
        return function;
    }

    public Map<String, LocalFunction> functions() {
        return Map.copyOf(functions);
    }

    public List<HttpRouteSpec> routes() {
        return routes;
    }

    /** A token that this application's API accepts. */
    public String token(String tenant, String subject, List<String> scopes, Duration timeToLive) {
        return issuer.mint(identity.tokenRequest(tenant, subject, scopes, timeToLive));
    }

    /** What the console shows at start: where the API is, its routes, queues, tables, and how to get a token. */
    public String banner() {
        StringBuilder banner = new StringBuilder();
        banner.append("Groundwork local: ")
                .append(options.template().getFileName())
                .append(", ")
                .append(functions.size())
                .append(" functions, started in ")
                .append(String.format("%.1f s", startup.toMillis() / 1000.0))
                .append('\n');
        banner.append("  API       ").append(endpoint()).append('\n');
        banner.append("  dashboard ")
                .append(endpoint())
                .append("/_local/dashboard")
                .append('\n');
        String label = "  routes    ";
        for (HttpRouteSpec route : routes) {
            banner.append(label)
                    .append(Console.pad(route.method(), 7))
                    .append(Console.pad(route.path(), 28))
                    .append(Console.pad(route.functionLogicalId(), 20))
                    .append(' ')
                    .append(
                            route.authorizer() == null
                                    ? "open"
                                    : "JWT" + (route.scopes().isEmpty() ? "" : " " + route.scopes()))
                    .append('\n');
            label = "            ";
        }
        label = "  queues    ";
        for (QueueSpec queue : deployment.queues()) {
            banner.append(label)
                    .append(Console.pad(queue.queueName(), 28))
                    .append(
                            queue.deadLetterQueueName() == null
                                    ? ""
                                    : "→ " + queue.deadLetterQueueName() + " after " + queue.maxReceiveCount()
                                            + " receives")
                    .append('\n');
            label = "            ";
        }
        if (!deployment.queues().isEmpty()) {
            banner.append("            SQS endpoint ").append(queues.endpoint()).append('\n');
        }
        label = "  tables    ";
        for (Map.Entry<String, String> table : tables.tableNames().entrySet()) {
            banner.append(label)
                    .append(Console.pad(table.getValue(), 28))
                    .append(tables.streamArn(table.getKey()) == null ? "" : "with stream")
                    .append('\n');
            label = "            ";
        }
        banner.append("            DynamoDB endpoint ")
                .append(dynamodb.endpoint())
                .append(options.dataDirectory() == null ? " (in memory)" : " (data in " + options.dataDirectory() + ")")
                .append('\n');
        banner.append("  token     TOKEN=$(./groundwork token --tenant acme")
                .append(port() == 3000 ? "" : " --port " + port())
                .append(")\n");
        String example = routes.stream()
                .filter(route -> route.method().equals("GET") && !route.path().contains("{"))
                .map(HttpRouteSpec::path)
                .findFirst()
                .orElse("/");
        banner.append("            curl -H \"Authorization: Bearer $TOKEN\" ")
                .append(endpoint())
                .append(example)
                .append('\n');
        banner.append("  docs      ").append(endpoint()).append("/docs\n");
        banner.append("Ctrl-C to stop.");
        return banner.toString();
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                console.info("  ! stopping " + resources.get(i).getClass().getSimpleName() + ": " + e.getMessage());
            }
        }
        resources.clear();
    }
}
