package dev.groundwork.local;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.iam.AccessControl;
import dev.groundwork.local.api.ApiGateway;
import dev.groundwork.local.api.JwtAuthorizer;
import dev.groundwork.local.api.LocalIssuer;
import dev.groundwork.local.api.LocalPages;
import dev.groundwork.local.api.RouteTable;
import dev.groundwork.local.api.RouteThrottles;
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
import dev.groundwork.local.template.LocalAccessControl;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.LocalSecrets;
import dev.groundwork.local.template.PipeSpec;
import dev.groundwork.local.template.QueueSpec;
import dev.groundwork.local.template.SqsSourceSpec;
import dev.groundwork.local.template.StreamSourceSpec;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The whole application of one template, running in this JVM: the embedded DynamoDB with the template's tables,
 * ElasticMQ with its queues, every function in its own class loader, the HTTP API with its JWT authorizer, and the
 * SQS and DynamoDB stream event sources. Tests start it on a free port; {@code ./groundwork local} on 3000.
 */
public final class LocalApplication implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "000000000000";
    public static final String STACK_NAME = "groundwork";

    /** What the application serves besides its functions. */
    public enum Serving {
        /** The HTTP API on its port, and the SQS, stream and pipe pollers: {@code ./groundwork local}, the tests. */
        HTTP_AND_EVENT_SOURCES,
        /** Only the resources and the functions, as {@code invoke} needs: no HTTP server, no pollers. */
        FUNCTIONS_ONLY
    }

    /**
     * How to run. Built by {@link #forTemplate}, whose builder starts from the defaults and changes only what a caller
     * names: a builder rather than a "with" method per option, each of which would copy every field by hand.
     *
     * @param port 0 picks a free port
     * @param dataDirectory where DynamoDB keeps its tables; empty keeps them in memory
     * @param limits the HTTP front door's timeouts and body budget; tests shorten them
     * @param buildMissingFunctions build, with the project's Maven wrapper, the function modules never built (the
     *     commands do)
     * @param throttling whether the API throttles each route as the template's stage settings say (429s beyond them);
     *     off for benchmarks and the fuzzer, which measure or probe something else
     * @param parameterOverrides template parameters that replace their defaults, as {@code sam deploy
     *     --parameter-overrides} does
     */
    public record Options(
            Path template,
            String host,
            int port,
            Optional<Path> dataDirectory,
            Path stateDirectory,
            Path openApiDocument,
            int maxInstancesPerFunction,
            Serving serving,
            boolean buildMissingFunctions,
            Clock clock,
            ApiGateway.Limits limits,
            boolean throttling,
            Map<String, String> parameterOverrides) {

        public Options {
            parameterOverrides = Map.copyOf(parameterOverrides);
        }

        public static Builder forTemplate(Path template) {
            return new Builder(template);
        }

        public static final class Builder {
            private final Path template;
            private String host = "127.0.0.1";
            private int port = 0;
            private Optional<Path> dataDirectory = Optional.empty();
            private Path stateDirectory;
            private Path openApiDocument;
            private int maxInstancesPerFunction = 16;
            private Serving serving = Serving.HTTP_AND_EVENT_SOURCES;
            private boolean buildMissingFunctions = false;
            private Clock clock = Clock.systemUTC();
            private ApiGateway.Limits limits = ApiGateway.Limits.DEFAULTS;
            private boolean throttling = true;
            private Map<String, String> parameterOverrides = Map.of();

            private Builder(Path template) {
                this.template = template;
                Path root = template.toAbsolutePath().getParent();
                this.stateDirectory = root.resolve(".groundwork");
                this.openApiDocument = root.resolve("api/openapi.yaml");
            }

            public Builder port(int port) {
                this.port = port;
                return this;
            }

            public Builder dataDirectory(Path dataDirectory) {
                this.dataDirectory = Optional.of(dataDirectory);
                return this;
            }

            public Builder stateDirectory(Path stateDirectory) {
                this.stateDirectory = stateDirectory;
                return this;
            }

            public Builder limits(ApiGateway.Limits limits) {
                this.limits = limits;
                return this;
            }

            public Builder throttling(boolean throttling) {
                this.throttling = throttling;
                return this;
            }

            public Builder parameterOverrides(Map<String, String> parameterOverrides) {
                this.parameterOverrides = parameterOverrides;
                return this;
            }

            public Builder serving(Serving serving) {
                this.serving = serving;
                return this;
            }

            public Builder buildingMissingFunctions() {
                this.buildMissingFunctions = true;
                return this;
            }

            public Options build() {
                return new Options(
                        template,
                        host,
                        port,
                        dataDirectory,
                        stateDirectory,
                        openApiDocument,
                        maxInstancesPerFunction,
                        serving,
                        buildMissingFunctions,
                        clock,
                        limits,
                        throttling,
                        parameterOverrides);
            }
        }
    }

    private final Options options;
    private final Console console;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, LocalFunction> functions = new LinkedHashMap<>();
    private Optional<ApiGateway> gateway = Optional.empty();
    private Optional<LocalQueues> queues = Optional.empty();
    private LocalDeployment deployment;
    private LocalIssuer issuer;
    private EmbeddedDynamoDb dynamodb;
    private LocalTables tables;
    private LocalIdentity identity;
    private List<HttpRouteSpec> routes = List.of();
    private Duration startup;

    private LocalApplication(Options options, Console console) {
        this.options = options;
        this.console = console;
    }

    /** Starts the application, writing through the console of this process's standard streams. */
    public static LocalApplication start(Options options) throws Exception {
        return start(options, Console.ofStandardStreams());
    }

    public static LocalApplication start(Options options, Console console) throws Exception {
        LocalApplication application = new LocalApplication(options, console);
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
        Template template = Template.load(options.template());
        BackgroundStarts services = BackgroundStarts.begin(
                template, options.dataDirectory(), accessControl(template, options.parameterOverrides()));
        if (options.serving() == Serving.HTTP_AND_EVENT_SOURCES) {
            gateway = Optional.of(own(ApiGateway.bind(
                    options.host(), options.port(), options.clock(), options.limits(), new AccessLog(console))));
        }
        int port = gateway.map(ApiGateway::port).orElse(options.port() == 0 ? 3000 : options.port());
        identity = LocalIdentity.of(template, port, options.parameterOverrides());
        issuer = LocalIssuer.load(options.stateDirectory(), identity.issuer(), options.clock());
        dynamodb = own(services.dynamodb());
        queues = services.queues().map(this::own);
        deployResources(template, port);
        loadFunctions(template);
        if (gateway.isPresent()) {
            serveHttpApi(gateway.get());
            startEventSources();
        }
        startup = Duration.ofNanos(System.nanoTime() - started);
    }

    /**
     * ElasticMQ (Pekko) and the DynamoDB server are most of the start time: they start on threads of their own
     * (the common pool has one thread on a 2-core machine) while the rest starts here.
     */
    private record BackgroundStarts(
            CompletableFuture<EmbeddedDynamoDb> dynamodbStart, Optional<CompletableFuture<LocalQueues>> queuesStart) {

        static BackgroundStarts begin(Template template, Optional<Path> dataDirectory, AccessControl access) {
            Optional<CompletableFuture<LocalQueues>> queues =
                    template.resourcesOfType(Set.of("AWS::SQS::Queue")).isEmpty()
                            ? Optional.empty()
                            : Optional.of(CompletableFuture.supplyAsync(
                                    () -> LocalQueues.start(REGION, ACCOUNT_ID), BackgroundStarts::onOwnThread));
            CompletableFuture<EmbeddedDynamoDb> dynamodb = CompletableFuture.supplyAsync(
                    () -> {
                        // On a developer's machine, beside their browser: no web page may reach the tables.
                        EmbeddedDynamoDb.Builder builder = EmbeddedDynamoDb.builder()
                                .region(REGION)
                                .accessControl(access)
                                .refusingBrowsers();
                        dataDirectory.ifPresent(builder::dataDirectory);
                        return builder.start();
                    },
                    BackgroundStarts::onOwnThread);
            return new BackgroundStarts(dynamodb, queues);
        }

        EmbeddedDynamoDb dynamodb() {
            return joined(dynamodbStart);
        }

        Optional<LocalQueues> queues() {
            return queuesStart.map(BackgroundStarts::joined);
        }

        private static void onOwnThread(Runnable task) {
            Thread.ofPlatform().daemon().name("groundwork-start").start(task);
        }

        /** A start done on another thread, failing as it would have failed on this one (not wrapped), for Main to tell. */
        private static <T> T joined(CompletableFuture<T> start) {
            try {
                return start.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) throw cause;
                throw e;
            }
        }
    }

    /**
     * The template's IAM, enforced by the embedded DynamoDB (which serves the STS stand-in on its port): each function
     * calls with its own execution role's keys, and a tenant role's sessions reach only their tenant's partition
     * ({@link LocalAccessControl}). Built before the server starts, from the ARNs the stack's resources get, which do
     * not depend on where the local services listen.
     */
    private static AccessControl accessControl(Template template, Map<String, String> parameterOverrides) {
        return LocalAccessControl.of(template, parameterOverrides, REGION, ACCOUNT_ID, List.of(STACK_NAME));
    }

    /** Closed with the application, in the reverse order of starting. */
    private <T extends AutoCloseable> T own(T resource) {
        resources.add(resource);
        return resource;
    }

    /** The template's tables and queues, with the names and ARNs a deployment of the stack would give them. */
    private void deployResources(Template template, int port) {
        tables = new LocalTables(dynamodb.endpoint(), REGION);
        deployment = new LocalDeployment(
                template,
                new LocalDeployment.Settings(
                        STACK_NAME,
                        REGION,
                        ACCOUNT_ID,
                        options.parameterOverrides(),
                        queues.map(LocalQueues::endpoint).orElse(URI.create("http://localhost:9324")),
                        URI.create("http://localhost:" + port)),
                tables::streamArn);
        tables.create(deployment.tables());
        queues.ifPresent(local -> local.create(deployment.queues()));
    }

    /** What the runner adds to every function's environment: the region, the local endpoints. */
    private Map<String, String> localEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("AWS_REGION", REGION);
        environment.put("AWS_DEFAULT_REGION", REGION);
        // Each function's own keys are added to its environment (LocalAccessControl.keysOf), as Lambda hands them.
        environment.put("AWS_SESSION_TOKEN", "local");
        environment.put("DYNAMODB_ENDPOINT", dynamodb.endpoint().toString());
        environment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamodb.endpoint().toString());
        queues.ifPresent(local -> {
            environment.put("SQS_ENDPOINT", local.endpoint().toString());
            environment.put("AWS_ENDPOINT_URL_SQS", local.endpoint().toString());
        });
        environment.put("GROUNDWORK_LOCAL", "true");
        return environment;
    }

    /** Every function of the template, each in its own class loader, secrets resolved; builds them first if asked. */
    private void loadFunctions(Template template) throws Exception {
        if (options.buildMissingFunctions()) {
            FunctionBuild.buildMissing(template.directory(), deployment.functions(skipped -> {}), console);
        }
        LocalSecrets secrets = new LocalSecrets(template, options.stateDirectory());
        Optional<ClassFolderWatcher> classChanges = ClassFolderWatcher.start();
        classChanges.ifPresent(this::own);
        FunctionHost host =
                new FunctionHost(localEnvironment(), options.maxInstancesPerFunction(), console, classChanges);
        for (FunctionSpec declared :
                deployment.functions(skipped -> console.info("  ! not served: " + skipped.getMessage()))) {
            FunctionSpec spec = withExecutionRoleKeys(withSecretsResolved(declared, secrets));
            functions.put(
                    spec.logicalId(), own(new LocalFunction(spec, deployment.functionArn(spec.functionName()), host)));
        }
        for (LocalFunction function : functions.values()) {
            try {
                function.checkBuilt();
            } catch (IllegalStateException notBuilt) {
                console.info("  ! " + function.name() + ": " + notBuilt.getMessage());
            }
        }
    }

    /** The function's own execution-role keys, and where its STS is: what the access control knows it by. */
    private FunctionSpec withExecutionRoleKeys(FunctionSpec declared) {
        Map<String, String> environment = new LinkedHashMap<>(declared.environment());
        environment.putAll(
                LocalAccessControl.keysOf(deployment, declared.logicalId()).environment(dynamodb.endpoint()));
        return declared.withEnvironment(environment);
    }

    private static FunctionSpec withSecretsResolved(FunctionSpec declared, LocalSecrets secrets) {
        Map<String, String> environment = new LinkedHashMap<>();
        declared.environment().forEach((name, value) -> environment.put(name, secrets.resolve(value)));
        return declared.withEnvironment(environment);
    }

    /** The routes, the JWT authorizers, the local pages and the dashboard, served on the bound port. */
    private void serveHttpApi(ApiGateway gateway) {
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
        LocalMetrics metrics = new LocalMetrics(watched(), options.clock());
        console.addListener(metrics);
        resources.add(() -> console.removeListener(metrics));
        gateway.start(
                new RouteTable(routes),
                functions,
                authorizers,
                options.throttling() ? RouteThrottles.of(routes, System::nanoTime) : RouteThrottles.NONE,
                new LocalPages(
                        issuer.publicKeys(),
                        identity.issuer(),
                        options.openApiDocument(),
                        Optional.of(new DashboardPages(metrics))));
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

    /** Each function's SQS and stream event sources, then the template's pipes. */
    private void startEventSources() {
        for (LocalFunction function : functions.values()) {
            function.spec().sqsSources().forEach(source -> startSqsSource(function, source));
            function.spec().streamSources().stream()
                    .filter(StreamSourceSpec::enabled)
                    .forEach(source -> startStreamSource(function, source));
        }
        deployment.pipes().forEach(this::startPipe);
    }

    private void startSqsSource(LocalFunction function, SqsSourceSpec source) {
        Optional<LocalQueues> queue = queues.filter(local -> local.queueUrls().containsKey(source.queueName()));
        if (queue.isEmpty()) {
            console.info("  ! " + function.name() + ": its SQS event source reads " + source.queueName()
                    + ", which is not a queue of the template; it is not polled");
            return;
        }
        own(new SqsEventSource(source, function, queue.get(), REGION, new AccessLog(console)))
                .start();
    }

    private void startStreamSource(LocalFunction function, StreamSourceSpec source) {
        String arn = tables.streamArn(source.tableLogicalId());
        if (arn == null) {
            console.info(
                    "  ! " + function.name() + ": table " + source.tableLogicalId() + " has no stream; not polled");
            return;
        }
        own(new StreamEventSource(
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
                        new AccessLog(console)))
                .start();
    }

    private void startPipe(PipeSpec pipe) {
        String arn = tables.streamArn(pipe.tableLogicalId());
        if (arn == null || queues.isEmpty()) {
            console.info("  ! pipe " + pipe.logicalId() + ": no stream on " + pipe.tableLogicalId()
                    + " or no queue; not run");
            return;
        }
        own(new StreamEventSource(
                        pipe.logicalId(),
                        dynamodb.endpoint(),
                        REGION,
                        arn,
                        pipe.startingPosition(),
                        pipe.batchSize(),
                        Duration.ZERO,
                        new StreamEventSource.Target.Queue(pipe.targetQueueName()),
                        queues,
                        new AccessLog(console)))
                .start();
    }

    /** The HTTP API's address; only when the application serves it. */
    public URI endpoint() {
        return URI.create("http://localhost:" + port());
    }

    public int port() {
        return gateway.orElseThrow(() -> new IllegalStateException("this application serves no HTTP API"))
                .port();
    }

    public Duration startup() {
        return startup;
    }

    /** Where the runner and its functions write their lines. */
    public Console console() {
        return console;
    }

    public LocalIssuer issuer() {
        return issuer;
    }

    public LocalIdentity identity() {
        return identity;
    }

    /** ElasticMQ with the template's queues; only when the template declares queues. */
    public LocalQueues queues() {
        return queues.orElseThrow(() -> new IllegalStateException("the template declares no queue"));
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

    /** A token that this application's API accepts, with exactly these scopes. */
    public String token(String tenant, String subject, List<String> scopes, Duration timeToLive) {
        return issuer.mint(identity.tokenRequest(tenant, subject, scopes, timeToLive));
    }

    /** A token that this application's API accepts on every route: it has every scope a route requires. */
    public String token(String tenant, String subject, Duration timeToLive) {
        return token(tenant, subject, identity.scopes(), timeToLive);
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
            queues.ifPresent(local -> banner.append("            SQS endpoint ")
                    .append(local.endpoint())
                    .append('\n'));
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
                .append(options.dataDirectory()
                        .map(directory -> " (data in " + directory + ")")
                        .orElse(" (in memory)"))
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
