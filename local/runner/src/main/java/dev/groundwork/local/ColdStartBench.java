package dev.groundwork.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.local.aws.AwsJsonClient;
import dev.groundwork.local.dynamodb.LocalTables;
import dev.groundwork.local.lambda.runtime.LambdaProcess;
import dev.groundwork.local.lambda.runtime.RuntimeApi;
import dev.groundwork.local.sqs.LocalQueues;
import dev.groundwork.local.template.FunctionSpec;
import dev.groundwork.local.template.LocalAccessControl;
import dev.groundwork.local.template.LocalDeployment;
import dev.groundwork.local.template.LocalSecrets;
import dev.groundwork.local.template.SampleEvents;
import dev.groundwork.local.template.Template;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * {@code bench coldstart}: each function's {@code function.zip}, as built, in a fresh JVM under AWS's runtime interface
 * client with Lambda's flags and environment ({@link LambdaProcess}), against the Runtime API stand-in, on the embedded
 * DynamoDB and ElasticMQ. Each run is one cold start and one sample event; the medians of {@code --runs} runs are
 * printed beside an unshipped peer (bench/coldstart-peer: the least code that serves the same GET and the same
 * create), run in the same rounds, so that drift on a busy machine hits both. With {@code --snapstart}, each run goes
 * through the SnapStart lifecycle instead (init, the checkpoint hooks with the function's priming, a restore, the first
 * invoke after it), and the table weighs that first invoke against the warm p50; no peer then, since the issue's target
 * compares a function with itself. See docs/performance.md.
 */
final class ColdStartBench {

    static final String USAGE = "coldstart [--runs 9] [--functions GetItemFunction,CreateItemFunction,...]"
            + " [--template template.yaml] [--snapstart] [--class-logs DIR] [--logs DIR] [--jvm-option OPTION]...";

    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TENANT = "acme";
    /**
     * Under {@code --snapstart}, a tenant-scoped function is invoked once more after its warm invokes, as this tenant:
     * a tenant the container has not served, so that invoke pays one AssumeRole of its tenant role and is otherwise
     * warm. The item and the import the sample events name are seeded for it too, so it takes the first invoke's path.
     */
    private static final String NEW_TENANT = "initech";

    private static final String SEEDED_ITEM = "01JDX5Q0A8Z4M6TB3N7R9WVKHE";
    private static final String SEEDED_IMPORT = "01JBZ3NDEKTSV4RRFFQ69G5FAV";
    private static final String PEER_ZIP = "bench/coldstart-peer/target/function.zip";
    /**
     * Warm invokes after each cold start, once its CPU and memory are read, each on the state the first found: the
     * median is the warm p50 that an HTTP client's cold-start saving is weighed against.
     */
    private static final int WARM_INVOKES = 21;

    private static final List<String> PREFERRED_EVENTS =
            List.of("valid.json", "first-page.json", "batch-of-3.json", "one-chunk.json", "json-array.json");

    /** The issue's target for a primed restore: its first invoke within 1.5x of a warm invoke's p50. */
    private static final double RESTORE_TARGET = 1.5;

    /**
     * What one run measured. Under {@code --snapstart}, {@code initMs} runs from starting the JVM to the checkpoint
     * (init and the checkpoint hooks, priming included), {@code restoreMs} from the restore to the runtime's first
     * {@code /next} (the after-restore hooks), and {@code firstInvokeMs} is the first invoke after the restore; without
     * it {@code restoreMs} is 0. {@code newTenantMicros} is the invoke of a tenant the container has not served, after the
     * warm ones (under {@code --snapstart}, for a function with a tenant role; else 0). {@code firstInvokeCpuMicros} and
     * {@code warmCpuMicros} (a median) are the CPU the function's JVM used during those invokes, its JIT compiler aside
     * ({@link LambdaProcess#servingCpuNanos}): its own work, whatever the bench's stand-ins took to answer.
     */
    record Run(
            long initMs,
            long firstInvokeMs,
            long cpuMs,
            long compilerCpuMs,
            long peakRssKib,
            int classes,
            double warmMicros,
            long restoreMs,
            double newTenantMicros,
            double firstInvokeCpuMicros,
            double warmCpuMicros) {}

    /**
     * One line of the table: a function, or a peer. {@code peer} is the peer it is compared with (null for a peer);
     * {@code scopedPeer} the peer that also reaches the table as the tenant, through the function's tenant role (null
     * for a peer and for a function without a tenant role); {@code ownKeys}: it runs with the function's keys, which
     * may assume its tenant role, where a peer without roles runs with keys no role restricts.
     */
    private record Subject(
            String label,
            FunctionSpec function,
            Path zip,
            Path event,
            Subject peer,
            Subject scopedPeer,
            boolean ownKeys) {
        static Subject peer(String label, FunctionSpec function, Path zip, Path event, boolean tenantRoles) {
            return new Subject(label, function, zip, event, null, null, tenantRoles);
        }
    }

    /** Keys the embedded DynamoDB's access control does not know, so unrestricted: the peer's. */
    private static final LocalAccessControl.FunctionKeys PEER_KEYS =
            new LocalAccessControl.FunctionKeys("AKIAPEERNOTENANTROLE", "peer");

    private ColdStartBench() {}

    static int run(Arguments arguments) throws Exception {
        int runs = arguments.integer("runs", 9);
        boolean snapStart = arguments.has("snapstart");
        Path root = Path.of("").toAbsolutePath();
        Path template = Path.of(arguments.value("template", "template.yaml")).toAbsolutePath();
        Path runtime = runtimeDirectory();
        Path work = Files.createTempDirectory("groundwork-coldstart-");
        Template loaded = Template.load(template);
        try (LocalQueues queues = LocalQueues.start(REGION, ACCOUNT);
                // The template's IAM, as ./groundwork local enforces it: a function's first request assumes its
                // tenant role through the STS stand-in, as deployed.
                EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.builder()
                        .region(REGION)
                        .accessControl(LocalAccessControl.of(loaded, Map.of(), REGION, ACCOUNT, List.of("bench")))
                        .refusingBrowsers()
                        .start()) {
            LocalTables tables = new LocalTables(dynamoDb.endpoint(), REGION);
            LocalDeployment deployment = new LocalDeployment(
                    loaded,
                    new LocalDeployment.Settings(
                            "bench", REGION, ACCOUNT, Map.of(), queues.endpoint(), URI.create("http://localhost:3000")),
                    tables::streamArn);
            tables.create(deployment.tables());
            queues.create(deployment.queues());
            LocalSecrets secrets = new LocalSecrets(deployment.template(), work);
            AwsJsonClient seeding = new AwsJsonClient(dynamoDb.endpoint(), "DynamoDB_20120810", "dynamodb", REGION);
            String itemsTable = deployment.tableName("ItemsTable");
            Map<String, String> endpoints = LambdaProcess.localEndpoints(dynamoDb.endpoint(), queues.endpoint());

            List<Subject> subjects = subjects(root, deployment, arguments.values("functions"), snapStart);
            Map<Subject, List<Run>> results = new LinkedHashMap<>();
            for (Subject subject : subjects) {
                if (results.putIfAbsent(subject, new ArrayList<>()) == null) {
                    LambdaProcess.unpack(subject.zip(), Files.createDirectories(work.resolve(subject.label())));
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "bench coldstart%s: %d runs of %d subjects, one at a time, on %d cores (load average %s)%n",
                    snapStart ? " --snapstart" : "",
                    runs,
                    results.size(),
                    Runtime.getRuntime().availableProcessors(),
                    loadAverage());
            // Rounds: every subject once per round, each function right after its peer, so that a slow minute of a
            // busy machine lands on both sides of a ratio. One extra round, not measured for time, counts classes
            // (under --snapstart, those loaded after the restore, by the first invoke).
            for (int round = 0; round <= runs; round++) {
                boolean counting = round == runs;
                for (Subject subject : subjects) {
                    if (counting && results.get(subject).getFirst().classes() > 0) {
                        continue; // a peer, counted earlier in this round
                    }
                    // Every invoke, the first, the warm ones and the new tenant's, finds the state the sample events
                    // name and nothing else: a DELETE's item is there again, an import chunk not yet written, a run
                    // not yet counted, so a warm invoke does the first invoke's work, not the shortcut of a repeat.
                    Runnable freshState = () -> {
                        tables.empty();
                        seed(seeding, itemsTable);
                    };
                    freshState.run();
                    Map<String, String> environment = new LinkedHashMap<>();
                    subject.function()
                            .environment()
                            .forEach((name, value) -> environment.put(name, secrets.resolve(value)));
                    Run run;
                    try {
                        run = once(
                                subject,
                                deployment,
                                environment,
                                endpoints,
                                work.resolve(subject.label()),
                                runtime,
                                work,
                                freshState,
                                counting,
                                snapStart,
                                // Every run's JVM, the peer's too: e.g. -XX:StartFlightRecording to see where init
                                // goes.
                                arguments.values("jvm-option"));
                    } catch (IllegalStateException failed) { // init, a hook or an invoke: say whose
                        throw new IllegalStateException(subject.label() + ": " + failed.getMessage(), failed);
                    }
                    if (counting) {
                        List<Run> timed = results.get(subject);
                        timed.replaceAll(r -> new Run(
                                r.initMs(),
                                r.firstInvokeMs(),
                                r.cpuMs(),
                                r.compilerCpuMs(),
                                r.peakRssKib(),
                                run.classes(),
                                r.warmMicros(),
                                r.restoreMs(),
                                r.newTenantMicros(),
                                r.firstInvokeCpuMicros(),
                                r.warmCpuMicros()));
                    } else {
                        results.get(subject).add(run);
                    }
                }
                System.out.println(
                        counting
                                ? "classes counted"
                                : String.format(Locale.ROOT, "round %d of %d done", round + 1, runs));
            }
            if (arguments.has("class-logs")) {
                // Where a cold start's classes come from: each subject's class-load log of the counting round.
                copyLogs(work, Path.of(arguments.value("class-logs")), true);
            }
            if (arguments.has("logs")) {
                // What each subject's JVM wrote in its last run: its log lines, the JVM's notices, and what a
                // diagnostic --jvm-option prints at exit (-XX:+PrintNMTStatistics: where the memory goes).
                copyLogs(work, Path.of(arguments.value("logs")), false);
            }
            if (snapStart) {
                printRestores(results, runs);
            } else {
                print(results, runs);
            }
            return 0;
        } finally {
            LambdaProcess.deleteTree(work);
        }
    }

    /** The functions asked for (all by default), each after its peer: GET routes beside the GET peer, the rest beside the create peer. */
    private static List<Subject> subjects(
            Path root, LocalDeployment deployment, List<String> asked, boolean withoutPeers) throws IOException {
        List<String> names = asked.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .toList();
        List<FunctionSpec> functions = deployment.functions().stream()
                .filter(function -> names.isEmpty() || names.contains(function.logicalId()))
                .toList();
        if (functions.isEmpty()) {
            throw new Arguments.UsageException("no such function in the template: " + names);
        }
        Path peerZip = root.resolve(PEER_ZIP);
        if (!Files.isRegularFile(peerZip)) {
            throw new Arguments.UsageException("no " + PEER_ZIP + ": build it first (./mvnw -DskipTests package)");
        }
        FunctionSpec getItem = byId(deployment, "GetItemFunction");
        if (withoutPeers) {
            // The SnapStart target compares each function with itself; the primed peer shows what the same lifecycle
            // gives the least code, primed the simplest way.
            List<Subject> subjects = new ArrayList<>();
            subjects.add(Subject.peer(
                    "peer-get, primed (unshipped)",
                    withHandler(getItem, "dev.groundwork.bench.peer.PrimedGetItemPeer"),
                    peerZip,
                    event(root, getItem),
                    false));
            for (FunctionSpec function : functions) {
                subjects.add(new Subject(
                        function.logicalId(), function, zipOf(function), event(root, function), null, null, true));
            }
            return subjects;
        }
        FunctionSpec createItem = byId(deployment, "CreateItemFunction");
        Subject getPeer = Subject.peer(
                "peer-get (unshipped)",
                withHandler(getItem, "dev.groundwork.bench.peer.GetItemPeer"),
                peerZip,
                event(root, getItem),
                false);
        Subject createPeer = Subject.peer(
                "peer-create (unshipped)",
                withHandler(createItem, "dev.groundwork.bench.peer.CreateItemPeer"),
                peerZip,
                event(root, createItem),
                false);
        // The same peers with the product's isolation below the code: each call made as the tenant, through the
        // function's tenant role, as every route function does (docs/performance.md, "Tenant credentials").
        Subject scopedGetPeer = Subject.peer(
                "peer-get+roles (unshipped)",
                withHandler(getItem, "dev.groundwork.bench.peer.ScopedGetItemPeer"),
                peerZip,
                event(root, getItem),
                true);
        Subject scopedCreatePeer = Subject.peer(
                "peer-create+roles (unshipped)",
                withHandler(createItem, "dev.groundwork.bench.peer.ScopedCreateItemPeer"),
                peerZip,
                event(root, createItem),
                true);
        List<Subject> gets = new ArrayList<>();
        List<Subject> writes = new ArrayList<>();
        for (FunctionSpec function : functions) {
            Path zip = zipOf(function);
            boolean get = !function.routes().isEmpty()
                    && function.routes().stream()
                            .allMatch(route -> route.method().equals("GET"));
            boolean tenantRole = function.environment().containsKey("TENANT_ROLE_ARN");
            (get ? gets : writes)
                    .add(new Subject(
                            function.logicalId(),
                            function,
                            zip,
                            event(root, function),
                            get ? getPeer : createPeer,
                            tenantRole ? (get ? scopedGetPeer : scopedCreatePeer) : null,
                            true));
        }
        List<Subject> subjects = new ArrayList<>();
        interleave(List.of(getPeer, scopedGetPeer), gets, subjects);
        interleave(List.of(createPeer, scopedCreatePeer), writes, subjects);
        return subjects;
    }

    private static Path zipOf(FunctionSpec function) {
        Path zip = function.codeUri().resolve("target/function.zip");
        if (!Files.isRegularFile(zip)) {
            throw new Arguments.UsageException("no " + zip + ": build it first (./mvnw -DskipTests package)");
        }
        return zip;
    }

    /**
     * The peers, then their functions with the peers again after every second one: runs alternate between the two
     * sides of each ratio, and the peers run about half as often as they would before every function.
     */
    private static void interleave(List<Subject> peers, List<Subject> functions, List<Subject> order) {
        for (int i = 0; i < functions.size(); i++) {
            if (i % 2 == 0) {
                order.addAll(peers);
            }
            order.add(functions.get(i));
        }
    }

    private static FunctionSpec byId(LocalDeployment deployment, String logicalId) {
        return deployment.functions().stream()
                .filter(function -> function.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("the peer mirrors " + logicalId + ", not in the template"));
    }

    private static FunctionSpec withHandler(FunctionSpec function, String handlerClass) {
        return new FunctionSpec(
                function.logicalId(),
                function.functionName(),
                function.codeUri(),
                handlerClass,
                function.memoryMb(),
                function.timeout(),
                function.environment(),
                function.routes(),
                function.sqsSources(),
                function.streamSources(),
                function.snapStart());
    }

    /** The sample event of a function's source in events/ (house style rule 11), the most common request first. */
    private static Path event(Path root, FunctionSpec function) throws IOException {
        List<Path> sorted = SampleEvents.of(root.resolve("events"), function);
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no sample event in events/" + SampleEvents.folder(function));
        }
        return sorted.stream()
                .filter(file -> PREFERRED_EVENTS.contains(file.getFileName().toString()))
                .findFirst()
                .orElse(sorted.getFirst());
    }

    private static Run once(
            Subject subject,
            LocalDeployment deployment,
            Map<String, String> environment,
            Map<String, String> endpoints,
            Path taskRoot,
            Path runtime,
            Path work,
            Runnable freshState,
            boolean countClasses,
            boolean snapStart,
            List<String> extraJvmOptions)
            throws Exception {
        FunctionSpec function = subject.function();
        Path classLog = work.resolve(subject.label().replaceAll("[^A-Za-z0-9-]", "") + "-classes.log");
        Files.deleteIfExists(classLog);
        List<String> jvmOptions = new ArrayList<>(extraJvmOptions);
        if (countClasses) {
            jvmOptions.add("-Xlog:class+load=info:file=" + classLog + ":none");
        }
        try (RuntimeApi api = new RuntimeApi(
                        deployment.functionArn(function.functionName()),
                        function.timeout(),
                        subject.ownKeys()
                                ? LocalAccessControl.keysOf(deployment, function.logicalId())
                                // The peer is the least code: no tenant role, so keys no role restricts.
                                : PEER_KEYS);
                LambdaProcess process = LambdaProcess.start(
                        function,
                        environment,
                        endpoints,
                        snapStart
                                ? LambdaProcess.Credentials.SNAPSTART_LIFECYCLE
                                : LambdaProcess.Credentials.ENVIRONMENT_KEYS,
                        api,
                        taskRoot,
                        runtime,
                        jvmOptions,
                        // The timed run's log and the counting run's apart: --logs keeps both.
                        work.resolve(subject.label().replaceAll("[^A-Za-z0-9-]", "")
                                + (countClasses ? "-counting-run" : "") + ".log"))) {
            // Under SnapStart the runtime client runs the checkpoint hooks (the priming) after init, then waits on
            // restore/next: the snapshot would be taken there. The restore answers it; the after-restore hooks run
            // and the runtime asks for its first event.
            Instant checkpoint = snapStart ? process.awaitCheckpoint(api, TIMEOUT) : null;
            // The JVM writes its class-load log as it loads (not asynchronously): its length now is what init and
            // the checkpoint hooks loaded.
            long loadedAtCheckpoint = snapStart && countClasses ? lines(classLog) : 0;
            Instant restoring = Instant.now();
            if (snapStart) {
                api.restore();
            }
            Instant ready = process.awaitInit(api, TIMEOUT);
            OptionalLong cpuBefore = process.servingCpuNanos();
            RuntimeApi.Answer answer = process.awaitAnswer(api.invoke(Files.readString(subject.event())), TIMEOUT);
            double firstInvokeCpuMicros = cpuMicrosBetween(cpuBefore, process.servingCpuNanos());
            if (answer.error() || answer.body().contains("\"statusCode\":5")) {
                throw new IllegalStateException(subject.label() + " failed on " + subject.event() + ": "
                        + answer.errorType() + " " + answer.body() + "\n" + process.log());
            }
            long cpu = process.cpuTime().orElse(Duration.ZERO).toMillis();
            long compilerCpu = process.compilerCpuTime().orElse(Duration.ZERO).toMillis();
            long rss = process.peakRssKib().orElse(0);
            long[] warm = new long[countClasses ? 0 : WARM_INVOKES];
            double[] warmCpuMicros = new double[warm.length];
            for (int i = 0; i < warm.length; i++) {
                freshState.run();
                OptionalLong warmCpuBefore = process.servingCpuNanos();
                warm[i] = process.awaitAnswer(api.invoke(Files.readString(subject.event())), TIMEOUT)
                        .took()
                        .toNanos();
                warmCpuMicros[i] = cpuMicrosBetween(warmCpuBefore, process.servingCpuNanos());
            }
            int classes = countClasses ? (int) (lines(classLog) - loadedAtCheckpoint) : 0;
            // A tenant this container has not served: its one AssumeRole, on an otherwise warm path (NEW_TENANT).
            double newTenantMicros = 0;
            if (snapStart
                    && !countClasses
                    && environment.containsKey("TENANT_ROLE_ARN")
                    && !subject.zip().endsWith(PEER_ZIP)) {
                freshState.run();
                RuntimeApi.Answer another = process.awaitAnswer(
                        api.invoke(Files.readString(subject.event()).replace(TENANT, NEW_TENANT)), TIMEOUT);
                if (another.error() || another.body().contains("\"statusCode\":5")) {
                    throw new IllegalStateException(subject.label() + " failed for a new tenant: " + another.errorType()
                            + " " + another.body() + "\n" + process.log());
                }
                newTenantMicros = another.took().toNanos() / 1000.0;
            }
            return new Run(
                    Duration.between(process.started(), snapStart ? checkpoint : ready)
                            .toMillis(),
                    answer.took().toMillis(),
                    cpu,
                    compilerCpu,
                    rss,
                    classes,
                    warm.length == 0 ? 0 : median(warm) / 1000.0,
                    snapStart ? Duration.between(restoring, ready).toMillis() : 0,
                    newTenantMicros,
                    firstInvokeCpuMicros,
                    medianOfKnown(warmCpuMicros));
        }
    }

    private static void copyLogs(Path work, Path into, boolean classLogs) throws IOException {
        Path logs = Files.createDirectories(into);
        try (Stream<Path> files = Files.list(work)) {
            for (Path file : files.filter(
                            f -> f.toString().endsWith(".log") && f.toString().endsWith("-classes.log") == classLogs)
                    .toList()) {
                Files.copy(file, logs.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static long lines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(line -> !line.isBlank()).count();
        }
    }

    /**
     * The item and the import job the sample events name, written into empty tables before every invoke (a DELETE,
     * a PATCH or an import chunk of the invoke before has changed them), in the records' own layout (functions/items ItemRecords, functions/imports
     * DynamoDbImportJobs).
     */
    private static void seed(AwsJsonClient dynamoDb, String table) {
        seed(dynamoDb, table, TENANT);
        seed(dynamoDb, table, NEW_TENANT);
    }

    private static void seed(AwsJsonClient dynamoDb, String table, String tenant) {
        String now = Instant.now().toString();
        ObjectNode item = dynamoDb.object();
        item.putObject("pk").put("S", "TENANT#" + tenant);
        item.putObject("sk").put("S", "ITEM#" + SEEDED_ITEM);
        item.putObject("id").put("S", SEEDED_ITEM);
        item.putObject("name").put("S", "Blue widget");
        item.putObject("attributes").putObject("M").putObject("color").put("S", "blue");
        item.putObject("tags").putArray("L").addObject().put("S", "widgets");
        item.putObject("version").put("N", "1");
        item.putObject("createdAt").put("S", now);
        item.putObject("updatedAt").put("S", now);
        put(dynamoDb, table, item);

        ObjectNode job = dynamoDb.object();
        job.putObject("pk").put("S", "TENANT#" + tenant);
        job.putObject("sk").put("S", "IMPORT#" + SEEDED_IMPORT);
        job.putObject("importId").put("S", SEEDED_IMPORT);
        job.putObject("status").put("S", "QUEUED");
        job.putObject("accepted").put("N", "2");
        job.putObject("rejected").put("N", "0");
        job.putObject("written").put("N", "0");
        job.putObject("failed").put("N", "0");
        job.putObject("chunks").put("N", "1");
        job.putObject("rejectedLines").put("S", "[]");
        job.putObject("createdAt").put("S", now);
        job.putObject("updatedAt").put("S", now);
        put(dynamoDb, table, job);
    }

    private static void put(AwsJsonClient dynamoDb, String table, JsonNode item) {
        ObjectNode request = dynamoDb.object();
        request.put("TableName", table);
        request.set("Item", item);
        dynamoDb.call("PutItem", request);
    }

    private static void print(Map<Subject, List<Run>> results, int runs) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "medians of %d cold starts (init = JVM start to the runtime's first /next; first invoke = the sample"
                        + " event's round trip; warm = the median of the next %d invokes; CPU = user+system of the process after the first"
                        + " invoke; JIT = the part of it the JIT compiler threads used)%n",
                runs,
                WARM_INVOKES);
        System.out.printf(
                Locale.ROOT,
                "%-30s %8s %9s %8s %7s %6s %9s %8s %8s  %s%n",
                "function",
                "init ms",
                "1st inv ms",
                "warm ms",
                "CPU s",
                "JIT s",
                "RSS MiB",
                "classes",
                "zip MB",
                String.format(Locale.ROOT, "%-36s %s", "vs peer (CPU, RSS)", "vs the peer with tenant roles"));
        for (Map.Entry<Subject, List<Run>> entry : results.entrySet()) {
            Subject subject = entry.getKey();
            List<Run> list = entry.getValue();
            double cpu = median(list.stream().mapToLong(Run::cpuMs).toArray()) / 1000.0;
            double rss = median(list.stream().mapToLong(Run::peakRssKib).toArray()) / 1024.0;
            String ratio = ratio(cpu, rss, subject.peer(), results);
            if (subject.scopedPeer() != null) {
                ratio = String.format(Locale.ROOT, "%-36s %s", ratio, ratio(cpu, rss, subject.scopedPeer(), results));
            }
            long zip;
            try {
                zip = Files.size(subject.zip());
            } catch (IOException e) {
                zip = 0;
            }
            System.out.printf(
                    Locale.ROOT,
                    "%-30s %8.0f %9.0f %8.2f %7.2f %6.2f %9.0f %8d %8.1f  %s%n",
                    subject.label(),
                    median(list.stream().mapToLong(Run::initMs).toArray()),
                    median(list.stream().mapToLong(Run::firstInvokeMs).toArray()),
                    median(list.stream()
                                    .mapToLong(run -> Math.round(run.warmMicros()))
                                    .toArray())
                            / 1000.0,
                    cpu,
                    median(list.stream().mapToLong(Run::compilerCpuMs).toArray()) / 1000.0,
                    rss,
                    list.getFirst().classes(),
                    zip / 1e6,
                    ratio);
        }
    }

    /** CPU and peak RSS as multiples of the peer's, named; empty for a peer. */
    private static String ratio(double cpu, double rss, Subject peer, Map<Subject, List<Run>> results) {
        if (peer == null) {
            return "";
        }
        List<Run> runs = results.get(peer);
        double peerCpu = median(runs.stream().mapToLong(Run::cpuMs).toArray()) / 1000.0;
        double peerRss = median(runs.stream().mapToLong(Run::peakRssKib).toArray()) / 1024.0;
        return String.format(
                Locale.ROOT,
                "%.2fx, %.2fx (%s)",
                cpu / peerCpu,
                rss / peerRss,
                peer.label().replace(" (unshipped)", ""));
    }

    /**
     * The SnapStart table: each function's first invoke after a primed restore against its own warm p50. For a
     * function with a tenant role, the first invoke also assumes the request's tenant role, once per tenant per
     * container and never before the snapshot (docs/snapstart.md); the new tenant's invoke on the warm container
     * measures that call (its time less the warm p50), and the last column takes it out of the first invoke.
     */
    private static void printRestores(Map<Subject, List<Run>> results, int runs) {
        System.out.println();
        System.out.printf(
                Locale.ROOT,
                "medians of %d SnapStart lifecycles (init+priming = JVM start to the checkpoint, hooks included;"
                        + " restore = the restore to the runtime's first /next; 1st inv = the sample event's round trip"
                        + " after the restore; warm p50 = the median of the next %d invokes; target: 1st inv at most"
                        + " %.1fx warm p50; new tenant = the same event as a tenant the container has not served, after"
                        + " the warm invokes; AssumeRole = new tenant less warm p50; w/o AssumeRole = (1st inv less"
                        + " AssumeRole) / warm p50; CPU = what the function's JVM used during the 1st invoke and (median)"
                        + " a warm one, its JIT compiler aside; classes = loaded from the restore to the first answer,"
                        + " counted in one extra run)%n",
                runs,
                WARM_INVOKES,
                RESTORE_TARGET);
        System.out.printf(
                Locale.ROOT,
                "%-26s %14s %10s %10s %11s %8s  %-7s %13s %13s %14s %15s %12s %12s  %s%n",
                "function",
                "init+prime ms",
                "restore ms",
                "1st inv ms",
                "warm p50 ms",
                "1st/warm",
                "target",
                "new tenant ms",
                "AssumeRole ms",
                "w/o AssumeRole",
                "1st inv CPU ms",
                "warm CPU ms",
                "CPU 1st/warm",
                "classes loaded after the restore");
        for (Map.Entry<Subject, List<Run>> entry : results.entrySet()) {
            List<Run> list = entry.getValue();
            double first = median(list.stream().mapToLong(Run::firstInvokeMs).toArray());
            double warm = median(list.stream()
                            .mapToLong(run -> Math.round(run.warmMicros()))
                            .toArray())
                    / 1000.0;
            double ratio = first / warm;
            boolean tenantScoped = list.getFirst().newTenantMicros() > 0;
            double newTenant = median(list.stream()
                            .mapToLong(run -> Math.round(run.newTenantMicros()))
                            .toArray())
                    / 1000.0;
            double assumeRole = newTenant - warm;
            double firstCpu = medianOfKnown(
                            list.stream().mapToDouble(Run::firstInvokeCpuMicros).toArray())
                    / 1000.0;
            double warmCpu =
                    medianOfKnown(list.stream().mapToDouble(Run::warmCpuMicros).toArray()) / 1000.0;
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %14.0f %10.0f %10.0f %11.2f %7.1fx  %-7s %13s %13s %14s %15s %12s %12s  %d%n",
                    entry.getKey().label(),
                    median(list.stream().mapToLong(Run::initMs).toArray()),
                    median(list.stream().mapToLong(Run::restoreMs).toArray()),
                    first,
                    warm,
                    ratio,
                    ratio <= RESTORE_TARGET ? "met" : "not met",
                    tenantScoped ? String.format(Locale.ROOT, "%.2f", newTenant) : "-",
                    tenantScoped ? String.format(Locale.ROOT, "%.2f", assumeRole) : "-",
                    tenantScoped ? String.format(Locale.ROOT, "%.1fx", (first - assumeRole) / warm) : "-",
                    Double.isNaN(firstCpu) ? "-" : String.format(Locale.ROOT, "%.2f", firstCpu),
                    Double.isNaN(warmCpu) ? "-" : String.format(Locale.ROOT, "%.2f", warmCpu),
                    Double.isNaN(firstCpu / warmCpu) ? "-" : String.format(Locale.ROOT, "%.1fx", firstCpu / warmCpu),
                    list.getFirst().classes());
        }
    }

    /** The CPU between two readings, in µs; NaN where either could not be read (no procfs, no scheduler statistics). */
    private static double cpuMicrosBetween(OptionalLong before, OptionalLong after) {
        return before.isPresent() && after.isPresent() ? (after.getAsLong() - before.getAsLong()) / 1000.0 : Double.NaN;
    }

    /** The median of the values that are known (not NaN); NaN when none is. */
    static double medianOfKnown(double[] values) {
        double[] known =
                Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int middle = known.length / 2;
        return known.length % 2 == 1 ? known[middle] : (known[middle - 1] + known[middle]) / 2.0;
    }

    static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return String.format(
                    Locale.ROOT,
                    "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                            .getSystemLoadAverage());
        }
    }

    /** target/lambda-runtime beside the runner's jar (local/runner/pom.xml copies the runtime client there). */
    static Path runtimeDirectory() throws Exception {
        Path jar = Path.of(
                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path directory = jar.getParent().resolve("lambda-runtime");
        if (!Files.isDirectory(directory)) {
            throw new Arguments.UsageException(
                    "no " + directory + ": build the runner first (./mvnw -DskipTests package)");
        }
        return directory;
    }
}
