package dev.groundwork.dynamodb.bench;

import dev.groundwork.dynamodb.EmbeddedDynamoDb;
import dev.groundwork.dynamodb.conformance.TargetClients;
import dev.groundwork.dynamodb.differential.Dynalite;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The embedded server and dynalite side by side, in one run, on this machine: start to first answer, PutItem and
 * GetItem latency (p50/p99) and throughput at 1 and 16 concurrent clients over loopback, a Query returning 100
 * items, and the memory that 100,000 items of 1 KB hold. Prints a Markdown table for docs/embedded-dynamodb.md.
 *
 * <p>Run it with {@code ./groundwork bench dynamodb}. Three kinds of rows:
 * <ul>
 *   <li>start to first answer: {@link StartProbe} in fresh JVMs (the embedded server started in process, cold) and
 *       fresh node processes, several of each, the median and the range;
 *   <li>"via the SDK": AWS SDK v2 {@code DynamoDbClient}s with the url-connection HTTP client on threads of this JVM,
 *       the embedded server in this JVM too, as a Java user's test sees it (latencies include the SDK's work);
 *   <li>"raw HTTP": {@link LoadGenerator} in a JVM of its own against each server in a process of its own
 *       ({@link StandaloneServer}, and dynalite's node), the servers taking turns run by run, several rounds, the
 *       median reported: the servers themselves, and the throughput ratio embedded ÷ dynalite computed from them.
 * </ul>
 */
public final class DynamoDbBenchmark {

    private static final int WARM_UP_CALLS = Integer.getInteger("bench.warmup", 3000);
    private static final int CALLS_PER_RUN = Integer.getInteger("bench.calls", 4000);
    private static final int MEMORY_ITEMS = Integer.getInteger("bench.memoryItems", 100_000);
    private static final int QUERY_RUNS = 300;
    private static final String ONE_KB_FILLER = "x".repeat(1000);
    private static final double LOAD_WARM_UP_SECONDS =
            Double.parseDouble(System.getProperty("bench.loadWarmUpSeconds", "2"));
    private static final double LOAD_SECONDS = Double.parseDouble(System.getProperty("bench.loadSeconds", "5"));
    private static final int LOAD_KEYS = Integer.getInteger("bench.loadKeys", 10_000);
    private static final int START_RUNS = Math.max(1, Integer.getInteger("bench.startRuns", 5));
    /** Rounds of the 16-client raw runs; the machines this runs on vary by 10 % from one run to the next. */
    private static final int LOAD_ROUNDS = Math.max(1, Integer.getInteger("bench.loadRounds", 3));

    private static final String SDK = " via the SDK";
    private static final String RAW = " (raw HTTP from a separate load-generator process)";
    private static final String START = "start to first answer (cold; median, range)";
    /** PutItem first, so that every key GetItem asks for exists (a miss would be cheaper to answer). */
    private static final String[][] RAW_OPERATIONS = {
        {
            "PutItem",
            "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"raw%d\"},\"d\":{\"S\":\"" + ONE_KB_FILLER + "\"}}}"
        },
        {"GetItem", "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"raw%d\"}}}"},
    };

    private DynamoDbBenchmark() {}

    public static void main(String[] args) throws Exception {
        // The JDK keeps 5 idle keep-alive connections per host by default; 16 clients need 16.
        System.setProperty("http.maxConnections", "64");
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        Map<String, String> embedded = new LinkedHashMap<>();
        results.put("embedded", embedded);
        Map<String, String> dynalite = null;
        if (Dynalite.unavailableReason().isPresent()) {
            System.out.println(
                    "dynalite not measured: " + Dynalite.unavailableReason().get());
        } else {
            dynalite = new LinkedHashMap<>();
            results.put("dynalite " + "4.0.0", dynalite);
        }
        embedded.put(START, describeStarts(embeddedStarts()) + " (StartProbe in a fresh JVM)");
        if (dynalite != null) {
            dynalite.put(START, describeStarts(dynaliteStarts()) + " (node child process)");
        }
        measureEmbedded(embedded);
        if (dynalite != null) {
            measureDynalite(dynalite);
        }
        measureRawCalls(embedded, dynalite);
        System.out.println();
        System.out.println(table(results));
    }

    private static void measureEmbedded(Map<String, String> row) throws Exception {
        try (EmbeddedDynamoDb server = EmbeddedDynamoDb.start()) {
            FirstAnswer.await(server.endpoint());
            measureCalls(server.endpoint(), row);
            // For comparison with the raw rows below, where the server has a JVM of its own.
            for (String[] operation : RAW_OPERATIONS) {
                row.put(
                        operation[0] + ", 16 clients, raw HTTP, server in the benchmark's JVM",
                        describe(List.of(generateLoad(server.endpoint(), operation[0], 16, operation[1]))));
            }
            load(server.endpoint(), "memory");
            long loaded = heapAfterGc();
            // Deleting the table frees exactly what the items held; buffers the server keeps per connection stay.
            try (DynamoDbClient client =
                    TargetClients.forEndpoint(server.endpoint()).dynamo()) {
                client.deleteTable(r -> r.tableName("memory"));
            }
            long emptied = heapAfterGc();
            row.put(memoryMeasure(), megabytes(loaded - emptied) + " (heap after GC, loaded minus after DeleteTable)");
        }
        long restarted = System.nanoTime();
        try (EmbeddedDynamoDb again = EmbeddedDynamoDb.start()) {
            FirstAnswer.await(again.endpoint());
            row.put("start to first answer, second server in the JVM", millis(System.nanoTime() - restarted));
        }
    }

    private static void measureDynalite(Map<String, String> row) throws Exception {
        try (Dynalite dynalite = Dynalite.start()) {
            FirstAnswer.await(dynalite.endpoint());
            measureCalls(dynalite.endpoint(), row);
            long before = residentBytes(dynalite.pid());
            load(dynalite.endpoint(), "memory");
            long after = residentBytes(dynalite.pid());
            row.put(
                    memoryMeasure(),
                    megabytes(after - before) + " (process RSS growth; " + megabytes(after) + " in all)");
        }
    }

    /** {@link StartProbe} in fresh JVMs on this JVM's class path: the server started in process, first thing. */
    private static long[] embeddedStarts() throws Exception {
        long[] nanos = new long[START_RUNS];
        for (int i = 0; i < nanos.length; i++) {
            Process probe = new ProcessBuilder(
                            javaBinary(), "-cp", System.getProperty("java.class.path"), StartProbe.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (probe.waitFor() != 0) {
                throw new IllegalStateException("StartProbe failed (exit " + probe.exitValue() + "): " + output);
            }
            nanos[i] = Long.parseLong(output);
        }
        return nanos;
    }

    private static long[] dynaliteStarts() throws Exception {
        long[] nanos = new long[START_RUNS];
        for (int i = 0; i < nanos.length; i++) {
            long started = System.nanoTime();
            try (Dynalite dynalite = Dynalite.start()) {
                FirstAnswer.await(dynalite.endpoint());
                nanos[i] = System.nanoTime() - started;
            }
        }
        return nanos;
    }

    private static String describeStarts(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(
                Locale.ROOT,
                "%.0f ms (%.0f–%.0f ms, %d starts)",
                sorted[sorted.length / 2] / 1e6,
                sorted[0] / 1e6,
                sorted[sorted.length - 1] / 1e6,
                sorted.length);
    }

    private static String memoryMeasure() {
        return String.format(Locale.ROOT, "memory for %,d items of 1 KB", MEMORY_ITEMS);
    }

    private static void measureCalls(URI endpoint, Map<String, String> row) throws Exception {
        List<DynamoDbClient> clients = IntStream.range(0, 16)
                .mapToObj(i -> TargetClients.forEndpoint(endpoint).dynamo())
                .toList();
        DynamoDbClient first = clients.getFirst();
        createTable(first, "bench", false);
        createTable(first, "bench-query", true);
        Map<String, AttributeValue> item =
                Map.of("pk", AttributeValue.fromS("k"), "d", AttributeValue.fromS(ONE_KB_FILLER));

        runConcurrently(
                clients,
                WARM_UP_CALLS,
                (client, i) -> client.putItem(r -> r.tableName("bench").item(withKey(item, i))));
        runConcurrently(
                clients,
                WARM_UP_CALLS,
                (client, i) -> client.getItem(r -> r.tableName("bench").key(key(i))));
        for (int concurrency : new int[] {1, 16}) {
            List<DynamoDbClient> subset = clients.subList(0, concurrency);
            row.put(
                    "PutItem" + SDK + ", " + concurrency + " client" + (concurrency > 1 ? "s" : ""),
                    describe(runConcurrently(
                            subset,
                            CALLS_PER_RUN,
                            (client, i) ->
                                    client.putItem(r -> r.tableName("bench").item(withKey(item, i))))));
            row.put(
                    "GetItem" + SDK + ", " + concurrency + " client" + (concurrency > 1 ? "s" : ""),
                    describe(runConcurrently(
                            subset,
                            CALLS_PER_RUN,
                            (client, i) ->
                                    client.getItem(r -> r.tableName("bench").key(key(i % CALLS_PER_RUN))))));
        }

        for (int i = 0; i < 100; i++) {
            int sk = i;
            first.putItem(r -> r.tableName("bench-query")
                    .item(Map.of(
                            "pk",
                            AttributeValue.fromS("q"),
                            "sk",
                            AttributeValue.fromN(Integer.toString(sk)),
                            "d",
                            AttributeValue.fromS("x".repeat(100)))));
        }
        Map<String, AttributeValue> values = Map.of(":q", AttributeValue.fromS("q"));
        runConcurrently(
                clients.subList(0, 1),
                200,
                (client, i) -> client.query(r -> r.tableName("bench-query")
                        .keyConditionExpression("pk = :q")
                        .expressionAttributeValues(values)));
        Run query = runConcurrently(clients.subList(0, 1), QUERY_RUNS, (client, i) -> {
            int count = client.query(r -> r.tableName("bench-query")
                            .keyConditionExpression("pk = :q")
                            .expressionAttributeValues(values))
                    .count();
            if (count != 100) {
                throw new IllegalStateException("query returned " + count + " items");
            }
        });
        row.put("Query of 100 items" + SDK + ", 1 client", describe(query));
        clients.forEach(DynamoDbClient::close);
    }

    /**
     * PutItem and GetItem as pre-built HTTP requests on keep-alive connections, sent by {@link LoadGenerator} in a JVM
     * of its own to each server in a process of its own: the servers' own latency and throughput, without the SDK's
     * work (building, signing, parsing). Each run is time-based (warm-up, then a measured period) and identical for
     * both servers; they take turns, run by run, so that whatever else the machine does meets both alike, and the
     * 16-client runs are repeated {@link #LOAD_ROUNDS} times, their median reported with the range.
     */
    private static void measureRawCalls(Map<String, String> embedded, Map<String, String> dynaliteRow)
            throws Exception {
        try (StandaloneServer server = StandaloneServer.start(javaBinary());
                Dynalite dynalite = dynaliteRow == null ? null : Dynalite.start()) {
            List<URI> endpoints = new ArrayList<>(List.of(server.endpoint()));
            if (dynalite != null) {
                endpoints.add(dynalite.endpoint());
            }
            for (URI endpoint : endpoints) {
                try (DynamoDbClient client = TargetClients.forEndpoint(endpoint).dynamo()) {
                    createTable(client, "bench", false);
                }
            }
            for (int concurrency : new int[] {1, 16}) {
                String clients = concurrency + " client" + (concurrency > 1 ? "s" : "");
                int rounds = concurrency == 1 ? 1 : LOAD_ROUNDS;
                for (String[] operation : RAW_OPERATIONS) {
                    String measure = operation[0] + ", " + clients + RAW;
                    List<List<LoadRun>> runs = new ArrayList<>();
                    endpoints.forEach(endpoint -> runs.add(new ArrayList<>()));
                    for (int round = 0; round < rounds; round++) {
                        for (int turn = 0; turn < endpoints.size(); turn++) {
                            // Who goes first changes every round: neither server always follows the other.
                            int i = (turn + round) % endpoints.size();
                            runs.get(i).add(generateLoad(endpoints.get(i), operation[0], concurrency, operation[1]));
                        }
                    }
                    LoadRun embeddedMedian = median(runs.get(0));
                    embedded.put(measure, describe(runs.get(0)));
                    if (dynalite != null) {
                        LoadRun dynaliteMedian = median(runs.get(1));
                        dynaliteRow.put(measure, describe(runs.get(1)));
                        // The goal is stated as this ratio, so it gets rows of its own.
                        embedded.put(
                                "throughput embedded ÷ dynalite, " + operation[0] + ", " + clients
                                        + (rounds > 1 ? ", medians" : ""),
                                String.format(
                                        Locale.ROOT, "%.2f×", embeddedMedian.perSecond() / dynaliteMedian.perSecond()));
                    }
                }
            }
        }
    }

    private static LoadRun median(List<LoadRun> runs) {
        List<LoadRun> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(LoadRun::perSecond));
        return sorted.get(sorted.size() / 2);
    }

    private static String javaBinary() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** One {@link LoadGenerator} process against {@code endpoint}; its one line of output is the run's result. */
    private static LoadRun generateLoad(URI endpoint, String operation, int clients, String template) throws Exception {
        Process process = new ProcessBuilder(
                        javaBinary(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LoadGenerator.class.getName(),
                        endpoint.getHost(),
                        Integer.toString(endpoint.getPort()),
                        operation,
                        Integer.toString(clients),
                        Double.toString(LOAD_WARM_UP_SECONDS),
                        Double.toString(LOAD_SECONDS),
                        Integer.toString(LOAD_KEYS),
                        template)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (process.waitFor() != 0 || output.isEmpty()) {
            throw new IllegalStateException(
                    "load generator for " + operation + " failed (exit " + process.exitValue() + "): " + output);
        }
        String[] fields =
                output.lines().reduce((first, last) -> last).orElseThrow().split(" ");
        return new LoadRun(
                Long.parseLong(fields[0]),
                Long.parseLong(fields[1]),
                Long.parseLong(fields[2]),
                Long.parseLong(fields[3]));
    }

    /** What {@link LoadGenerator} prints: calls answered, p50 and p99 in nanoseconds, and the measured period. */
    private record LoadRun(long count, long p50Nanos, long p99Nanos, long wallNanos) {
        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    /** The median run by throughput; with more than one run, the range of their throughputs too. */
    private static String describe(List<LoadRun> runs) {
        LoadRun run = median(runs);
        String text = String.format(
                Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms, %,.0f/s",
                run.p50Nanos() / 1e6,
                run.p99Nanos() / 1e6,
                run.perSecond());
        if (runs.size() == 1) {
            return text;
        }
        double lowest = runs.stream().mapToDouble(LoadRun::perSecond).min().orElseThrow();
        double highest = runs.stream().mapToDouble(LoadRun::perSecond).max().orElseThrow();
        return text + String.format(Locale.ROOT, " (median of %d: %,.0f–%,.0f/s)", runs.size(), lowest, highest);
    }

    /** Writes the 100,000 items of about 1 KB with BatchWriteItem, 25 at a time, from 4 clients. */
    private static void load(URI endpoint, String table) throws Exception {
        List<DynamoDbClient> clients = IntStream.range(0, 4)
                .mapToObj(i -> TargetClients.forEndpoint(endpoint).dynamo())
                .toList();
        createTable(clients.getFirst(), table, false);
        runConcurrently(clients, MEMORY_ITEMS / 25, (client, batch) -> {
            List<WriteRequest> writes = IntStream.range(batch * 25, batch * 25 + 25)
                    .mapToObj(i -> WriteRequest.builder()
                            .putRequest(p -> p.item(Map.of(
                                    "pk", AttributeValue.fromS(String.format(Locale.ROOT, "item-%08d", i)),
                                    "d", AttributeValue.fromS(ONE_KB_FILLER))))
                            .build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        });
        int count =
                clients.getFirst().scan(r -> r.tableName(table).select("COUNT")).count();
        clients.forEach(DynamoDbClient::close);
        if (count == 0) {
            throw new IllegalStateException("no items loaded");
        }
    }

    private static void createTable(DynamoDbClient client, String table, boolean withRange) {
        client.createTable(r -> {
            r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
            if (withRange) {
                r.attributeDefinitions(
                                a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                        .keySchema(
                                k -> k.attributeName("pk").keyType(KeyType.HASH),
                                k -> k.attributeName("sk").keyType(KeyType.RANGE));
            } else {
                r.attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH));
            }
        });
    }

    private static Map<String, AttributeValue> key(int i) {
        return Map.of("pk", AttributeValue.fromS("k" + i));
    }

    private static Map<String, AttributeValue> withKey(Map<String, AttributeValue> item, int i) {
        Map<String, AttributeValue> copy = new LinkedHashMap<>(item);
        copy.put("pk", AttributeValue.fromS("k" + i));
        return copy;
    }

    @FunctionalInterface
    private interface Call {
        void run(DynamoDbClient client, int index) throws Exception;
    }

    /** Latencies in nanoseconds, sorted, and the wall time of the whole run. */
    private record Run(long[] latencies, long wallNanos) {
        long percentile(double p) {
            return latencies[Math.min(latencies.length - 1, (int) Math.ceil(p / 100 * latencies.length) - 1)];
        }

        double perSecond() {
            return latencies.length / (wallNanos / 1e9);
        }
    }

    /** {@code calls} calls shared among the clients, each client on a thread of its own, all starting together. */
    private static Run runConcurrently(List<DynamoDbClient> clients, int calls, Call call) throws Exception {
        int threads = clients.size();
        long[] latencies = new long[calls];
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                DynamoDbClient client = clients.get(t);
                work.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = thread; i < calls; i += threads) {
                        long began = System.nanoTime();
                        call.run(client, i);
                        latencies[i] = System.nanoTime() - began;
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> f : work) {
                f.get();
            }
            long wall = System.nanoTime() - began;
            Arrays.sort(latencies);
            return new Run(latencies, wall);
        } finally {
            pool.shutdownNow();
        }
    }

    private static String describe(Run run) {
        return String.format(
                Locale.ROOT,
                "p50 %.2f ms, p99 %.2f ms, %,.0f/s",
                run.percentile(50) / 1e6,
                run.percentile(99) / 1e6,
                run.perSecond());
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of a process, from /proc (Linux). */
    private static long residentBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS for process " + pid);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.0f ms", nanos / 1e6);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f MB", bytes / 1024.0 / 1024.0);
    }

    private static String table(Map<String, Map<String, String>> results) {
        List<String> servers = new ArrayList<>(results.keySet());
        StringBuilder text = new StringBuilder(
                "| measure | " + String.join(" | ", servers) + " |\n|---|" + "---|".repeat(servers.size()) + "\n");
        for (String measure : results.values().iterator().next().keySet()) {
            text.append("| ").append(measure);
            for (String server : servers) {
                text.append(" | ").append(results.get(server).getOrDefault(measure, "-"));
            }
            text.append(" |\n");
        }
        text.append("\nMachine: ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(System.getProperty("os.name"))
                .append(' ')
                .append(System.getProperty("os.arch"))
                .append(", max heap ")
                .append(megabytes(Runtime.getRuntime().maxMemory()));
        return text.toString();
    }
}
