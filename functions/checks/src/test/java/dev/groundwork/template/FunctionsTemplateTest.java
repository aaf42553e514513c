package dev.groundwork.template;

import static dev.groundwork.template.Stack.REPOSITORY;
import static dev.groundwork.template.Stack.ROOT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.groundwork.imports.ImportsConfig;
import dev.groundwork.items.ItemsConfig;
import dev.groundwork.platform.config.AwsSettings;
import dev.groundwork.platform.observability.MetricsSettings;
import dev.groundwork.usage.RelayConfig;
import dev.groundwork.usage.UsageConfig;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each function of template.yaml against its code (house style, rules 3, 11 and 17): its handler class exists in its
 * {@code CodeUri} module, the build makes that module and {@code sam build} finds its target, its environment is
 * exactly what its configuration reads, wired by reference, and it has a sample event for each of its sources.
 */
class FunctionsTemplateTest {

    /** A configuration record's one reader, {@code fromEnvironment}. */
    record Configuration(String name, Function<Map<String, String>, ?> fromEnvironment) {}

    private static final Configuration ITEMS = new Configuration("ItemsConfig", ItemsConfig::fromEnvironment);
    private static final Configuration USAGE = new Configuration("UsageConfig", UsageConfig::fromEnvironment);
    private static final Configuration RELAY = new Configuration("RelayConfig", RelayConfig::fromEnvironment);
    private static final Configuration IMPORTS = new Configuration("ImportsConfig", ImportsConfig::fromEnvironment);

    /** The configuration each function's handler wires itself from (its public constructor, rule 1). */
    private static final Map<String, Configuration> CONFIGURATIONS = Map.ofEntries(
            Map.entry("CreateItemFunction", ITEMS),
            Map.entry("GetItemFunction", ITEMS),
            Map.entry("ListItemsFunction", ITEMS),
            Map.entry("UpdateItemFunction", ITEMS),
            Map.entry("DeleteItemFunction", ITEMS),
            Map.entry("ItemEventsRelayFunction", RELAY),
            Map.entry("UsageMeterFunction", USAGE),
            Map.entry("GetUsageFunction", USAGE),
            Map.entry("CreateImportFunction", IMPORTS),
            Map.entry("ImportWorkerFunction", IMPORTS),
            Map.entry("GetImportFunction", IMPORTS));

    /**
     * Variables a configuration shared by several functions reads, with a default, that a function leaves unset
     * because it does not use what they configure. Anything else the configuration reads must be declared.
     */
    private static final Map<String, Set<String>> DEFAULTS_LEFT_UNUSED = Map.of(
            // A queue consumer has no token to take a tenant from: the tenant is in each message. It meters every
            // tenant with its own role, so it has no tenant role either.
            "UsageMeterFunction",
            Set.of(UsageConfig.TENANT_CLAIM, UsageConfig.TENANT_ROLE_ARN),
            // Only the worker consumes import-jobs; the front function only sends to it.
            "CreateImportFunction",
            Set.of(ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT),
            // The worker sends no chunks (it may not: see PoliciesTemplateTest) and serves no token: each chunk's
            // tenant is in its message.
            "ImportWorkerFunction",
            Set.of(ImportsConfig.IMPORT_JOBS_QUEUE_URL, ItemsConfig.TENANT_CLAIM),
            // Reading a job neither sends nor consumes chunks.
            "GetImportFunction",
            Set.of(ImportsConfig.IMPORT_JOBS_QUEUE_URL, ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT));

    /**
     * Variables that Lambda's runtime or Powertools read rather than (or as well as) a configuration: a function may
     * declare them whatever its configuration reads.
     */
    private static final Map<String, String> READ_BY_THE_RUNTIME = Map.of(
            "JAVA_TOOL_OPTIONS",
            "the JVM reads it as it starts (tiered compilation for a shorter cold start)",
            "POWERTOOLS_LOG_LEVEL",
            "Powertools logging sets the function's log level from it",
            MetricsSettings.SERVICE_NAME,
            "Powertools logging and metrics name the service with it",
            MetricsSettings.METRICS_NAMESPACE,
            "Powertools metrics publish into it");

    /**
     * Variables a configuration reads that template.yaml must never declare: Lambda sets {@code AWS_*} itself
     * ({@code AWS_SAM_LOCAL} is {@code sam local}'s), and the endpoint overrides and the local switch are for local
     * runs only (the local runner sets them).
     */
    private static boolean setOutsideTheTemplate(String variable) {
        return variable.startsWith("AWS_")
                // Lambda's too: the trace header of init, which metrics documents name
                || variable.equals("_X_AMZN_TRACE_ID")
                || Set.of(
                                AwsSettings.DYNAMODB_ENDPOINT,
                                AwsSettings.SQS_ENDPOINT,
                                AwsSettings.STS_ENDPOINT,
                                // Tuning an operator may add to a function; the defaults are the code's (README).
                                AwsSettings.ATTEMPT_TIMEOUT_MS,
                                AwsSettings.CALL_TIMEOUT_MS,
                                // As Powertools reads it: an operator's switch, off unless set.
                                MetricsSettings.METRICS_DISABLED,
                                ItemsConfig.GROUNDWORK_LOCAL)
                        .contains(variable);
    }

    /** What each variable naming a resource or a parameter must be: a reference (rule 17), never a literal. */
    private static final Map<String, Object> REFERENCES = Map.of(
            ItemsConfig.TABLE_NAME, Map.of("Ref", "ItemsTable"),
            ItemsConfig.TENANT_CLAIM, Map.of("Ref", "TenantClaim"),
            ItemsConfig.CURSOR_SIGNING_KEY,
                    Map.of(
                            "Fn::If",
                            List.of(
                                    "HasCursorSigningKeyVersionId",
                                    Map.of(
                                            "Fn::Sub",
                                            "{{resolve:secretsmanager:${CursorSigningSecret}:SecretString:::${CursorSigningKeyVersionId}}}"),
                                    Map.of(
                                            "Fn::Sub",
                                            "{{resolve:secretsmanager:${CursorSigningSecret}:SecretString}}"))),
            ItemsConfig.CURSOR_SIGNING_KEY_PREVIOUS,
                    Map.of(
                            "Fn::If",
                            List.of(
                                    "HasCursorSigningKeyPreviousVersionId",
                                    Map.of(
                                            "Fn::Sub",
                                            "{{resolve:secretsmanager:${CursorSigningSecret}:SecretString:::${CursorSigningKeyPreviousVersionId}}}"),
                                    Map.of("Ref", "AWS::NoValue"))),
            UsageConfig.USAGE_TABLE_NAME, Map.of("Ref", "UsageTable"),
            RelayConfig.ITEM_EVENTS_QUEUE_URL, Map.of("Ref", "ItemEventsQueue"),
            RelayConfig.ITEM_CHANGES_DEAD_LETTER_QUEUE_URL, Map.of("Ref", "ItemChangesDeadLetterQueue"),
            ImportsConfig.IMPORT_JOBS_QUEUE_URL, Map.of("Ref", "ImportJobsQueue"));

    /** Settings that are literals on purpose, each checked elsewhere against what it copies. */
    private static final Map<String, String> LITERAL_SETTINGS = Map.of(
            ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT,
            "ImportJobsQueue's maxReceiveCount, which CloudFormation cannot reference; QueuesTemplateTest compares them");

    static Stream<StackFunction> functions() {
        return REPOSITORY.functions().stream();
    }

    @Test
    void knowsTheConfigurationOfEveryFunction() {
        assertThat(REPOSITORY.functions())
                .extracting(StackFunction::logicalId)
                .containsExactlyInAnyOrderElementsOf(CONFIGURATIONS.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void theHandlerClassExistsInItsCodeUriModuleAndLambdaCanBuildIt(StackFunction function) throws Exception {
        Path source = function.module()
                .resolve("src/main/java")
                .resolve(function.handlerClass().replace('.', '/') + ".java");
        assertThat(source).as("%s's handler", function).isRegularFile();
        assertThat(function.handlerClass())
                .as(function.logicalId())
                .endsWith(function.logicalId().replace("Function", "Handler"));

        Class<?> handler = Class.forName(function.handlerClass());
        assertThat(Modifier.isPublic(handler.getConstructor().getModifiers()))
                .as("%s has the public no-arg constructor Lambda calls", function)
                .isTrue();
        // Not the compiler's bridge method handleRequest(Object, Context), which every RequestHandler has: the
        // handler's own, which takes its event type.
        assertThat(Arrays.stream(handler.getMethods())
                        .filter(method -> method.getName().equals(function.handlerMethod()) && !method.isBridge())
                        .map(Method::getParameterTypes))
                .as("%s's method %s(event, Context)", function, function.handlerMethod())
                .anySatisfy(parameters -> {
                    assertThat(parameters).hasSize(2).endsWith(Context.class);
                    assertThat(parameters[0]).isNotEqualTo(Object.class);
                });
    }

    /**
     * A {@code Handler} that names only its class is called by Lambda's runtime through {@code RequestHandler}; one
     * that names a method ({@code class::handleRequest}) is called by reflection, whose first call builds a method
     * accessor (about 8 ms on the first invoke after a SnapStart restore, which no priming reaches:
     * docs/performance.md). The runtime reads the event type from the interface's type arguments.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void lambdaCallsEveryHandlerThroughRequestHandlerWithConcreteTypesNotByReflection(StackFunction function)
            throws Exception {
        assertThat(function.properties().get("Handler"))
                .as("%s's Handler names the class only", function)
                .isEqualTo(function.handlerClass());
        assertThat(Arrays.stream(Class.forName(function.handlerClass()).getGenericInterfaces()))
                .as("%s implements RequestHandler<Event, Answer>", function)
                .anySatisfy(type -> {
                    assertThat(type).isInstanceOf(ParameterizedType.class);
                    ParameterizedType handler = (ParameterizedType) type;
                    assertThat(handler.getRawType()).isEqualTo(RequestHandler.class);
                    assertThat(handler.getActualTypeArguments())
                            .allSatisfy(argument -> assertThat(argument).isInstanceOf(Class.class));
                });
    }

    /**
     * Lambda's runtime uses a function's one registered serializer for every type it reads: the API's, the queues' and
     * the stream's events with the Jackson the function loads anyway ({@code EventJson}).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void functionsReadTheirEventsWithTheJacksonTheyLoadAnyway(StackFunction function) throws IOException {
        Path registration = function.module()
                .resolve(
                        "src/main/resources/META-INF/services/com.amazonaws.services.lambda.runtime.CustomPojoSerializer");

        assertThat(Files.readString(registration).strip())
                .as("%s's serializer", function)
                .isEqualTo(dev.groundwork.platform.runtime.EventJson.class.getName());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void itsCodeUriIsAModuleOfTheBuildWithItsSamBuildTarget(StackFunction function) throws IOException {
        Path module = function.module();
        String modules = Files.readString(module.getParent().resolve("pom.xml"));

        assertThat(module.resolve("pom.xml"))
                .as("%s's CodeUri %s", function, function.codeUri())
                .isRegularFile();
        assertThat(modules).contains("<module>" + module.getFileName() + "</module>");
        assertThat(function.metadata()).as("%s's Metadata", function).containsEntry("BuildMethod", "makefile");
        assertThat(Files.readString(module.resolve("Makefile"))).contains("build-" + function.logicalId() + ":");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void itsSamBuildTargetBuildsItsOwnModuleFromTheRepositoryRootWhereverMakeRuns(StackFunction function)
            throws IOException, InterruptedException {
        // What `sam build` runs, printed by make -n (nothing built), from a directory that is not the module's.
        Path module = function.module().toRealPath();
        Path artifacts = Files.createTempDirectory("artifacts");
        Process make;
        try {
            make = new ProcessBuilder(
                            "make",
                            "-n",
                            "-C",
                            module.toString(),
                            "build-" + function.logicalId(),
                            "ARTIFACTS_DIR=" + artifacts)
                    .directory(Files.createTempDirectory("elsewhere").toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noMake) {
            Assumptions.abort("make is not installed, so sam build's targets cannot be run here: " + noMake);
            return;
        }
        String printed = new String(make.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(make.waitFor()).as(printed).isZero();
        assertThat(printed)
                .contains("cd \"" + ROOT.toRealPath() + "\" && ./groundwork test -q -DskipTests -pl "
                        + ROOT.toRealPath().relativize(module) + " -am")
                .contains("unzip -q -o \"" + module.resolve("target/function.zip") + "\"")
                .as("a build id of its own in every build, so that every deploy publishes a version")
                .contains("/dev/urandom")
                .contains("> \"" + artifacts.resolve("groundwork-build-id") + "\"");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void declaresEveryVariableItsConfigurationReadsAndNothingMore(StackFunction function) {
        Configuration configuration = CONFIGURATIONS.get(function.logicalId());
        Set<String> leftUnused = DEFAULTS_LEFT_UNUSED.getOrDefault(function.logicalId(), Set.of());
        Set<String> read = reads(configuration);
        Set<String> expected = new TreeSet<>(read);
        expected.removeIf(FunctionsTemplateTest::setOutsideTheTemplate);
        expected.removeAll(leftUnused);
        Set<String> declared = new TreeSet<>(function.environment().keySet());

        assertThat(read)
                .as("what %s's %s reads", function, configuration.name())
                .containsAll(leftUnused);
        Set<String> undeclared = new TreeSet<>(expected);
        undeclared.removeAll(declared);
        Set<String> unread = new TreeSet<>(declared);
        unread.removeAll(expected);
        unread.removeAll(READ_BY_THE_RUNTIME.keySet());

        assertThat(undeclared)
                .as(
                        "variables %s's %s reads that template.yaml does not declare for it",
                        function, configuration.name())
                .isEmpty();
        assertThat(unread)
                .as(
                        "variables template.yaml declares for %s that neither its %s nor the runtime reads",
                        function, configuration.name())
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void itsConfigurationStartsFromTheEnvironmentTheTemplateDeclares(StackFunction function) {
        Map<String, String> lambda = new HashMap<>(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ACCESS_KEY_ID", "AKIA",
                "AWS_SECRET_ACCESS_KEY", "secret",
                "AWS_SESSION_TOKEN", "token"));
        function.environment()
                .forEach((variable, value) ->
                        lambda.put(variable, value instanceof Map<?, ?> ? plausible(variable) : String.valueOf(value)));

        assertThatCode(() -> CONFIGURATIONS
                        .get(function.logicalId())
                        .fromEnvironment()
                        .apply(lambda))
                .as("%s's configuration from the variables template.yaml declares", function)
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void wiresResourcesAndParametersByReferenceNeverByLiteral(StackFunction function) {
        assertThat(function.environment()).as("%s's environment", function).allSatisfy((variable, value) -> {
            if (variable.equals(ItemsConfig.TENANT_ROLE_ARN)) {
                assertThat(value)
                        .as("%s's %s: its own tenant role", function, variable)
                        .isEqualTo(Map.of("Fn::GetAtt", List.of(function.tenantRoleId(), "Arn")));
            } else if (REFERENCES.containsKey(variable)) {
                assertThat(value).as("%s's %s", function, variable).isEqualTo(REFERENCES.get(variable));
            } else {
                assertThat(READ_BY_THE_RUNTIME.containsKey(variable) || LITERAL_SETTINGS.containsKey(variable))
                        .as(
                                "%s's %s is a reference this check knows, a runtime setting or a known literal",
                                function, variable)
                        .isTrue();
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("functions")
    void hasASampleEventForEachOfItsSources(StackFunction function) {
        List<Path> folders = Stream.of(
                        function.routes().stream()
                                .map(route -> "http/" + function.module().getFileName()),
                        function.sqsSources().stream().map(source -> "sqs/" + kebab(source.queue(), "Queue")),
                        function.streamSources().stream()
                                .map(source -> "dynamodb/" + kebab(source.table(), "Table") + "-stream"))
                .flatMap(Function.identity())
                .map(folder -> ROOT.resolve("events").resolve(folder))
                .toList();

        assertThat(folders).as("%s's event sources", function).isNotEmpty();
        assertThat(folders)
                .allSatisfy(folder -> assertThat(folder)
                        .as("%s's sample events (rule 11)", function)
                        .isDirectoryContaining("glob:**.json"));
    }

    /** {@code ItemEventsQueue} without {@code Queue} as {@code item-events}: how events/ names a source's folder. */
    private static String kebab(String logicalId, String suffix) {
        String name =
                logicalId.endsWith(suffix) ? logicalId.substring(0, logicalId.length() - suffix.length()) : logicalId;
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Every variable a configuration reads, recorded by calling its real {@code fromEnvironment} on a map that
     * answers each name asked for, so that it reads every variable it knows, required or not.
     */
    private static Set<String> reads(Configuration configuration) {
        Set<String> read = new TreeSet<>();
        configuration.fromEnvironment().apply(new AbstractMap<String, String>() {
            @Override
            public String get(Object name) {
                read.add((String) name);
                return plausible((String) name);
            }

            @Override
            public boolean containsKey(Object name) {
                return get(name) != null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                throw new UnsupportedOperationException("a configuration reads its variables by name (rule 3)");
            }
        });
        return read;
    }

    /** A value a configuration accepts for a variable: any text, but a number or a long enough key where it parses one. */
    private static String plausible(String variable) {
        return switch (variable) {
            case ImportsConfig.IMPORT_JOBS_MAX_RECEIVE_COUNT -> "5";
            case AwsSettings.ATTEMPT_TIMEOUT_MS -> "3000";
            case AwsSettings.CALL_TIMEOUT_MS -> "10000";
            case ItemsConfig.CURSOR_SIGNING_KEY, ItemsConfig.CURSOR_SIGNING_KEY_PREVIOUS -> "k".repeat(64);
            default -> "x";
        };
    }
}
