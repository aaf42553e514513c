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
 * <p>Run it with {@code ./groundwork bench dynamodb} (a fresh JVM, so the embedded server's start is a cold start).
 * Two kinds of rows: "via the SDK" rows use AWS SDK v2 {@code DynamoDbClient}s with the url-connection HTTP client on
 * threads of this JVM, as a Java user's code sees the server (latencies include the SDK's work); "raw HTTP" rows are
 * driven by {@link LoadGenerator} in a separate JVM, measuring the server itself, and the throughput ratio
 * embedded ÷ dynalite is computed from those.
 */
public final class DynamoDbBenchmark {

    private static final int WARM_UP_CALLS = Integer.getInteger("bench.warmup", 3000);
    private static final int CALLS_PER_RUN = Integer.getInteger("bench.calls", 4000);
    private static final int MEMORY_ITEMS = Integer.getInteger("bench.memoryItems", 100_000);
    private static final int QUERY_RUNS = 300;
    private static final String ONE_KB_FILLER = "x".repeat(1000);
    private static final double LOAD_WARM_UP_SECONDS = Double.parseDouble(System.getProperty("bench.loadWarmUpSeconds", "2"));
    private static final double LOAD_SECONDS = Double.parseDouble(System.getProperty("bench.loadSeconds", "5"));
    private static final int LOAD_KEYS = Integer.getInteger("bench.loadKeys", 10_000);
    private static final String SDK = " via the SDK";
    private static final String RAW = " (raw HTTP from a separate load-generator process)";

    private DynamoDbBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // The JDK keeps 5 idle keep-alive connections per host by default; 16 clients need 16.
        System.setProperty("http.maxConnections", "64");
        Map<String, Map<String, String>> results = new LinkedHashMap<>();
        Map<String, Double> embeddedThroughput = new LinkedHashMap<>();
        Map<String, String> embedded = measureEmbedded(embeddedThroughput);
        results.put("embedded", embedded);
        if (Dynalite.unavailableReason().isPresent()) {
            System.out.println("dynalite not measured: " + Dynalite.unavailableReason().get());
        } else {
            Map<String, Double> dynaliteThroughput = new LinkedHashMap<>();
            results.put("dynalite " + "4.0.0", measureDynalite(dynaliteThroughput));
            // The goal is stated as this ratio, so it gets rows of its own.
            embeddedThroughput.forEach((measure, perSecond) -> embedded.put("throughput embedded ÷ dynalite, " + measure,
                    String.format(Locale.ROOT, "%.2f×", perSecond / dynaliteThroughput.get(measure))));
        }
        System.out.println();
        System.out.println(table(results));
    }

    private static Map<String, String> measureEmbedded(Map<String, Double> throughput) throws Exception {
        Map<String, String> row = new LinkedHashMap<>();
        long started = System.nanoTime();
        EmbeddedDynamoDb server = EmbeddedDynamoDb.start();
        awaitFirstAnswer(server.endpoint());
        row.put("start to first answer", millis(System.nanoTime() - started));
        try {
            measureCalls(server.endpoint(), row, throughput);
            load(server.endpoint(), "memory");
            long loaded = heapAfterGc();
            // Deleting the table frees exactly what the items held; buffers the server keeps per connection stay.
            try (DynamoDbClient client = TargetClients.forEndpoint(server.endpoint()).dynamo()) {
                client.deleteTable(r -> r.tableName("memory"));
            }
            long emptied = heapAfterGc();
            row.put(memoryMeasure(), megabytes(loaded - emptied) + " (heap after GC, loaded minus after DeleteTable)");
        } finally {
            server.close();
        }
        long restarted = System.nanoTime();
        try (EmbeddedDynamoDb again = EmbeddedDynamoDb.start()) {
            awaitFirstAnswer(again.endpoint());
            row.put("start to first answer, second server in the JVM", millis(System.nanoTime() - restarted));
        }
        return row;
    }

    private static Map<String, String> measureDynalite(Map<String, Double> throughput) throws Exception {
        Map<String, String> row = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Dynalite dynalite = Dynalite.start()) {
            awaitFirstAnswer(dynalite.endpoint());
            row.put("start to first answer", millis(System.nanoTime() - started) + " (node child process)");
            measureCalls(dynalite.endpoint(), row, throughput);
            long before = residentBytes(dynalite.pid());
            load(dynalite.endpoint(), "memory");
            long after = residentBytes(dynalite.pid());
            row.put(memoryMeasure(), megabytes(after - before) + " (process RSS growth; " + megabytes(after) + " in all)");
        }
        long restarted = System.nanoTime();
        try (Dynalite again = Dynalite.start()) {
            awaitFirstAnswer(again.endpoint());
            row.put("start to first answer, second server in the JVM", millis(System.nanoTime() - restarted) + " (node child process)");
        }
        return row;
    }

    private static String memoryMeasure() {
        return String.format(Locale.ROOT, "memory for %,d items of 1 KB", MEMORY_ITEMS);
    }

    /**
     * A raw ListTables over a plain socket, retried until the server answers 200: the server's readiness, without
     * an HTTP client's or an SDK's own start-up in the figure.
     */
    private static void awaitFirstAnswer(URI endpoint) throws InterruptedException {
        byte[] request = ("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort() + "\r\n"
                + "X-Amz-Target: DynamoDB_20120810.ListTables\r\nContent-Type: application/x-amz-json-1.0\r\n"
                + "Authorization: AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=0\r\nX-Amz-Date: 20260101T000000Z\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int attempt = 0; attempt < 10_000; attempt++) {
            try (java.net.Socket socket = new java.net.Socket(endpoint.getHost(), endpoint.getPort())) {
                socket.getOutputStream().write(request);
                byte[] status = socket.getInputStream().readNBytes(12);
                if (new String(status, java.nio.charset.StandardCharsets.US_ASCII).endsWith("200")) {
                    return;
                }
            } catch (IOException notYetListening) {
                // try again
            }
            Thread.sleep(1);
        }
        throw new IllegalStateException(endpoint + " never answered");
    }

    private static void measureCalls(URI endpoint, Map<String, String> row, Map<String, Double> throughput) throws Exception {
        List<DynamoDbClient> clients = IntStream.range(0, 16).mapToObj(i -> TargetClients.forEndpoint(endpoint).dynamo()).toList();
        DynamoDbClient first = clients.getFirst();
        createTable(first, "bench", false);
        createTable(first, "bench-query", true);
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("k"), "d", AttributeValue.fromS(ONE_KB_FILLER));

        runConcurrently(clients, WARM_UP_CALLS, (client, i) -> client.putItem(r -> r.tableName("bench").item(withKey(item, i))));
        runConcurrently(clients, WARM_UP_CALLS, (client, i) -> client.getItem(r -> r.tableName("bench").key(key(i))));
        for (int concurrency : new int[] {1, 16}) {
            List<DynamoDbClient> subset = clients.subList(0, concurrency);
            row.put("PutItem" + SDK + ", " + concurrency + " client" + (concurrency > 1 ? "s" : ""), describe(runConcurrently(subset, CALLS_PER_RUN,
                    (client, i) -> client.putItem(r -> r.tableName("bench").item(withKey(item, i))))));
            row.put("GetItem" + SDK + ", " + concurrency + " client" + (concurrency > 1 ? "s" : ""), describe(runConcurrently(subset, CALLS_PER_RUN,
                    (client, i) -> client.getItem(r -> r.tableName("bench").key(key(i % CALLS_PER_RUN))))));
        }

        for (int i = 0; i < 100; i++) {
            int sk = i;
            first.putItem(r -> r.tableName("bench-query").item(Map.of("pk", AttributeValue.fromS("q"),
                    "sk", AttributeValue.fromN(Integer.toString(sk)), "d", AttributeValue.fromS("x".repeat(100)))));
        }
        Map<String, AttributeValue> values = Map.of(":q", AttributeValue.fromS("q"));
        runConcurrently(clients.subList(0, 1), 200, (client, i) -> client.query(r -> r.tableName("bench-query")
                .keyConditionExpression("pk = :q").expressionAttributeValues(values)));
        Run query = runConcurrently(clients.subList(0, 1), QUERY_RUNS, (client, i) -> {
            int count = client.query(r -> r.tableName("bench-query").keyConditionExpression("pk = :q").expressionAttributeValues(values)).count();
            if (count != 100) {
                throw new IllegalStateException("query returned " + count + " items");
            }
        });
        row.put("Query of 100 items" + SDK + ", 1 client", describe(query));
        measureRawCalls(endpoint, row, throughput);
        clients.forEach(DynamoDbClient::close);
    }

    /**
     * PutItem and GetItem as pre-built HTTP requests on keep-alive connections, sent by {@link LoadGenerator} in a JVM
     * of its own: the server's own latency and throughput, without the SDK's work (building, signing, parsing) and
     * without a load generator competing for the CPU inside the process under test. Each run is time-based (warm-up,
     * then a measured period) and identical for every server.
     */
    private static void measureRawCalls(URI endpoint, Map<String, String> row, Map<String, Double> throughput) throws Exception {
        String put = "{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"raw%d\"},\"d\":{\"S\":\"" + ONE_KB_FILLER + "\"}}}";
        String get = "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"raw%d\"}}}";
        for (int concurrency : new int[] {1, 16}) {
            String clients = concurrency + " client" + (concurrency > 1 ? "s" : "");
            // PutItem first, so that every key GetItem asks for exists (a miss would be cheaper to answer).
            for (String[] operation : new String[][] {{"PutItem", put}, {"GetItem", get}}) {
                String measure = operation[0] + ", " + clients + RAW;
                LoadRun run = generateLoad(endpoint, operation[0], concurrency, operation[1]);
                row.put(measure, describe(run));
                throughput.put(measure, run.perSecond());
            }
        }
    }

    /** One {@link LoadGenerator} process against {@code endpoint}; its one line of output is the run's result. */
    private static LoadRun generateLoad(URI endpoint, String operation, int clients, String template) throws Exception {
        String javaBinary = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = new ProcessBuilder(javaBinary, "-Xmx512m", "-cp", System.getProperty("java.class.path"), LoadGenerator.class.getName(),
                endpoint.getHost(), Integer.toString(endpoint.getPort()), operation, Integer.toString(clients),
                Double.toString(LOAD_WARM_UP_SECONDS), Double.toString(LOAD_SECONDS), Integer.toString(LOAD_KEYS), template)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (process.waitFor() != 0 || output.isEmpty()) {
            throw new IllegalStateException("load generator for " + operation + " failed (exit " + process.exitValue() + "): " + output);
        }
        String[] fields = output.lines().reduce((first, last) -> last).orElseThrow().split(" ");
        return new LoadRun(Long.parseLong(fields[0]), Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3]));
    }

    /** What {@link LoadGenerator} prints: calls answered, p50 and p99 in nanoseconds, and the measured period. */
    private record LoadRun(long count, long p50Nanos, long p99Nanos, long wallNanos) {
        double perSecond() {
            return count / (wallNanos / 1e9);
        }
    }

    private static String describe(LoadRun run) {
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %,.0f/s", run.p50Nanos() / 1e6, run.p99Nanos() / 1e6, run.perSecond());
    }

    /** Writes the 100,000 items of about 1 KB with BatchWriteItem, 25 at a time, from 4 clients. */
    private static void load(URI endpoint, String table) throws Exception {
        List<DynamoDbClient> clients = IntStream.range(0, 4).mapToObj(i -> TargetClients.forEndpoint(endpoint).dynamo()).toList();
        createTable(clients.getFirst(), table, false);
        runConcurrently(clients, MEMORY_ITEMS / 25, (client, batch) -> {
            List<WriteRequest> writes = IntStream.range(batch * 25, batch * 25 + 25)
                    .mapToObj(i -> WriteRequest.builder().putRequest(p -> p.item(Map.of(
                            "pk", AttributeValue.fromS(String.format(Locale.ROOT, "item-%08d", i)),
                            "d", AttributeValue.fromS(ONE_KB_FILLER)))).build())
                    .toList();
            Map<String, List<WriteRequest>> pending = Map.of(table, writes);
            while (!pending.isEmpty()) {
                Map<String, List<WriteRequest>> request = pending;
                pending = client.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
            }
        });
        int count = clients.getFirst().scan(r -> r.tableName(table).select("COUNT")).count();
        clients.forEach(DynamoDbClient::close);
        if (count == 0) {
            throw new IllegalStateException("no items loaded");
        }
    }

    private static void createTable(DynamoDbClient client, String table, boolean withRange) {
        client.createTable(r -> {
            r.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST);
            if (withRange) {
                r.attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                                a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                        .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH), k -> k.attributeName("sk").keyType(KeyType.RANGE));
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
        return String.format(Locale.ROOT, "p50 %.2f ms, p99 %.2f ms, %,.0f/s", run.percentile(50) / 1e6, run.percentile(99) / 1e6,
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
        StringBuilder text = new StringBuilder("| measure | " + String.join(" | ", servers) + " |\n|---|"
                + "---|".repeat(servers.size()) + "\n");
        for (String measure : results.values().iterator().next().keySet()) {
            text.append("| ").append(measure);
            for (String server : servers) {
                text.append(" | ").append(results.get(server).getOrDefault(measure, "-"));
            }
            text.append(" |\n");
        }
        text.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, Java ")
                .append(System.getProperty("java.version")).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append(", max heap ").append(megabytes(Runtime.getRuntime().maxMemory()));
        return text.toString();
    }
}
