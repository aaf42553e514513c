package dev.groundwork.local.lambda.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.groundwork.local.template.LocalAccessControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Groundwork's stand-in for the Lambda Runtime API that one function's runtime talks to: it hands out events one at a
 * time with the headers Lambda sends, and takes the answers, errors and init errors back. It also serves the
 * container credentials endpoint SnapStart functions are given.
 * See https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html
 *
 * <p>Lifecycle hook: a runtime that is told it runs under SnapStart ({@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start})
 * calls {@code GET /2018-06-01/runtime/restore/next} after init and runs its checkpoint hooks until that call returns.
 * {@link #checkpointed()} completes when that call comes (the checkpoint hooks have run: the snapshot would be taken
 * now), and {@link #restore()} answers it (after-restore). Credentials served after the restore are counted apart.
 */
public final class RuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime";
    public static final String CREDENTIALS_PATH = "/2021-04-23/credentials";

    static {
        // The JDK's server leaves Nagle's algorithm on, and writes an answer of more than its 8 KB buffer in two
        // segments: the second waited for the first's ACK, which the runtime client's kernel delays by 40 ms. Every
        // event over 8 KB (a stream batch of a few items) took 40 ms more than its function did, which Lambda's own
        // Runtime API does not add. Read once, when the JVM's first such server starts: here, before any.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** What the runtime answered to one event. */
    public record Answer(String requestId, boolean error, String body, String errorType, Duration took) {}

    private record Pending(String requestId, String event, Instant handedOut, CompletableFuture<Answer> answer) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final BlockingQueue<Pending> events = new LinkedBlockingQueue<>();
    private final Map<String, Pending> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Instant> handedOutAt = new ConcurrentHashMap<>();
    private final CompletableFuture<Instant> firstNext = new CompletableFuture<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> restored = new CompletableFuture<>();
    private final CompletableFuture<Instant> checkpointed = new CompletableFuture<>();
    private final AtomicInteger credentialsServedAfterRestore = new AtomicInteger();
    private final String functionArn;
    private final Duration timeout;
    private final String credentialsToken = UUID.randomUUID().toString();
    private final AtomicInteger credentialsServed = new AtomicInteger();
    private final LocalAccessControl.FunctionKeys executionRole;

    /**
     * @param executionRole the keys of the function's execution role, handed to it as Lambda hands them: in its
     *     environment ({@link LambdaProcess}) or from the container credentials endpoint (SnapStart)
     */
    public RuntimeApi(String functionArn, Duration timeout, LocalAccessControl.FunctionKeys executionRole) {
        this.functionArn = functionArn;
        this.timeout = timeout;
        this.executionRole = executionRole;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(PREFIX, this::runtime);
        server.createContext(CREDENTIALS_PATH, this::credentials);
        server.start();
    }

    /** {@code host:port}, as Lambda sets {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public LocalAccessControl.FunctionKeys executionRole() {
        return executionRole;
    }

    public String credentialsUri() {
        return "http://" + address() + CREDENTIALS_PATH;
    }

    public String credentialsToken() {
        return credentialsToken;
    }

    public int credentialsServed() {
        return credentialsServed.get();
    }

    /** Completes when the runtime first asks for an event (its init is done), or with the init error it reported. */
    public CompletableFuture<Instant> ready() {
        return firstNext;
    }

    public CompletableFuture<String> initError() {
        return initError;
    }

    /** Completes when a SnapStart runtime, its checkpoint hooks run, asks for {@code restore/next}. */
    public CompletableFuture<Instant> checkpointed() {
        return checkpointed;
    }

    public int credentialsServedAfterRestore() {
        return credentialsServedAfterRestore.get();
    }

    /** Answers the runtime's {@code restore/next}: the after-restore point of a SnapStart lifecycle. */
    public void restore() {
        restored.complete(null);
    }

    /** Hands the runtime one event and returns its answer when it comes. */
    public CompletableFuture<Answer> invoke(String event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, Instant.now(), new CompletableFuture<>());
        events.add(pending);
        return pending.answer();
    }

    private void runtime(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (method.equals("GET") && path.equals("/invocation/next")) {
                next(exchange);
            } else if (method.equals("GET") && path.equals("/restore/next")) {
                checkpointed.complete(Instant.now());
                restored.join();
                send(exchange, 200, "");
            } else if (method.equals("POST") && path.equals("/init/error")) {
                initError.complete(errorType(exchange) + " " + new String(body, StandardCharsets.UTF_8));
                send(exchange, 202, "{\"status\":\"OK\"}");
            } else if (method.equals("POST") && path.startsWith("/invocation/")) {
                answer(exchange, path, body);
            } else {
                send(exchange, 404, "{\"errorMessage\":\"not found\",\"errorType\":\"InvalidRequestID\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        firstNext.complete(Instant.now());
        Pending pending;
        try {
            pending = events.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        inFlight.put(pending.requestId(), pending);
        handedOutAt.put(pending.requestId(), Instant.now());
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", pending.requestId());
        headers.set(
                "Lambda-Runtime-Deadline-Ms",
                Long.toString(Instant.now().plus(timeout).toEpochMilli()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        headers.set("Lambda-Runtime-Trace-Id", traceId());
        send(exchange, 200, pending.event());
    }

    private void answer(HttpExchange exchange, String path, byte[] body) throws IOException {
        String[] parts = path.split("/"); // "", "invocation", id, "response" | "error"
        Pending pending = parts.length == 4 ? inFlight.remove(parts[2]) : null;
        if (pending == null || !(parts[3].equals("response") || parts[3].equals("error"))) {
            send(exchange, 400, "{\"errorMessage\":\"unknown request id\",\"errorType\":\"InvalidRequestID\"}");
            return;
        }
        send(exchange, 202, "{\"status\":\"OK\"}");
        boolean error = parts[3].equals("error");
        pending.answer()
                .complete(new Answer(
                        pending.requestId(),
                        error,
                        new String(body, StandardCharsets.UTF_8),
                        error ? errorType(exchange) : null,
                        Duration.between(handedOutAt.remove(pending.requestId()), Instant.now())));
    }

    /** The endpoint Lambda gives a SnapStart function, checking the token it gave with it. */
    private void credentials(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            if (!credentialsToken.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"message\":\"bad token\"}");
                return;
            }
            int served = credentialsServed.incrementAndGet();
            if (restored.isDone()) {
                credentialsServedAfterRestore.incrementAndGet();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            send(
                    exchange,
                    200,
                    "{\"AccessKeyId\":\"" + executionRole.accessKeyId() + "\",\"SecretAccessKey\":\""
                            + executionRole.secretAccessKey() + "\",\"Token\":\"stand-in-" + served
                            + "\",\"Expiration\":\"" + Instant.now().plus(Duration.ofHours(6)) + "\"}");
        }
    }

    private static String errorType(HttpExchange exchange) {
        return Optional.ofNullable(exchange.getRequestHeaders().getFirst("Lambda-Runtime-Function-Error-Type"))
                .orElse("");
    }

    /** An X-Ray trace header as Lambda sends it (https://docs.aws.amazon.com/xray/latest/devguide/xray-concepts.html). */
    private static String traceId() {
        HexFormat hex = HexFormat.of();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "Root=1-" + Long.toHexString(Instant.now().getEpochSecond()) + "-"
                + hex.toHexDigits(random.nextInt()) + hex.toHexDigits(random.nextLong()) + ";Parent="
                + hex.toHexDigits(random.nextLong()) + ";Sampled=0";
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
