package dev.groundwork.lambdaruntime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.imports.domain.ImportId;
import dev.groundwork.imports.domain.ImportJob;
import dev.groundwork.imports.dynamodb.DynamoDbImportJobs;
import dev.groundwork.items.domain.Item;
import dev.groundwork.items.domain.ItemContent;
import dev.groundwork.items.domain.ItemId;
import dev.groundwork.items.dynamodb.DynamoDbItems;
import dev.groundwork.kernel.TenantId;
import dev.groundwork.local.dynamodb.LocalTables;
import dev.groundwork.local.lambda.runtime.LambdaProcess;
import dev.groundwork.local.lambda.runtime.LambdaProcess.Credentials;
import dev.groundwork.local.lambda.runtime.RuntimeApi;
import dev.groundwork.local.sqs.LocalQueues;
import dev.groundwork.local.template.FunctionSpec;
import dev.groundwork.local.template.LocalAccessControl;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.LocalSecrets;
import dev.groundwork.local.template.SampleEvents;
import dev.groundwork.local.template.Template;
import dev.groundwork.platform.dynamodb.TableAccess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Every function of template.yaml, its {@code function.zip} as built, started in a fresh JVM under AWS's runtime
 * interface client against {@link RuntimeApi}, three times: with the keys Lambda hands a function without SnapStart,
 * with only the container credentials it hands a SnapStart function, and through SnapStart's lifecycle (init, the
 * checkpoint hooks with the function's priming, which must leave every table and queue as it was and print no metric,
 * a restore, after which credentials are fetched afresh, then the events). Each run gets its own tables and queues (a stack of
 * its own, named as the local runner names them), seeded with the item and the import job the sample events read, and
 * answers every sample event in {@code events/} as a user would see it.
 */
class LambdaRuntimeIT {
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final Duration INIT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TenantId TENANT = new TenantId("acme");
    private static final AtomicInteger STACKS = new AtomicInteger();

    /**
     * What each sample event answers, in the order the files are fed (by name). A status for an HTTP event (the
     * function's handler tests and api/openapi.yaml document each), a count of reported failures for an SQS batch, and
     * {@code null} for the stream, whose handler returns nothing. An event with no entry here fails the test.
     */
    private static final Map<String, Integer> EXPECTED = Map.ofEntries(
            Map.entry("http/create-import/json-array.json", 202),
            Map.entry("http/create-import/ndjson.json", 202),
            Map.entry("http/create-item/invalid-fields.json", 400),
            Map.entry("http/create-item/malformed-json.json", 400),
            Map.entry("http/create-item/malformed-tenant-claim.json", 403),
            Map.entry("http/create-item/no-tenant-claim.json", 403),
            Map.entry("http/create-item/valid.json", 201),
            Map.entry("http/create-item/with-idempotency-key.json", 201),
            Map.entry("http/create-item/wrong-content-type.json", 415),
            Map.entry("http/delete-item/if-none-match.json", 412),
            Map.entry("http/delete-item/valid.json", 204),
            Map.entry("http/get-import/valid.json", 200),
            Map.entry("http/get-item/if-match.json", 412),
            Map.entry("http/get-item/if-none-match.json", 304),
            Map.entry("http/get-item/not-an-item-id.json", 404),
            Map.entry("http/get-item/valid.json", 200),
            Map.entry("http/get-usage/range-too-long.json", 400),
            Map.entry("http/get-usage/valid.json", 200),
            Map.entry("http/list-items/bad-limit.json", 400),
            Map.entry("http/list-items/first-page.json", 200),
            Map.entry("http/list-items/limit-7.json", 200),
            Map.entry("http/list-items/tampered-cursor.json", 400),
            Map.entry("http/update-item/if-match.json", 200),
            Map.entry("http/update-item/if-none-match.json", 412),
            Map.entry("http/update-item/read-only-field.json", 400),
            Map.entry("http/update-item/valid.json", 200),
            Map.entry("http/update-item/wrong-content-type.json", 415),
            Map.entry("sqs/item-events/batch-of-3.json", 0),
            Map.entry("sqs/item-events/poison-on-last-delivery.json", 1),
            Map.entry("sqs/import-jobs/one-chunk.json", 0),
            Map.entry("dynamodb/items-stream/two-tenants-with-an-idempotency-record.json", -1));

    private static Path root;
    private static Template template;
    private static EmbeddedDynamoDb dynamoDb;
    private static LocalQueues queues;
    private static LocalTables tables;
    private static LocalSecrets secrets;
    private static DynamoDbClient seeding;
    private static Path work;
    private static final List<String> timings = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServices() throws IOException {
        root = Path.of(System.getProperty("groundwork.root", "../.."))
                .toAbsolutePath()
                .normalize();
        template = Template.load(root.resolve("template.yaml"));
        CompletableFuture<LocalQueues> sqs = CompletableFuture.supplyAsync(() -> LocalQueues.start(REGION, ACCOUNT));
        // The template's IAM, as ./groundwork local enforces it, for every stack the runs deploy (each run has its
        // own): route functions assume their tenant roles through the STS stand-in, with their own roles' keys.
        dynamoDb = EmbeddedDynamoDb.builder()
                .region(REGION)
                .accessControl(LocalAccessControl.of(template, Map.of(), REGION, ACCOUNT, stackNames()))
                .start();
        queues = sqs.join();
        tables = new LocalTables(dynamoDb.endpoint(), REGION);
        work = Files.createTempDirectory("lambda-runtime-");
        secrets = new LocalSecrets(template, work);
        seeding = DynamoDbClient.builder()
                .endpointOverride(dynamoDb.endpoint())
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("seed", "seed")))
                .build();
    }

    @AfterAll
    static void stopServices() {
        timings.forEach(System.out::println);
        if (seeding != null) {
            seeding.close();
        }
        if (queues != null) {
            queues.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (work != null) {
            LambdaProcess.deleteTree(work);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyFunctionAnswersItsSampleEventsUnderLambdasRuntime() {
        List<String> functions = deployment("names").functions().stream()
                .map(FunctionSpec::logicalId)
                .toList();
        assertThat(functions).isNotEmpty();
        return functions.stream()
                .flatMap(logicalId -> Stream.of(Credentials.values())
                        .map(credentials -> DynamicTest.dynamicTest(
                                logicalId + " with "
                                        + credentials
                                                .name()
                                                .toLowerCase(Locale.ROOT)
                                                .replace('_', ' '),
                                () -> run(logicalId, credentials))));
    }

    /** The stacks the runs deploy, one per function and way of handing credentials: rt1, rt2 ... */
    private static List<String> stackNames() {
        int runs = template.resourcesOfType(java.util.Set.of("AWS::Serverless::Function"))
                        .size()
                * Credentials.values().length;
        return java.util.stream.IntStream.rangeClosed(1, runs)
                .mapToObj(run -> "rt" + run)
                .toList();
    }

    private static LocalDeployment deployment(String stackName) {
        return new LocalDeployment(
                template,
                new LocalDeployment.Settings(
                        stackName, REGION, ACCOUNT, Map.of(), queues.endpoint(), URI.create("http://localhost:3000")),
                tables::streamArn);
    }

    private void run(String logicalId, Credentials credentials) throws Exception {
        // given: a stack of this run's own, seeded, and the function's zip as built
        LocalDeployment deployment;
        synchronized (LambdaRuntimeIT.class) { // the runner's table and queue registries are not thread-safe
            deployment = deployment("rt" + STACKS.incrementAndGet());
            tables.create(deployment.tables());
            queues.create(deployment.queues());
            seed(deployment);
        }
        FunctionSpec function = deployment.functions().stream()
                .filter(spec -> spec.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow();
        Path zip = function.codeUri().resolve("target/function.zip");
        assertThat(zip).as("built by the function's module before this one").isRegularFile();
        List<Path> events = sampleEvents(function);
        Map<String, String> environment = new LinkedHashMap<>();
        function.environment().forEach((name, value) -> environment.put(name, secrets.resolve(value)));
        Path taskRoot = Files.createDirectories(work.resolve(logicalId + "-" + credentials));
        Path logs = Files.createDirectories(Path.of(System.getProperty("lambda.logs.directory", "target/lambda-logs")));
        Map<String, Long> storesBefore = stores(deployment);
        LambdaProcess.unpack(zip, taskRoot);
        Path classLog = work.resolve(logicalId + "-" + credentials + "-classes.log");
        long loadedAtCheckpoint = -1;

        try (RuntimeApi api = new RuntimeApi(
                        deployment.functionArn(function.functionName()),
                        function.timeout(),
                        LocalAccessControl.keysOf(deployment, function.logicalId()));
                LambdaProcess process = LambdaProcess.start(
                        function,
                        environment,
                        LambdaProcess.localEndpoints(dynamoDb.endpoint(), queues.endpoint()),
                        credentials,
                        api,
                        taskRoot,
                        Path.of(System.getProperty("lambda.runtime.directory", "target/lambda-runtime")),
                        credentials == Credentials.SNAPSTART_LIFECYCLE
                                ? List.of("-Xlog:class+load=info:file=" + classLog + ":none")
                                : List.of(),
                        logs.resolve(logicalId + "-" + credentials + ".log"))) {
            // when: the runtime initialises the function (and, under SnapStart, primes it and is restored)
            long restoreMs = -1;
            int fetchedByTheRestore = -1;
            if (credentials == Credentials.SNAPSTART_LIFECYCLE) {
                Instant checkpoint = process.awaitCheckpoint(api, INIT_TIMEOUT);
                loadedAtCheckpoint = Files.readAllLines(classLog).size();
                assertPrimingLeftNoTrace(deployment, storesBefore, process);
                int fetchedBeforeTheSnapshot = api.credentialsServed();
                Instant restoring = Instant.now();
                api.restore();
                restoreMs = Duration.between(restoring, process.awaitInit(api, INIT_TIMEOUT))
                        .toMillis();
                fetchedByTheRestore = api.credentialsServedAfterRestore();
                assertThat(fetchedByTheRestore)
                        .as("the after-restore hooks fetch afresh, before any invoke, each of the function's own"
                                + " credentials the priming fetched before the snapshot")
                        .isEqualTo(fetchedBeforeTheSnapshot)
                        .isPositive();
                assertThat(process.log()).as("the priming ran").contains("primed before the snapshot");
                timings.add(String.format(
                        "%-28s %-20s init and priming %5d ms",
                        logicalId,
                        credentials,
                        Duration.between(process.started(), checkpoint).toMillis()));
            }
            Instant ready = process.awaitInit(api, INIT_TIMEOUT);
            long initMs = Duration.between(process.started(), ready).toMillis();

            // then: it answers every sample event as documented
            Long firstInvokeMs = null;
            for (Path event : events) {
                String name =
                        root.resolve("events").relativize(event).toString().replace('\\', '/');
                RuntimeApi.Answer answer = process.awaitAnswer(api.invoke(Files.readString(event)), INIT_TIMEOUT);
                if (firstInvokeMs == null) {
                    firstInvokeMs = answer.took().toMillis();
                    if (loadedAtCheckpoint >= 0) {
                        assertPrimingReachedTheFirstInvokesCode(name, classLog, loadedAtCheckpoint);
                    }
                }
                assertThat(answer.error())
                        .as(
                                "%s: the function failed: %s %s\n%s",
                                name, answer.errorType(), answer.body(), process.log())
                        .isFalse();
                check(name, answer.body());
                if (name.startsWith("dynamodb/")) {
                    assertRelayedWhole(name, Files.readString(event), process.log());
                    assertHandedOverWithoutDelay(name, Files.readString(event), api, process);
                }
            }
            if (credentials == Credentials.SNAPSTART_CONTAINER) {
                assertThat(api.credentialsServed())
                        .as("container credentials fetched from the endpoint")
                        .isPositive();
            } else if (credentials == Credentials.SNAPSTART_LIFECYCLE) {
                assertThat(api.credentialsServedAfterRestore())
                        .as("the invokes use the credentials the restore fetched: none of the snapshot's, no fetch of"
                                + " their own")
                        .isEqualTo(fetchedByTheRestore);
            } else {
                assertThat(api.credentialsServed()).isZero();
            }
            assertStructuredLogs(logicalId, process.log());
            timings.add(String.format(
                    "%-28s %-20s init %5d ms, first invoke %5d ms%s",
                    logicalId,
                    credentials,
                    initMs,
                    firstInvokeMs,
                    restoreMs < 0 ? "" : " (after-restore hooks " + restoreMs + " ms)"));
        } finally {
            LambdaProcess.deleteTree(taskRoot);
        }
    }

    /**
     * What a priming may not leave: a record in a table (so no stream record either), a message in a queue, a metric
     * in the log (an EMF document, which Lambda would ship to CloudWatch).
     */
    private static void assertPrimingLeftNoTrace(
            LocalDeployment deployment, Map<String, Long> before, LambdaProcess process) {
        assertThat(stores(deployment)).as("tables and queues after the priming").isEqualTo(before);
        assertThat(process.log()).as("metrics printed before the snapshot").doesNotContain("\"_aws\"");
    }

    /** How many records each of the stack's tables holds and how many messages each queue. */
    private static Map<String, Long> stores(LocalDeployment deployment) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (var table : deployment.tables()) {
            counts.put("table " + table.tableName(), (long)
                    seeding.scan(scan -> scan.tableName(table.tableName())).count());
        }
        for (var queue : deployment.queues()) {
            counts.put("queue " + queue.queueName(), queues.approximateDepth(queue.queueName()));
        }
        return counts;
    }

    /**
     * What CloudWatch would get: every line the function wrote is a structured log line, or the JVM's own notices at
     * start. A Logback status message (a configuration it could not apply), SLF4J's notice of a missing or second
     * backend, Powertools' of a missing level manager, or a stray print fails here.
     */
    private static void assertStructuredLogs(String logicalId, String log) throws IOException {
        List<String> lines = log.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines)
                .as("%s's output", logicalId)
                .allMatch(
                        line -> line.startsWith("{")
                                || line.startsWith("Picked up JAVA_TOOL_OPTIONS:")
                                || line.startsWith("WARNING: "),
                        "a JSON log line or a notice of the JVM");
        List<JsonNode> logLines = new java.util.ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                JsonNode node = JSON.readTree(line);
                if (node.has("level")) {
                    logLines.add(node);
                }
            }
        }
        assertThat(logLines)
                .as("%s's log lines: each with its message, and a request's with Powertools' fields", logicalId)
                .allSatisfy(node -> assertThat(node.path("message").isTextual()).isTrue())
                .anySatisfy(
                        node -> assertThat(node.path("function_name").asText()).endsWith(logicalId));
    }

    /** The answer a user (or Lambda's event source) sees. */
    private static void check(String event, String body) throws IOException {
        assertThat(EXPECTED).as("an expected answer for " + event).containsKey(event);
        int expected = EXPECTED.get(event);
        if (event.startsWith("http/")) {
            JsonNode response = JSON.readTree(body);
            assertThat(response.path("statusCode").asInt())
                    .as(event + ": " + body)
                    .isEqualTo(expected);
            if (expected >= 400) {
                assertThat(header(response, "Content-Type")).as(event).contains("application/problem+json");
                JsonNode problem = JSON.readTree(response.path("body").asText());
                assertThat(problem.path("status").asInt()).as(event).isEqualTo(expected);
                assertThat(problem.path("type").asText()).as(event).isNotEmpty();
            }
        } else if (event.startsWith("sqs/")) {
            JsonNode response = JSON.readTree(body);
            assertThat(response.path("batchItemFailures"))
                    .as(event + ": " + body)
                    .hasSize(expected);
        } else {
            assertThat(body).as(event).isEqualTo("null");
        }
    }

    /**
     * Under SnapStart, the priming runs the handler's whole path before the snapshot, so the first invoke after the
     * restore loads none of Groundwork's classes, lambdas included (a lambda's class is made where its call site is
     * first run): one that it does is code the priming did not reach, which the first user after every restore pays for
     * (docs/snapstart.md). The restore's own hooks are counted too.
     */
    private static void assertPrimingReachedTheFirstInvokesCode(String event, Path classLog, long loadedAtCheckpoint)
            throws IOException {
        List<String> loadedSince = Files.readAllLines(classLog).stream()
                .skip(loadedAtCheckpoint)
                .map(line -> line.split(" ", 2)[0])
                .filter(name -> name.startsWith("dev.groundwork."))
                .toList();
        assertThat(loadedSince)
                .as("%s: Groundwork's classes loaded after the restore, by the restore or the first invoke", event)
                .isEmpty();
    }

    /**
     * A stream batch's answer is only {@code null}, which a relay that read no records would give too: its log line
     * says how many records the serializer the runtime used delivered, and how many item changes and tenants' runs
     * were read from them (the meter counts what the runs carry).
     */
    private static void assertRelayedWhole(String name, String event, String log) throws IOException {
        JsonNode batch = JSON.readTree(event).path("Records");
        long items = 0;
        java.util.Set<String> tenants = new java.util.HashSet<>();
        for (JsonNode record : batch) {
            String sk =
                    record.path("dynamodb").path("Keys").path("sk").path("S").asText();
            if (sk.startsWith("ITEM#")) {
                items++;
                tenants.add(record.path("dynamodb")
                        .path("Keys")
                        .path("pk")
                        .path("S")
                        .asText());
            }
        }
        List<JsonNode> relayed = new java.util.ArrayList<>();
        for (String line : log.lines().filter(line -> line.startsWith("{")).toList()) {
            JsonNode node = JSON.readTree(line);
            if (node.path("message").asText().equals("stream batch relayed")
                    && !node.path("function_arn").asText().equals("snapstart-priming")) {
                relayed.add(node);
            }
        }
        assertThat(relayed).as("%s: the relay's report of the batch", name).isNotEmpty();
        JsonNode report = relayed.getLast();
        assertThat(report.path("records").asLong())
                .as(name + ": records delivered")
                .isEqualTo(batch.size());
        assertThat(report.path("item_changes").asLong())
                .as(name + ": item changes read")
                .isEqualTo(items);
        assertThat(report.path("runs").asLong()).as(name + ": tenants' runs").isEqualTo(tenants.size());
        assertThat(report.path("dead_lettered").asLong()).as(name).isZero();
    }

    /**
     * The stand-in hands an event over as Lambda's Runtime API does, adding next to nothing to what the function
     * takes: a stream batch over the stand-in's 8 KB buffer waited 40 ms on the runtime client's delayed
     * acknowledgement, until RuntimeApi turned Nagle's algorithm off. Measured as the round trip less the relay's own
     * {@code BatchLatency}, on warm invokes.
     */
    private static void assertHandedOverWithoutDelay(String name, String event, RuntimeApi api, LambdaProcess process)
            throws IOException {
        assertThat(event.length())
                .as("%s: larger than the stand-in's buffer", name)
                .isGreaterThan(8 * 1024);
        List<Long> roundTrips = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            roundTrips.add(
                    process.awaitAnswer(api.invoke(event), INIT_TIMEOUT).took().toNanos());
        }
        List<Double> handlerMs = new java.util.ArrayList<>();
        for (String line :
                process.log().lines().filter(line -> line.startsWith("{")).toList()) {
            JsonNode latency = JSON.readTree(line).path("BatchLatency");
            if (latency.isNumber()) {
                handlerMs.add(latency.asDouble());
            }
        }
        List<Double> lastFive = handlerMs.subList(handlerMs.size() - roundTrips.size(), handlerMs.size());
        List<Double> overheadMs = new java.util.ArrayList<>();
        for (int i = 0; i < roundTrips.size(); i++) {
            overheadMs.add(roundTrips.get(i) / 1e6 - lastFive.get(i));
        }
        overheadMs.sort(null);
        assertThat(overheadMs.get(overheadMs.size() / 2))
                .as(
                        "%s: ms a warm invoke's round trip takes beyond the relay's own time, median of %s",
                        name, overheadMs)
                .isLessThan(25.0);
    }

    private static Optional<String> header(JsonNode response, String name) {
        for (var field : response.path("headers").properties()) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return Optional.of(field.getValue().asText());
            }
        }
        return Optional.empty();
    }

    /** The sample events of a function's event source, from events/ (house style rule 11), by file name. */
    private static List<Path> sampleEvents(FunctionSpec function) throws IOException {
        List<Path> events = SampleEvents.of(root.resolve("events"), function);
        assertThat(events)
                .as("sample events in events/" + SampleEvents.folder(function))
                .isNotEmpty();
        return events;
    }

    /** The item and the import job the sample events name, written through their repositories. */
    private static void seed(LocalDeployment deployment) {
        String table = deployment.tableName("ItemsTable");
        Instant now = Instant.now();
        new DynamoDbItems(seeding, table, TableAccess.asFunction())
                .add(
                        TENANT,
                        Item.created(
                                new ItemId("01JDX5Q0A8Z4M6TB3N7R9WVKHE"),
                                new ItemContent("Blue widget", Map.of("color", "blue"), List.of("widgets")),
                                now));
        new DynamoDbImportJobs(seeding, table, TableAccess.asFunction())
                .create(
                        TENANT,
                        ImportJob.queued(new ImportId("01JBZ3NDEKTSV4RRFFQ69G5FAV"), 2, List.of(), 1, now),
                        Optional.empty());
    }
}
